import { h } from "../dom";

/**
 * A detail drawer over the left edge of the map (an order's detail). It takes the focus when it
 * opens, closes on Escape or its close button, and gives the focus back to where it came from.
 */
export class Drawer {
  readonly element: HTMLElement;
  private readonly title = h("h2", { class: "drawer-title", id: "drawer-title" });
  private readonly body = h("div", { class: "drawer-body" });
  private returnFocus: HTMLElement | null = null;
  private onClose: (() => void) | null = null;

  constructor() {
    const close = h(
      "button",
      { class: "btn btn-quiet drawer-close", type: "button", "aria-label": "Close" },
      "✕",
    );
    close.addEventListener("click", () => this.close());
    this.element = h(
      "section",
      { class: "drawer", role: "dialog", "aria-labelledby": "drawer-title", tabindex: -1, hidden: true },
      h("header", { class: "drawer-head" }, this.title, close),
      this.body,
    );
    this.element.addEventListener("keydown", (event) => {
      if (event.key === "Escape") this.close();
    });
  }

  /** Opens (or replaces) the drawer's content; `onClose` runs when it is closed or replaced. */
  open(title: string, content: Node, onClose: () => void = () => undefined): void {
    this.onClose?.();
    if (this.element.hidden && document.activeElement instanceof HTMLElement) {
      this.returnFocus = document.activeElement;
    }
    this.title.textContent = title;
    this.body.replaceChildren(content);
    this.onClose = onClose;
    this.element.hidden = false;
    this.element.focus();
  }

  /** Closes the drawer and returns the focus. */
  close(): void {
    if (this.element.hidden) return;
    this.element.hidden = true;
    this.body.replaceChildren();
    this.onClose?.();
    this.onClose = null;
    this.returnFocus?.focus();
    this.returnFocus = null;
  }
}
