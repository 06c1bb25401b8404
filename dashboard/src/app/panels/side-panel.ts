import { h } from "../dom";
import { AlertsPanel } from "./alerts/alerts-panel";
import { ClosuresPanel } from "./closures/closures-panel";
import type { ConsoleContext, ConsolePanel } from "./console-context";
import { KpisPanel } from "./kpis/kpis-panel";
import { OrderDetail } from "./orders/order-detail";
import { OrdersPanel } from "./orders/orders-panel";
import { PlansPanel } from "./plans/plans-panel";
import { ProposalsPanel } from "./proposals/proposals-panel";
import { ReplayPanel } from "./replay/replay-panel";
import { TabStrip } from "./tab-strip";

/** The context the side panel completes itself (opening orders is its own job). */
export type SidePanelContext = Omit<ConsoleContext, "openOrder">;

const TABS = [
  { id: "vehicles", label: "Vehicles" },
  { id: "orders", label: "Orders" },
  { id: "alerts", label: "Alerts" },
  { id: "plans", label: "Plans" },
  { id: "proposals", label: "Proposals" },
  { id: "replay", label: "Replay" },
  { id: "closures", label: "Closures" },
  { id: "kpis", label: "KPIs" },
] as const;

type TabId = (typeof TABS)[number]["id"];

/**
 * The console's side panel: tabs for the vehicle list (given, built by the page) and the
 * Orders, Alerts, Plans, Proposals, Replay, Closures and KPIs panels. Panels are created when their tab first
 * opens, except Alerts and Proposals, which listen from the start so their badges count what arrives. The order drawer is
 * opened from here, whichever panel asks.
 */
export class SidePanel {
  readonly element: HTMLElement;
  private readonly tabs: TabStrip;
  private readonly hosts = new Map<TabId, HTMLElement>();
  private readonly panels = new Map<TabId, ConsolePanel>();
  private context: ConsoleContext | null = null;

  /** `vehicles` is the Vehicles tab's content; `onShowVehicles` runs when that tab is shown again. */
  constructor(
    vehicles: HTMLElement,
    private readonly onShowVehicles: () => void,
  ) {
    this.tabs = new TabStrip(TABS, (tabId) => this.onSelect(tabId as TabId));
    const panels = TABS.map((tab) => {
      const host = this.tabs.panelFor(tab.id, ...(tab.id === "vehicles" ? [vehicles] : []));
      this.hosts.set(tab.id, host);
      return host;
    });
    this.element = h("aside", { class: "side-panel", "aria-label": "Console" }, this.tabs.element, ...panels);
  }

  /** Starts the panels once the map and the socket exist. */
  start(base: SidePanelContext): void {
    const context: ConsoleContext = { ...base, openOrder: (orderId) => this.openOrder(orderId) };
    this.context = context;
    this.mount(
      "alerts",
      new AlertsPanel(context, (count) =>
        this.tabs.setBadge("alerts", count, `${count} unacknowledged ${count === 1 ? "alert" : "alerts"}`),
      ),
    );
    this.mount(
      "proposals",
      new ProposalsPanel(context, (count) =>
        this.tabs.setBadge(
          "proposals",
          count,
          `${count} ${count === 1 ? "proposal awaits" : "proposals await"} a decision`,
        ),
      ),
    );
  }

  /** A plan stop was clicked on the map: open the Plans tab at that stop. */
  revealPlanStop(stopId: string): void {
    this.tabs.select("plans");
    const plans = this.panels.get("plans");
    if (plans instanceof PlansPanel) plans.revealStop(stopId);
  }

  /** A road closure was clicked on the map: open the Closures tab at it. */
  revealClosure(closureId: string): void {
    this.tabs.select("closures");
    const closures = this.panels.get("closures");
    if (closures instanceof ClosuresPanel) closures.reveal(closureId);
  }

  destroy(): void {
    for (const panel of this.panels.values()) panel.destroy();
    this.context?.drawer.close();
  }

  private onSelect(tabId: TabId): void {
    if (tabId === "vehicles") {
      this.onShowVehicles();
      return;
    }
    if (this.context === null) return;
    const panel =
      this.panels.get(tabId) ??
      (tabId === "alerts" || tabId === "proposals"
        ? null
        : this.mount(tabId, this.create(tabId, this.context)));
    panel?.show();
  }

  /** The lazily created panels (Alerts and Proposals are created by {@link SidePanel.start}). */
  private create(
    tabId: Exclude<TabId, "vehicles" | "alerts" | "proposals">,
    context: ConsoleContext,
  ): ConsolePanel {
    switch (tabId) {
      case "orders":
        return new OrdersPanel(context);
      case "plans":
        return new PlansPanel(context);
      case "replay":
        return new ReplayPanel(context);
      case "closures":
        return new ClosuresPanel(context);
      case "kpis":
        return new KpisPanel(context);
    }
  }

  private mount(tabId: TabId, panel: ConsolePanel): ConsolePanel {
    this.panels.set(tabId, panel);
    this.hosts.get(tabId)?.append(panel.element);
    return panel;
  }

  private openOrder(orderId: string): void {
    const context = this.context;
    if (context === null) return;
    const detail = new OrderDetail(context, orderId, () => {
      const orders = this.panels.get("orders");
      if (orders instanceof OrdersPanel) orders.reload();
    });
    context.drawer.open("Order", detail.element, () => detail.dispose());
    void detail.load();
  }
}
