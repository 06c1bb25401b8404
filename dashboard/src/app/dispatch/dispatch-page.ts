import type { SessionDto } from "@waybill/shared";
import type { MeDto } from "../../api/types";
import type { WaybillApi } from "../../api/waybill-api";
import type { AuthFailureCode } from "../../realtime/dispatch-socket";
import { FleetTable } from "../../state/fleet-table";
import { channelChoices, driverChoices, matchingVehicleIds } from "../../state/vehicle-filter";
import { h } from "../dom";
import { Drawer } from "../panels/drawer";
import { SidePanel } from "../panels/side-panel";
import { ConnectionBadge } from "./connection-badge";
import { installDebugHook } from "./debug-hook";
import { DispatchController } from "./dispatch-controller";
import { FleetSummary } from "./fleet-summary";
import { VehicleFilterBar } from "./vehicle-filter-bar";
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
 * Renders the dispatcher's console into `root`: top bar, the side panel (vehicles with counts,
 * filter and list; orders, alerts, plans, KPIs), the map and the order drawer over it. Returns
 * the teardown that stops the feed and removes the map.
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
  readonly summary = new FleetSummary(
    () => this.controller?.showAll(),
    (hidden) => {
      this.controller?.hideStatuses(hidden);
      this.list.setHiddenStatuses(hidden);
    },
  );
  readonly filterBar = new VehicleFilterBar(() => this.applyVehicleFilter());
  readonly drawer = new Drawer();
  // The list sizes its row pool from its height, which is 0 while its tab is hidden.
  readonly side = new SidePanel(renderVehiclesTab(this.summary, this.filterBar, this.list), () =>
    this.list.refresh(),
  );
  private controller: DispatchController | null = null;

  constructor(private readonly options: DispatchPageOptions) {}

  render(): HTMLElement {
    const mapPane = h("main", { class: "map-pane" }, this.mapContainer, this.drawer.element);
    return h(
      "div",
      { class: "dispatch" },
      renderTopBar(this.options, this.badge),
      h("div", { class: "dispatch-body" }, this.side.element, mapPane),
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
      onSnapshot: () => {
        this.filterBar.setDrivers(driverChoices(this.table));
        this.applyVehicleFilter();
        this.refresh();
      },
      onRouteStops: () => {
        this.filterBar.setChannels(channelChoices(controller.currentRouteStops()));
        this.applyVehicleFilter();
      },
      onSelect: (vehicleId) => this.pick(vehicleId),
      onPickPlanStop: (stopId) => this.side.revealPlanStop(stopId),
      onPickClosure: (closureId) => this.side.revealClosure(closureId),
    });
    this.controller = controller;
    this.side.start({
      api: options.api,
      socket: controller.socket,
      map: controller,
      drawer: this.drawer,
      focusVehicle: (vehicleId) => this.pick(vehicleId),
      vehicleName: (vehicleId) => this.vehicleName(vehicleId),
      organisationId: options.session.organisation.id,
      role: options.me.user.role,
    });
    controller.start();
    this.refresh();
    const ticker = setInterval(() => this.refresh(), CLOCK_TICK_MS);
    const uninstallHook = installDebugHook(this.table, {
      connectionStatus: () => badge.status,
      mapSettled: () => controller.mapSettled,
      renderedVehicleCount: () => controller.renderedVehicleCount(),
      planFeatures: () => controller.planFeatures(),
      replayMarker: () => controller.replayMarker(),
      closureCount: () => controller.closureCount(),
      liveStops: () => controller.liveStops(),
      tracePointCount: () => controller.tracePointCount(),
      mapStats: () => controller.mapStats(),
      screenPoint: (lng, lat) => controller.screenPoint(lng, lat),
    });
    return () => {
      clearInterval(ticker);
      uninstallHook();
      this.side.destroy();
      controller.destroy();
    };
  }

  private refresh(): void {
    this.controller?.refreshFreshness();
    this.summary.update(this.table);
    this.list.refresh();
  }

  /** Narrows the map and the list to the vehicles the driver and channel menus keep. */
  private applyVehicleFilter(): void {
    const { controller } = this;
    if (!controller) return;
    const kept = matchingVehicleIds(this.table, controller.currentRouteStops(), this.filterBar.current());
    controller.showOnly(kept);
    this.list.setKeptIds(kept);
  }

  private vehicleName(vehicleId: string): string {
    const row = this.table.rowOf(vehicleId);
    return row < 0 ? vehicleId : this.table.names[row]!;
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
    h(
      "span",
      { class: "topbar-context" },
      h("h1", { class: "topbar-title" }, "Dispatch"),
      h("span", {}, organisation.name),
    ),
    h("div", { class: "topbar-spacer" }),
    badge.element,
    h("span", { class: "topbar-user", title: user.email }, user.name),
    signOut,
  );
}

/** The Vehicles tab: fleet counts, the filters and the virtualised list. */
function renderVehiclesTab(
  summary: FleetSummary,
  filterBar: VehicleFilterBar,
  list: VehicleList,
): HTMLElement {
  const filter = h("input", {
    class: "input vehicle-filter",
    type: "search",
    placeholder: "Filter by name or plate",
    "aria-label": "Filter vehicles by name or plate",
  });
  filter.addEventListener("input", () => list.setFilter(filter.value));
  return h(
    "div",
    { class: "fleet-panel" },
    summary.element,
    filter,
    filterBar.element,
    list.element,
    list.emptyMessage,
  );
}
