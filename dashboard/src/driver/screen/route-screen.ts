import type { StreetsCollection } from "@waybill/shared";
import { h, setText } from "../../app/dom";
import { describeDay } from "../labels/stop-format";
import { RouteMap } from "../map/route-map";
import { selectNextStop } from "../route/next-stop";
import { renderBanners } from "./banners";
import { renderNextStopCard } from "./next-stop-card";
import type { ScreenActions, ScreenState } from "./screen-state";
import { Section } from "./section";
import { renderShiftPanel } from "./shift-panel";
import { renderStopList } from "./stop-list";
import { renderTopBar } from "./top-bar";

/** The three views of the route, as tabs. */
type Tab = "next" | "list" | "map";
const TAB_LABELS: Readonly<Record<Tab, string>> = { next: "Next stop", list: "Stops", map: "Map" };

/** Options of {@link RouteScreen}. */
export interface RouteScreenOptions {
  readonly actions: ScreenActions;
  /** The street network for the map, fetched when the map is first opened. */
  readonly loadStreets: () => Promise<StreetsCollection>;
  /** The vehicle a shift would start on; null when no stop is on a vehicle. */
  readonly vehicleIdOf: (state: ScreenState) => string | null;
}

/**
 * The driver's main screen: status bar, messages, shift panel, and the route as three tabs
 * (the next stop large, all stops, the map). Each part is redrawn only when what it shows changed.
 */
export class RouteScreen {
  private readonly topBar = new Section(h("header", { class: "top-bar" }));
  private readonly banners = new Section(h("div"));
  private readonly shift = new Section(h("section", { "aria-label": "Shift" }));
  private readonly next = new Section(tabPanel("next", "panel"));
  private readonly list = new Section(tabPanel("list", "panel"));
  private readonly mapPanel = tabPanel("map", "panel panel-map");
  private readonly tabButtons: Record<Tab, HTMLButtonElement>;
  private map: RouteMap | null = null;
  private tab: Tab = "next";
  private state: ScreenState | null = null;

  constructor(
    root: HTMLElement,
    private readonly options: RouteScreenOptions,
  ) {
    this.tabButtons = {
      next: this.tabButton("next"),
      list: this.tabButton("list"),
      map: this.tabButton("map"),
    };
    root.replaceChildren(
      h(
        "div",
        { class: "driver-app" },
        this.topBar.element,
        this.banners.element,
        this.shift.element,
        // In a landmark, like everything else: screen readers jump between landmarks.
        h(
          "nav",
          { "aria-label": "Route views" },
          h(
            "div",
            { class: "tabs", role: "tablist", "aria-label": "Route" },
            ...Object.values(this.tabButtons),
          ),
        ),
        h(
          "main",
          { class: "panels" },
          h("h1", { class: "visually-hidden" }, "Your route today"),
          this.next.element,
          this.list.element,
          this.mapPanel,
        ),
      ),
    );
    this.showTab("next");
  }

  /** Draws `state`; parts whose content did not change stay as they are. */
  render(state: ScreenState): void {
    this.state = state;
    const { actions } = this.options;
    const stops = state.view?.stops ?? [];
    const nextStop = selectNextStop(stops);
    this.topBar.update(`${state.online}|${state.pending.length}`, () => renderTopBar(state, actions));
    this.banners.update(
      JSON.stringify([
        state.notice,
        state.rejections.map((r) => r.entry.id),
        state.gpsMessage,
        state.view?.onShift,
        state.loadError,
      ]),
      () => renderBanners(state, actions),
    );
    const vehicleId = this.options.vehicleIdOf(state);
    this.shift.update(JSON.stringify([state.view?.onShift, state.view?.vehicleName, vehicleId]), () =>
      renderShiftPanel(state, vehicleId, actions),
    );
    this.next.update(JSON.stringify([nextStop, stops.length, state.directions, state.view === null]), () =>
      this.drawNextStop(state),
    );
    this.list.update(JSON.stringify([stops, nextStop?.id]), () =>
      state.view === null ? null : renderStopList(stops, nextStop?.id ?? null),
    );
    setText(this.tabButtons.list, `${TAB_LABELS.list} (${stops.length})`);
    this.updateMap();
  }

  /** Removes the map (and its WebGL context). */
  destroy(): void {
    this.map?.destroy();
    this.map = null;
  }

  private drawNextStop(state: ScreenState): HTMLElement | null {
    if (state.view === null)
      return state.loadError === null ? h("p", { class: "empty" }, "Loading your route…") : null;
    const stops = state.view.stops;
    const nextStop = selectNextStop(stops);
    if (stops.length === 0) return h("p", { class: "empty" }, "No route assigned today.");
    if (nextStop === null)
      return h(
        "div",
        { class: "empty" },
        h("p", {}, "All stops done for today."),
        h("p", { class: "muted" }, describeDay(stops)),
      );
    const index = stops.indexOf(nextStop);
    return renderNextStopCard(
      nextStop,
      { index, total: stops.length },
      state.directions,
      this.options.actions,
    );
  }

  private tabButton(tab: Tab): HTMLButtonElement {
    const button = h(
      "button",
      { class: "tab", type: "button", role: "tab", id: `tab-${tab}`, "aria-controls": `panel-${tab}` },
      TAB_LABELS[tab],
    );
    button.addEventListener("click", () => this.showTab(tab));
    return button;
  }

  private showTab(tab: Tab): void {
    this.tab = tab;
    for (const [name, button] of Object.entries(this.tabButtons))
      button.setAttribute("aria-selected", String(name === tab));
    this.next.element.hidden = tab !== "next";
    this.list.element.hidden = tab !== "list";
    this.mapPanel.hidden = tab !== "map";
    if (tab === "map") {
      this.map ??= new RouteMap(this.mapPanel, this.options.loadStreets());
      this.map.resize();
      this.updateMap();
    }
  }

  private updateMap(): void {
    if (this.map === null || this.state === null || this.tab !== "map") return;
    const { view, directions, position } = this.state;
    const stops = view?.stops ?? [];
    this.map.update({
      stops,
      nextStopId: selectNextStop(stops)?.id ?? null,
      path: directions.kind === "ready" ? directions.directions.geometry.coordinates : null,
      position,
    });
  }
}

function tabPanel(tab: Tab, className: string): HTMLElement {
  return h("section", {
    class: className,
    id: `panel-${tab}`,
    role: "tabpanel",
    "aria-labelledby": `tab-${tab}`,
  });
}
