import type { IncidentKind } from "@waybill/shared";
import { h } from "../../app/dom";
import { INCIDENT_LABELS, labelKeys } from "../labels/driver-labels";
import { field, formError, openSheet, showFormError } from "./sheet";

/**
 * Reports an incident from the road: its kind (large radio rows) and a note (required for
 * "something else").
 *
 * @example
 * openIncidentSheet((kind, note) => queueIncident(kind, note));
 */
export function openIncidentSheet(
  onConfirm: (kind: IncidentKind, note: string | null) => Promise<void>,
): void {
  const kinds = labelKeys(INCIDENT_LABELS).map((kind) =>
    h(
      "label",
      { class: "choice" },
      h("input", { type: "radio", name: "kind", value: kind }),
      h("span", {}, INCIDENT_LABELS[kind]),
    ),
  );
  const note = h("textarea", { id: "incident-note", class: "field-input", rows: 2, maxlength: 2000 });
  const error = formError();
  const form = h(
    "form",
    { class: "sheet-form" },
    h("fieldset", { class: "choices" }, h("legend", { class: "field-label" }, "What happened?"), ...kinds),
    field("Note", note, "Required for Something else"),
    error,
    h("button", { class: "action action-danger", type: "submit" }, "Send report"),
  );
  openSheet("Report an incident", form, async () => {
    const kind = new FormData(form).get("kind") as IncidentKind | null;
    const text = note.value.trim() || null;
    if (kind === null) return showFormError(error, "Choose what happened.");
    if (kind === "other" && text === null) return showFormError(error, "Say what happened.");
    await onConfirm(kind, text);
    return true;
  });
}
