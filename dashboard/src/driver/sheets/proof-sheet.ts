import type { DriverStopDto } from "@waybill/shared";
import { h } from "../../app/dom";
import type { ProofDraft } from "../outbox/outbox-action";
import { PhotoPicker } from "./photo-picker";
import { field, formError, openSheet, showFormError } from "./sheet";
import { SignaturePad } from "./signature-pad";

/**
 * The proof of delivery at the door: the recipient's name, their signature on the screen and
 * photos. Hands the proof (without a position; the caller adds it) to `onConfirm`.
 *
 * @example
 * openProofSheet(stop, (proof) => queueDelivery(stop, proof));
 */
export function openProofSheet(
  stop: DriverStopDto,
  onConfirm: (proof: Omit<ProofDraft, "position">) => Promise<void>,
): void {
  const recipient = h("input", {
    id: "proof-recipient",
    class: "field-input",
    type: "text",
    autocomplete: "off",
    value: stop.order.customerName,
  });
  const signature = new SignaturePad();
  const photos = new PhotoPicker("proof-photos", "Take a photo");
  const error = formError();
  const form = h(
    "form",
    { class: "sheet-form" },
    field("Recipient's name", recipient),
    h("div", { class: "field" }, h("span", { class: "field-label" }, "Signature"), signature.element),
    photos.element,
    error,
    h("button", { class: "action action-success", type: "submit" }, "Confirm delivery"),
  );
  openSheet(`Deliver to ${stop.order.customerName}`, form, async () => {
    const recipientName = recipient.value.trim() || null;
    const pictures = await photos.photos();
    if (signature.isEmpty && pictures.length === 0)
      return showFormError(error, "Ask for a signature or take a photo of the delivered goods.");
    await onConfirm({
      signature: signature.isEmpty ? null : await signature.toPng(),
      photos: pictures,
      recipientName,
      note: null,
    });
    return true;
  });
  signature.fit();
}
