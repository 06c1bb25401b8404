import { h } from "../../app/dom";

/** An open sheet: close it once its action is queued. */
export interface Sheet {
  close(): void;
}

/**
 * Opens a modal bottom sheet (`<dialog>`: focus is trapped, Escape and "Cancel" close it) with a
 * title and a form. `onSubmit` runs on the form's submit and closes the sheet when it resolves
 * true; the sheet is removed from the page once closed.
 *
 * @example
 * openSheet("Report an incident", form, async () => { await queue(); return true; });
 */
export function openSheet(title: string, form: HTMLFormElement, onSubmit: () => Promise<boolean>): Sheet {
  const titleId = `sheet-title-${Math.random().toString(36).slice(2)}`;
  const cancel = h("button", { class: "action action-quiet", type: "button" }, "Cancel");
  const dialog = h(
    "dialog",
    { class: "sheet", "aria-labelledby": titleId },
    h("div", { class: "sheet-head" }, h("h2", { id: titleId }, title), cancel),
    form,
  );
  const close = () => dialog.close();
  cancel.addEventListener("click", close);
  dialog.addEventListener("close", () => dialog.remove());
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const submit = form.querySelector<HTMLButtonElement>("button[type=submit]");
    if (submit) submit.disabled = true;
    void onSubmit()
      .then((done) => {
        if (done) close();
      })
      .finally(() => {
        if (submit) submit.disabled = false;
      });
  });
  document.body.append(dialog);
  dialog.showModal();
  return { close };
}

/**
 * A labelled field for a sheet's form.
 *
 * @example
 * field("Recipient's name", h("input", { id: "recipient", class: "field-input" }));
 */
export function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  return h(
    "label",
    { class: "field", for: control.id },
    h("span", { class: "field-label" }, label),
    hint ? h("span", { class: "field-hint" }, hint) : null,
    control,
  );
}

/** A line under a form that says what is missing; empty and hidden until {@link showFormError}. */
export function formError(): HTMLParagraphElement {
  return h("p", { class: "form-error", role: "alert", hidden: true });
}

/** Shows `message` in a {@link formError} line, and returns false (the sheet stays open). */
export function showFormError(line: HTMLElement, message: string): false {
  line.textContent = message;
  line.hidden = false;
  return false;
}
