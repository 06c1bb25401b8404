import type { SessionDto } from "@waybill/shared";
import { ApiError } from "../../api/api-error";
import type { WaybillApi } from "../../api/waybill-api";
import { h } from "../dom";

/** What the sign-in page needs from the app shell. */
export interface SignInPageOptions {
  readonly api: WaybillApi;
  /** A message to show above the form (signed out, session expired, wrong role). */
  readonly notice: string | null;
  readonly onSignedIn: (session: SessionDto) => void;
}

/**
 * Renders the sign-in form into `root`. Errors from the server's problem body are shown under
 * the form; on success the session goes to `onSignedIn`. Returns a no-op teardown.
 *
 * @example
 * renderSignInPage(root, { api, notice: null, onSignedIn: (session) => enter(session) });
 */
export function renderSignInPage(root: HTMLElement, options: SignInPageOptions): () => void {
  const parts = createFormParts();
  const form = h(
    "form",
    { class: "sign-in-form", "aria-labelledby": "sign-in-title" },
    options.notice ? h("p", { class: "form-notice", role: "status" }, options.notice) : null,
    labelled("Email", parts.email),
    labelled("Password", parts.password),
    parts.error,
    parts.submit,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void submitCredentials(options, parts);
  });
  root.replaceChildren(renderCard(form));
  parts.email.focus();
  return () => undefined;
}

function createFormParts(): FormParts {
  const input = (name: string, type: string, autocomplete: string) =>
    h("input", { class: "input", id: name, name, type, autocomplete, required: true });
  return {
    email: input("email", "email", "username"),
    password: input("password", "password", "current-password"),
    submit: h("button", { class: "btn btn-primary btn-block", type: "submit" }, "Sign in"),
    error: h("p", { class: "form-error", role: "alert", hidden: true }),
  };
}

function labelled(label: string, input: HTMLInputElement): HTMLElement {
  return h("label", { class: "field", for: input.id }, h("span", { class: "field-label" }, label), input);
}

interface FormParts {
  readonly email: HTMLInputElement;
  readonly password: HTMLInputElement;
  readonly submit: HTMLButtonElement;
  readonly error: HTMLElement;
}

async function submitCredentials(options: SignInPageOptions, form: FormParts): Promise<void> {
  form.submit.disabled = true;
  form.submit.textContent = "Signing in…";
  form.error.hidden = true;
  try {
    const session = await options.api.signIn({
      email: form.email.value.trim(),
      password: form.password.value,
    });
    options.onSignedIn(session);
  } catch (error) {
    form.error.textContent = describeSignInError(error);
    form.error.hidden = false;
    form.password.select();
  } finally {
    form.submit.disabled = false;
    form.submit.textContent = "Sign in";
  }
}

function describeSignInError(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return `Sign-in failed: ${error instanceof Error ? error.message : String(error)}`;
}

function renderCard(form: HTMLFormElement): HTMLElement {
  return h(
    "main",
    { class: "sign-in" },
    h(
      "section",
      { class: "sign-in-card" },
      h(
        "div",
        { class: "brand brand-large" },
        h("span", { class: "brand-mark", "aria-hidden": "true" }),
        "Waybill",
      ),
      h("h1", { id: "sign-in-title" }, "Sign in to Dispatch"),
      h("p", { class: "sign-in-lead" }, "Follow your fleet live on the map."),
      form,
    ),
  );
}
