import type { SessionDto, SignInBody } from "@waybill/shared";
import { h } from "../../app/dom";

/** What the driver's sign-in page needs. */
export interface DriverSignInOptions {
  readonly signIn: (credentials: SignInBody) => Promise<SessionDto>;
  /** Shown above the form: signed out, session expired, wrong role. */
  readonly notice: string | null;
  readonly onSignedIn: (session: SessionDto) => void;
}

/**
 * The driver's sign-in: two large fields and one button. The server's problem text is shown as
 * it is. (The dispatcher's sign-in page is written for dispatch, with its own title and lead.)
 *
 * @example
 * renderDriverSignIn(root, { signIn: api.signIn, notice: null, onSignedIn: enter });
 */
export function renderDriverSignIn(root: HTMLElement, options: DriverSignInOptions): void {
  const email = h("input", {
    class: "field-input",
    id: "email",
    type: "email",
    autocomplete: "username",
    required: true,
  });
  const password = h("input", {
    class: "field-input",
    id: "password",
    type: "password",
    autocomplete: "current-password",
    required: true,
  });
  const error = h("p", { class: "sign-in-error", role: "alert", hidden: true });
  const submit = h("button", { class: "action action-primary", type: "submit" }, "Sign in");
  const form = h(
    "form",
    { class: "sign-in-form", "aria-labelledby": "sign-in-title" },
    options.notice ? h("p", { class: "sign-in-notice", role: "status" }, options.notice) : null,
    h("label", { class: "field", for: "email" }, h("span", { class: "field-label" }, "Email"), email),
    h(
      "label",
      { class: "field", for: "password" },
      h("span", { class: "field-label" }, "Password"),
      password,
    ),
    error,
    submit,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    submit.disabled = true;
    error.hidden = true;
    options
      .signIn({ email: email.value.trim(), password: password.value })
      .then(options.onSignedIn, (failure: unknown) => {
        error.textContent = failure instanceof Error ? failure.message : String(failure);
        error.hidden = false;
        password.select();
      })
      .finally(() => {
        submit.disabled = false;
      });
  });
  root.replaceChildren(
    h(
      "main",
      { class: "sign-in" },
      h(
        "div",
        { class: "brand" },
        h("span", { class: "brand-mark", "aria-hidden": "true" }),
        "Waybill Driver",
      ),
      h("h1", { id: "sign-in-title" }, "Sign in for your route"),
      form,
    ),
  );
  email.focus();
}
