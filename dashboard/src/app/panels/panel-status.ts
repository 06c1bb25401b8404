import { h } from "../dom";

/**
 * The loading, empty and error states of a panel in one place: a polite live region, so screen
 * readers hear what the sighted see. An error may offer a retry button.
 */
export class PanelStatus {
  readonly element = h("div", { class: "panel-status", role: "status", "aria-live": "polite", hidden: true });

  /** Shows a loading message. */
  loading(text: string): void {
    this.show("loading", h("span", { class: "spinner", "aria-hidden": "true" }), text);
  }

  /** Shows why there is nothing to list. */
  empty(text: string): void {
    this.show("empty", text);
  }

  /** Shows a failure, with a retry button when `retry` is given. */
  error(text: string, retry?: () => void): void {
    const children: Node[] = [h("span", {}, text)];
    if (retry) {
      const button = h("button", { class: "btn btn-secondary", type: "button" }, "Try again");
      button.addEventListener("click", retry);
      children.push(button);
    }
    this.show("error", ...children);
  }

  /** Hides the status. */
  clear(): void {
    this.element.hidden = true;
    this.element.replaceChildren();
  }

  private show(kind: "loading" | "empty" | "error", ...children: (Node | string)[]): void {
    this.element.dataset.kind = kind;
    this.element.replaceChildren(...children);
    this.element.hidden = false;
  }
}

/** The message of a failed call, for a person. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
