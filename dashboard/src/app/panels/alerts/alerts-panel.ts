import type { AlertDto, AlertKind } from "@waybill/shared";
import { AlertBook } from "../../../state/alert-book";
import { h } from "../../dom";
import type { ConsoleContext, ConsolePanel } from "../console-context";
import { describeError, PanelStatus } from "../panel-status";
import { formatDateTime, LOCAL_TIME_ZONE } from "../time-format";

const KIND_LABELS: Readonly<Record<AlertKind, string>> = {
  late_for_window: "Late for window",
  signal_lost: "Signal lost",
  stopped_too_long: "Stopped too long",
  incident: "Incident",
  off_route: "Off route",
  late_departure: "Late departure",
};

/**
 * Open alerts, newest first, as they arrive on the live channel (`alert:raised`, `alert:cleared`),
 * over a REST snapshot taken at start and after every reconnect. The tab badge counts the ones
 * nobody acknowledged. Clicking an alert shows its order, else its vehicle.
 */
export class AlertsPanel implements ConsolePanel {
  readonly element: HTMLElement;
  private readonly book = new AlertBook();
  private readonly list = h("ul", { class: "alert-list", "aria-label": "Open alerts" });
  private readonly status = new PanelStatus();
  private readonly fresh = new Set<string>();
  private generation = 0;

  constructor(
    private readonly context: ConsoleContext,
    private readonly onCount: (unacknowledged: number) => void,
  ) {
    this.element = h(
      "div",
      { class: "panel-body" },
      this.status.element,
      h("div", { class: "panel-scroll" }, this.list),
    );
    this.list.addEventListener("click", (event) => this.onClick(event));
    context.socket.on("alert:raised", this.onLive);
    context.socket.on("alert:cleared", this.onLive);
    context.socket.on("connect", this.onConnect);
    void this.loadSnapshot();
  }

  show(): void {
    this.fresh.clear();
    this.render();
  }

  destroy(): void {
    this.generation++;
    this.context.socket.off("alert:raised", this.onLive);
    this.context.socket.off("alert:cleared", this.onLive);
    this.context.socket.off("connect", this.onConnect);
  }

  private readonly onLive = (alert: AlertDto): void => {
    if (!this.book.apply(alert)) return;
    if (alert.clearedAt === null) this.fresh.add(alert.id);
    this.render();
  };

  /** Events may have been missed while disconnected: take a new snapshot. */
  private readonly onConnect = (): void => void this.loadSnapshot();

  private async loadSnapshot(): Promise<void> {
    const generation = ++this.generation;
    if (this.book.list().length === 0) this.status.loading("Loading alerts…");
    try {
      const alerts = await this.context.api.listOpenAlerts();
      if (generation !== this.generation) return;
      this.book.reset(alerts);
      this.render();
    } catch (error) {
      if (generation === this.generation)
        this.status.error(`Could not load alerts. ${describeError(error)}`, () => void this.loadSnapshot());
    }
  }

  private render(): void {
    const alerts = this.book.list();
    this.list.replaceChildren(...alerts.map((alert) => this.renderAlert(alert)));
    if (alerts.length === 0)
      this.status.empty("No open alerts. Delays, lost signals and incidents appear here live.");
    else this.status.clear();
    this.onCount(this.book.unacknowledgedCount());
  }

  private renderAlert(alert: AlertDto): HTMLElement {
    const acknowledged = alert.acknowledgedAt !== null;
    const subject = alert.orderId
      ? "Show order"
      : alert.vehicleId
        ? `Show ${this.context.vehicleName(alert.vehicleId)}`
        : null;
    return h(
      "li",
      {
        class: `alert-item${acknowledged ? " is-acknowledged" : ""}${this.fresh.has(alert.id) ? " is-new" : ""}`,
        "data-alert-id": alert.id,
        "data-kind": alert.kind,
      },
      h(
        "div",
        { class: "alert-head" },
        h("strong", {}, KIND_LABELS[alert.kind]),
        h("time", { datetime: alert.raisedAt }, formatDateTime(alert.raisedAt, LOCAL_TIME_ZONE)),
      ),
      h("p", { class: "alert-detail" }, alert.detail),
      h(
        "div",
        { class: "button-row" },
        subject && h("button", { class: "btn btn-quiet", type: "button", "data-action": "focus" }, subject),
        acknowledged
          ? h("span", { class: "muted" }, "Acknowledged")
          : h(
              "button",
              { class: "btn btn-secondary", type: "button", "data-action": "acknowledge" },
              "Acknowledge",
            ),
      ),
    );
  }

  private onClick(event: Event): void {
    const button = (event.target as Element).closest<HTMLButtonElement>("button[data-action]");
    const id = button?.closest<HTMLElement>("[data-alert-id]")?.dataset.alertId;
    const alert = this.book.list().find((candidate) => candidate.id === id);
    if (!button || !alert) return;
    if (button.dataset.action === "acknowledge") void this.acknowledge(alert, button);
    else if (alert.orderId) this.context.openOrder(alert.orderId);
    else if (alert.vehicleId) this.context.focusVehicle(alert.vehicleId);
  }

  private async acknowledge(alert: AlertDto, button: HTMLButtonElement): Promise<void> {
    button.disabled = true;
    try {
      this.book.apply(await this.context.api.acknowledgeAlert(alert.id));
      this.render();
    } catch (error) {
      button.disabled = false;
      button.title = describeError(error);
      this.status.error(`Could not acknowledge. ${describeError(error)}`);
    }
  }
}
