import { h } from "../../app/dom";

/** Line width of the signature, CSS pixels. */
const STROKE_PX = 3;

/**
 * A signature drawn with a finger on a canvas (pointer events, so mouse and pen work too),
 * exported as a PNG with a white background.
 */
export class SignaturePad {
  readonly element: HTMLElement;
  private readonly canvas = h("canvas", { class: "signature-canvas", "aria-label": "Signature area" });
  private readonly context: CanvasRenderingContext2D;
  private drawn = false;
  private last: { x: number; y: number } | null = null;

  constructor() {
    const context = this.canvas.getContext("2d");
    if (!context) throw new Error("this browser cannot draw on a canvas");
    this.context = context;
    const clear = h("button", { class: "action action-quiet", type: "button" }, "Clear");
    clear.addEventListener("click", () => this.clear());
    this.element = h(
      "div",
      { class: "signature" },
      this.canvas,
      h("div", { class: "signature-foot" }, h("span", { class: "field-hint" }, "Sign above the line"), clear),
    );
    this.canvas.addEventListener("pointerdown", (event) => this.begin(event));
    this.canvas.addEventListener("pointermove", (event) => this.extend(event));
    for (const end of ["pointerup", "pointercancel", "pointerleave"] as const)
      this.canvas.addEventListener(end, () => {
        this.last = null;
      });
  }

  /** True until the first stroke. */
  get isEmpty(): boolean {
    return !this.drawn;
  }

  /** Sizes the drawing surface to the canvas's displayed size; call once the sheet is shown. */
  fit(): void {
    const ratio = window.devicePixelRatio || 1;
    const { width, height } = this.canvas.getBoundingClientRect();
    this.canvas.width = Math.round(width * ratio);
    this.canvas.height = Math.round(height * ratio);
    this.context.scale(ratio, ratio);
    this.clear();
  }

  /** Wipes the signature. */
  clear(): void {
    const { width, height } = this.canvas;
    this.context.save();
    this.context.setTransform(1, 0, 0, 1, 0, 0);
    this.context.fillStyle = "#ffffff";
    this.context.fillRect(0, 0, width, height);
    this.context.restore();
    this.drawn = false;
  }

  /** The signature as a PNG. */
  toPng(): Promise<Blob> {
    return new Promise((resolve, reject) =>
      this.canvas.toBlob(
        (blob) => (blob ? resolve(blob) : reject(new Error("the signature could not be saved"))),
        "image/png",
      ),
    );
  }

  private begin(event: PointerEvent): void {
    event.preventDefault();
    this.canvas.setPointerCapture(event.pointerId);
    this.last = this.pointOf(event);
    this.line(this.last, { x: this.last.x + 0.1, y: this.last.y + 0.1 });
  }

  private extend(event: PointerEvent): void {
    if (this.last === null) return;
    const point = this.pointOf(event);
    this.line(this.last, point);
    this.last = point;
  }

  private line(from: { x: number; y: number }, to: { x: number; y: number }): void {
    const context = this.context;
    context.strokeStyle = "#000000";
    context.lineWidth = STROKE_PX;
    context.lineCap = "round";
    context.beginPath();
    context.moveTo(from.x, from.y);
    context.lineTo(to.x, to.y);
    context.stroke();
    this.drawn = true;
  }

  private pointOf(event: PointerEvent): { x: number; y: number } {
    const box = this.canvas.getBoundingClientRect();
    return { x: event.clientX - box.left, y: event.clientY - box.top };
  }
}
