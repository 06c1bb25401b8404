import { h, setText } from "../../app/dom";

/** Most photos one proof may carry (the server's limit). */
const MAX_PHOTOS = 6;
/** Longest side of a photo as sent, pixels: keeps a phone photo far below the 5 MB limit. */
const MAX_SIDE_PX = 1600;

/**
 * Takes photos with the phone's camera (`capture=environment`) or from its gallery. Photos are
 * scaled down to JPEG before they are queued, so they fit the server's limit and a weak network.
 */
export class PhotoPicker {
  readonly element: HTMLElement;
  private readonly input: HTMLInputElement;
  private readonly count = h("span", { class: "photo-count", "aria-live": "polite" }, "No photo");
  private files: File[] = [];

  constructor(id: string, label: string) {
    this.input = h("input", {
      id,
      class: "visually-hidden",
      type: "file",
      accept: "image/*",
      capture: "environment",
      multiple: true,
    });
    this.input.addEventListener("change", () => {
      this.files = [...this.files, ...(this.input.files ?? [])].slice(0, MAX_PHOTOS);
      setText(this.count, this.files.length === 1 ? "1 photo" : `${this.files.length} photos`);
    });
    this.element = h(
      "div",
      { class: "photo-picker" },
      h("label", { class: "action action-secondary", for: id }, label),
      this.count,
      this.input,
    );
  }

  /** The photos taken, scaled down (a photo the browser cannot decode is kept as it is). */
  async photos(): Promise<Blob[]> {
    return Promise.all(this.files.map((file) => scaleDown(file).catch(() => file)));
  }
}

async function scaleDown(file: File): Promise<Blob> {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, MAX_SIDE_PX / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  canvas.getContext("2d")?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error("photo not encoded"))),
      "image/jpeg",
      0.85,
    ),
  );
}
