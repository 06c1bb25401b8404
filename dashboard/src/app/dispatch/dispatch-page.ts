import type { SessionDto } from "@waybill/shared";
import type { MeDto } from "../../api/types";
import type { WaybillApi } from "../../api/waybill-api";
import type { AuthFailureCode } from "../../realtime/dispatch-socket";
import { FleetTable } from "../../state/fleet-table";
import { h } from "../dom";
import { ConnectionBadge } from "./connection-badge";
import { installDebugHook } from "./debug-hook";
import { DispatchController } from "./dispatch-controller";
import { FleetSummary } from "./fleet-summary";
import { VehicleList } from "./vehicle-list";

/** What the dispatch page needs from the app shell. */
export interface DispatchPageOptions {
  readonly api: WaybillApi;
  readonly session: SessionDto;
  readonly me: MeDto;
  readonly onSignOut: () => void;
  readonly onAuthFailure: (code: AuthFailureCode) => void;
}

/** How often the list, the counts and the freshness colours catch up with the clock. */
const CLOCK_TICK_MS = 1_000;

/**
 * Renders the dispatcher's live map into `root`: top bar, fleet panel (counts, filter, vehicle
 * list) and the map. Returns the teardown that stops the feed and removes the map.
 *
 * @example
 * const teardown = renderDispatchPage(root, { api, session, me, onSignOut, onAuthFailure });
 */
export function renderDispatchPage(root: HTMLElement, options: DispatchPageOptions): () => void {
  const page = new DispatchPage(options);
  root.replaceChildren(page.render());
  // The map is created only now, in an attached container, so it starts at its real size.
  return page.start();
}

class DispatchPage {
  readonly table = new FleetTable(256);
  readonly badge = new ConnectionBadge();
  readonly mapContainer = h("div", { class: "map", "aria-label": "Live map of the fleet" });
  readonly list = new VehicleList(this.table, (vehicleId) => this.pick(vehicleId));
  readonly summary = new FleetSummary(() => this.controller?.showAll());
  private controller: DispatchController | null = null;

  constructor(private readonly options: DispatchPageOptions) {}

  render(): HTMLElement {
    const panel = renderPanel(this.summary, this.list);
    const mapPane = h("main", { class: "map-pane" }, this.mapContainer);
    return h(
      "div",
      { class: "dispatch" },
      renderTopBar(this.options, this.badge),
      h("div", { class: "dispatch-body" }, panel, mapPane),
    );
  }

  /** Creates the map, starts the feed and the clock; returns the teardown. */
  start(): () => void {
    const { options, badge } = this;
    const controller = new DispatchController({
      api: options.api,
      table: this.table,
      token: options.session.token,
      mapContainer: this.mapContainer,
      styleUrl: options.me.mapStyleUrl,
      onStatus: (status, detail) => badge.show(status, detail),
      onAuthFailure: options.onAuthFailure,
      onSnapshot: () => this.refresh(),
      onSelect: (vehicleId) => this.pick(vehicleId),
    });
    this.controller = controller;
    controller.start();
    this.refresh();
    const ticker = setInterval(() => this.refresh(), CLOCK_TICK_MS);
    const uninstallHook = installDebugHook(this.table, {
      connectionStatus: () => badge.status,
      mapSettled: () => controller.mapSettled,
      renderedVehicleCount: () => controller.renderedVehicleCount(),
    });
    return () => {
      clearInterval(ticker);
      uninstallHook();
      controller.destroy();
    };
  }

  private refresh(): void {
    this.controller?.refreshFreshness();
    this.summary.update(this.table);
    this.list.refresh();
  }

  private pick(vehicleId: string): void {
    this.list.select(vehicleId);
    this.controller?.focusVehicle(vehicleId);
  }
}

function renderTopBar(options: DispatchPageOptions, badge: ConnectionBadge): HTMLElement {
  const signOut = h("button", { class: "btn btn-secondary", type: "button" }, "Sign out");
  signOut.addEventListener("click", options.onSignOut, { once: true });
  const { user, organisation } = options.session;
  return h(
    "header",
    { class: "topbar" },
    h("div", { class: "brand" }, h("span", { class: "brand-mark", "aria-hidden": "true" }), "Waybill"),
    h("span", { class: "topbar-context" }, h("strong", {}, "Dispatch"), h("span", {}, organisation.name)),
    h("div", { class: "topbar-spacer" }),
    badge.element,
    h("span", { class: "topbar-user", title: user.email }, user.name),
    signOut,
  );
}

function renderPanel(summary: FleetSummary, list: VehicleList): HTMLElement {
  const filter = h("input", {
    class: "input vehicle-filter",
    type: "search",
    placeholder: "Filter by name or plate",
    "aria-label": "Filter vehicles by name or plate",
  });
  filter.addEventListener("input", () => list.setFilter(filter.value));
  return h(
    "aside",
    { class: "fleet-panel", "aria-label": "Fleet" },
    summary.element,
    filter,
    list.element,
    list.emptyMessage,
  );
}
