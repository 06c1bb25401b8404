import type { ConnectionStatus } from "../../realtime/live-sync";
import { h, setText } from "../dom";

const LABELS: Record<ConnectionStatus, string> = {
  connecting: "Connecting…",
  live: "Live",
  reconnecting: "Reconnecting…",
  offline: "Offline",
};

/** The live / reconnecting / offline pill in the top bar. */
export class ConnectionBadge {
  readonly element: HTMLElement;
  private readonly label = h("span", { class: "connection-label" });
  private current: ConnectionStatus = "connecting";

  constructor() {
    this.element = h(
      "div",
      { class: "connection-badge", role: "status", "aria-live": "polite" },
      h("span", { class: "connection-dot", "aria-hidden": "true" }),
      this.label,
    );
    this.show("connecting", "Connecting to the live feed…");
  }

  /** The status shown now. */
  get status(): ConnectionStatus {
    return this.current;
  }

  /** Shows a status; `detail` goes to the tooltip. */
  show(status: ConnectionStatus, detail: string): void {
    this.current = status;
    this.element.dataset.status = status;
    this.element.title = detail;
    setText(this.label, LABELS[status]);
  }
}
