import type { DriverStopDto, FailureReason } from "@waybill/shared";
import { h } from "../../app/dom";
import { FAILURE_REASON_LABELS, labelKeys } from "../labels/driver-labels";
import { PhotoPicker } from "./photo-picker";
import { field, formError, openSheet, showFormError } from "./sheet";

/** A failed attempt as the driver reports it. */
export interface FailureReport {
  readonly reason: FailureReason;
  /** Required for "other". */
  readonly note: string | null;
  readonly photos: readonly Blob[];
}

/**
 * Why the delivery failed: one reason from the closed list (large radio rows), a note (required
 * for "other") and an optional photo.
 *
 * @example
 * openFailureSheet(stop, (report) => queueFailure(stop, report));
 */
export function openFailureSheet(
  stop: DriverStopDto,
  onConfirm: (report: FailureReport) => Promise<void>,
): void {
  const reasons = labelKeys(FAILURE_REASON_LABELS).map((reason) =>
    h(
      "label",
      { class: "choice" },
      h("input", { type: "radio", name: "reason", value: reason }),
      h("span", {}, FAILURE_REASON_LABELS[reason]),
    ),
  );
  const note = h("textarea", { id: "failure-note", class: "field-input", rows: 2, maxlength: 2000 });
  const photos = new PhotoPicker("failure-photos", "Add a photo");
  const error = formError();
  const form = h(
    "form",
    { class: "sheet-form" },
    h("fieldset", { class: "choices" }, h("legend", { class: "field-label" }, "Reason"), ...reasons),
    field("Note", note, "Required when the reason is Other"),
    photos.element,
    error,
    h("button", { class: "action action-danger", type: "submit" }, "Confirm failed delivery"),
  );
  openSheet(`Failed: ${stop.order.customerName}`, form, async () => {
    const reason = new FormData(form).get("reason") as FailureReason | null;
    const text = note.value.trim() || null;
    if (reason === null) return showFormError(error, "Choose a reason.");
    if (reason === "other" && text === null) return showFormError(error, "Say what happened.");
    await onConfirm({ reason, note: text, photos: await photos.photos() });
    return true;
  });
}
