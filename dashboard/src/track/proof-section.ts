import type { ProofDto, TrackingViewDto } from "@waybill/shared";
import { h } from "../app/dom";

/** Caption and alternative text of a proof file, by kind. */
const FILE_TEXT: Record<string, { caption: string; alt: string }> = {
  signature: { caption: "Signature", alt: "Signature of the person who received the parcel" },
  photo: { caption: "Photo", alt: "Photo taken by the driver at the delivery" },
};

/**
 * Proof of delivery once there is some: the driver's photos and the signature (served through
 * the tracking link, opened full size on a tap), who received the parcel and the driver's note.
 * Rebuilt only when the proofs change, so images never reload on a refresh.
 */
export class ProofSection {
  readonly element = h("section", { class: "card proof-card", "aria-labelledby": "proof-heading" });
  private shown: string | null = null;

  update(view: TrackingViewDto): void {
    const proofs = view.proofs.filter((proof) => proof.files.length > 0 || proof.recipientName || proof.note);
    const heading = view.deliveredAt ? "Proof of delivery" : "From the delivery attempt";
    const key = JSON.stringify([heading, proofs]);
    if (key === this.shown) return;
    this.shown = key;
    this.element.hidden = proofs.length === 0;
    this.element.replaceChildren(h("h2", { id: "proof-heading" }, heading), ...proofs.map(proofBlock));
  }
}

function proofBlock(proof: ProofDto): HTMLElement {
  return h(
    "div",
    { class: "proof" },
    proof.files.length > 0 ? h("div", { class: "proof-files" }, ...proof.files.map(proofFile)) : null,
    proof.recipientName
      ? h("p", { class: "proof-line" }, "Received by ", h("strong", {}, proof.recipientName))
      : null,
    proof.note ? h("p", { class: "proof-line" }, `Driver's note: ${proof.note}`) : null,
  );
}

function proofFile(file: ProofDto["files"][number]): HTMLElement {
  const text = FILE_TEXT[file.kind] ?? { caption: "File", alt: "A file recorded at the delivery" };
  return h(
    "figure",
    { class: `proof-file proof-${file.kind}` },
    h(
      "a",
      { href: file.url, target: "_blank", rel: "noreferrer", class: "proof-link" },
      h("img", { src: file.url, alt: text.alt, loading: "lazy", decoding: "async" }),
    ),
    h("figcaption", {}, text.caption),
  );
}
