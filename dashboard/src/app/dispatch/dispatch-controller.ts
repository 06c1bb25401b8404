import type { RouteStopDto, VehicleDto, VehiclePositionUpdate } from "@waybill/shared";
import type { MapMouseEvent } from "maplibre-gl";
import type { DayHistoryDto, RoadClosureDto } from "../../api/types";
import type { WaybillApi } from "../../api/waybill-api";
import { fitMapToExtent, fleetExtent, planExtent, pointsExtent, streetsExtent } from "../../map/fit-bounds";
import { createFrameLoop, type FrameLoop } from "../../map/frame-loop";
import { LiveRoutesLayer } from "../../map/layers/live-routes.layer";
import type { DrawnRoutes, PlanFeatureCollection } from "../../map/layers/plan-route-features";
import { PlanRoutesLayer } from "../../map/layers/plan-routes.layer";
import { ReplayLayer } from "../../map/layers/replay.layer";
import type { ClosureSketch } from "../../map/layers/road-closure-features";
import { RoadClosuresLayer } from "../../map/layers/road-closures.layer";
import { StreetsLayer } from "../../map/layers/streets.layer";
import { VehicleTraceLayer } from "../../map/layers/vehicle-trace.layer";
import { VehiclesLayer } from "../../map/layers/vehicles.layer";
import { MapView } from "../../map/map-view";
import {
  type AuthFailureCode,
  createDispatchSocket,
  type DispatchSocket,
} from "../../realtime/dispatch-socket";
import { type ConnectionStatus, LiveSync } from "../../realtime/live-sync";
import { applyPositions, applySnapshot, type FleetClock, refreshStatuses } from "../../state/fleet.state";
import { advanceGlides } from "../../state/fleet-motion";
import type { FleetTable } from "../../state/fleet-table";
import { type LiveStopProperties, liveRouteFeatures, startOfLocalDay } from "../../state/live-routes";
import type { ReplayPosition } from "../../state/replay-track";
import type { MapStats } from "./debug-hook";

/** What the controller needs from the page around it. */
export interface DispatchControllerDeps {
  readonly api: WaybillApi;
  /** The fleet the page's list also reads; the controller is its only writer. */
  readonly table: FleetTable;
  readonly token: string;
  /** Must already be in the document, so the map starts at its real size. */
  readonly mapContainer: HTMLElement;
  readonly styleUrl: string | null;
  readonly onStatus: (status: ConnectionStatus, detail: string) => void;
  readonly onAuthFailure: (code: AuthFailureCode) => void;
  readonly onSnapshot: () => void;
  /** Today's route stops were (re)loaded: the driver and channel filter may keep other vehicles now. */
  readonly onRouteStops: () => void;
  readonly onSelect: (vehicleId: string) => void;
  /** A numbered stop of the plan on the map was clicked. */
  readonly onPickPlanStop: (stopId: string) => void;
  /** A road closure on the map was clicked. */
  readonly onPickClosure: (closureId: string) => void;
}

/** How far back the selected vehicle's trace goes. */
const TRACE_HOURS = 2;
/**
 * How often the live routes (today's stops) and the fleet's drivers on shift are reloaded, besides
 * after an approved proposal or an applied plan.
 */
const LIVE_ROUTES_REFRESH_MS = 30_000;

/** A point on the map, degrees. */
export interface MapPoint {
  readonly lat: number;
  readonly lng: number;
}

/**
 * The live map's wiring without DOM chrome: fleet table ← live sync (REST + socket) → frame loop
 * → vehicles layer. One setData per animation frame at most, and only when something moved.
 * It also owns the live socket (panels listen to its other events) and the plan routes layer.
 */
export class DispatchController {
  readonly table: FleetTable;
  readonly mapView: MapView;
  /** The one `/dispatch` socket; LiveSync connects it, panels may listen to plan and alert events. */
  readonly socket: DispatchSocket;
  private readonly vehicles: VehiclesLayer;
  private readonly planRoutes: PlanRoutesLayer;
  private readonly liveRoutes = new LiveRoutesLayer();
  private liveRoutesTimer: ReturnType<typeof setInterval> | null = null;
  private liveRoutesGeneration = 0;
  /** Today's stops of every route, open and finished, as last loaded. */
  private routeStops: readonly RouteStopDto[] = [];
  /** Vehicles the driver and channel filter keeps; null keeps all. */
  private keptIds: ReadonlySet<string> | null = null;
  private readonly streets = new StreetsLayer();
  private readonly closures: RoadClosuresLayer;
  private readonly replay = new ReplayLayer();
  private readonly trace = new VehicleTraceLayer();
  /** The vehicle whose trace is drawn, and the load that is current (older answers are dropped). */
  private traced: { vehicleId: string; generation: number } | null = null;
  private readonly sync: LiveSync;
  private readonly loop: FrameLoop;
  private fitted = false;
  private snapshotApplied = false;
  private settled = false;
  private fixesApplied = 0;
  private mapRenders = 0;

  constructor(private readonly deps: DispatchControllerDeps) {
    this.table = deps.table;
    this.vehicles = new VehiclesLayer(this.table, deps.onSelect);
    this.planRoutes = new PlanRoutesLayer(deps.onPickPlanStop);
    this.closures = new RoadClosuresLayer(deps.onPickClosure);
    this.socket = createDispatchSocket(deps.token);
    this.mapView = new MapView({
      container: deps.mapContainer,
      styleUrl: deps.styleUrl,
      baseLayers: [this.streets],
      overlays: [this.liveRoutes, this.planRoutes, this.closures, this.trace, this.vehicles, this.replay],
    });
    this.loop = createFrameLoop((frameMs) => this.onFrame(frameMs));
    this.sync = new LiveSync({
      socket: this.socket,
      fetchSnapshot: () => deps.api.listVehicles(),
      onSnapshot: (vehicles) => this.onSnapshot(vehicles),
      onPositions: (batch) => {
        const result = applyPositions(this.table, batch, readClock());
        this.fixesApplied += result.applied;
        this.extendTrace(batch);
        if (result.unknown > 0) this.sync.resync();
        if (result.applied > 0) this.loop.wake();
      },
      onStatus: deps.onStatus,
      onAuthFailure: deps.onAuthFailure,
    });
  }

  /** Starts the feed and loads the streets; the map is fitted as soon as there is data to fit. */
  start(): void {
    this.sync.start();
    const markSettled = (): void => {
      this.settled ||= this.snapshotApplied;
    };
    this.mapView.map.on("idle", markSettled);
    this.mapView.map.on("render", () => {
      this.mapRenders++;
    });
    if (this.deps.styleUrl === null) void this.loadStreets();
    void this.loadClosures();
    void this.refreshLiveRoutes();
    this.liveRoutesTimer = setInterval(() => {
      void this.refreshLiveRoutes();
      // Shifts start and end without a live event; the snapshot brings each vehicle's driver.
      this.sync.resync();
    }, LIVE_ROUTES_REFRESH_MS);
    this.socket.on("proposal:decided", this.onProposalDecided);
  }

  /**
   * Reloads the routes the vehicles drive today (open stops and those finished since midnight) and
   * redraws them.
   */
  async refreshLiveRoutes(): Promise<void> {
    const generation = ++this.liveRoutesGeneration;
    try {
      const { api } = this.deps;
      const [open, finished] = await Promise.all([
        api.listOpenStops(),
        api.listStopsCompletedSince(startOfLocalDay(new Date())),
      ]);
      if (generation !== this.liveRoutesGeneration) return;
      this.routeStops = [...finished, ...open];
      this.drawLiveRoutes();
      this.deps.onRouteStops();
    } catch {
      // Kept as drawn; the next refresh tries again (the connection badge shows an outage).
    }
  }

  /** Today's stops of every route, open and finished, as last loaded (for the filter's channels). */
  currentRouteStops(): readonly RouteStopDto[] {
    return this.routeStops;
  }

  /** Draws only these vehicles and their routes (the driver and channel filter); null draws all. */
  showOnly(vehicleIds: ReadonlySet<string> | null): void {
    this.keptIds = vehicleIds;
    this.vehicles.showOnly(vehicleIds);
    this.drawLiveRoutes();
  }

  /** The numbered stops of the live routes drawn now (for the debug hook). */
  liveStops(): LiveStopProperties[] {
    return this.liveRoutes
      .current()
      .features.flatMap((feature) => ("stopId" in feature.properties ? [feature.properties] : []));
  }

  private drawLiveRoutes(): void {
    const { keptIds } = this;
    const stops =
      keptIds === null
        ? this.routeStops
        : this.routeStops.filter((stop) => stop.vehicleId !== null && keptIds.has(stop.vehicleId));
    this.liveRoutes.show(liveRouteFeatures(stops));
  }

  private readonly onProposalDecided = (proposal: { readonly status: string }): void => {
    if (proposal.status === "approved") void this.refreshLiveRoutes();
  };

  /** True once the first snapshot is applied (the overlay draws it in the next frame) and the map went idle. */
  get mapSettled(): boolean {
    return this.settled;
  }

  /** How many vehicles the map draws in view right now. */
  renderedVehicleCount(): number {
    return this.vehicles.renderedCount();
  }

  /** Counters for the frame-rate bench and diagnostics. */
  mapStats(): MapStats {
    return {
      fixesApplied: this.fixesApplied,
      vehicleDraws: this.vehicles.drawCount,
      mapRenders: this.mapRenders,
    };
  }

  /** Where a map point is on the page now, CSS pixels from the viewport's top left. */
  screenPoint(lng: number, lat: number): { x: number; y: number } {
    const map = this.mapView.map;
    const box = map.getCanvasContainer().getBoundingClientRect();
    const { x, y } = map.project([lng, lat]);
    return { x: box.left + x, y: box.top + y };
  }

  /** Re-classifies freshness against the wall clock; call about once a second. */
  refreshFreshness(): void {
    if (refreshStatuses(this.table, Date.now()) > 0) this.loop.wake();
  }

  /** Highlights a vehicle, draws its trace of the last hours and flies to it (if it has a fix). */
  focusVehicle(vehicleId: string): void {
    this.vehicles.select(vehicleId);
    if (this.traced?.vehicleId !== vehicleId) void this.loadTrace(vehicleId);
    const row = this.table.rowOf(vehicleId);
    if (row < 0) return;
    const lng = this.table.col.shownLng[row]!;
    const lat = this.table.col.shownLat[row]!;
    if (Number.isNaN(lng)) return;
    const map = this.mapView.map;
    map.flyTo({ center: [lng, lat], zoom: Math.max(map.getZoom(), 15), duration: 900 });
  }

  /** Flies to a point at street level (an order's address). */
  flyTo(point: MapPoint): void {
    const map = this.mapView.map;
    map.flyTo({ center: [point.lng, point.lat], zoom: Math.max(map.getZoom(), 15), duration: 900 });
  }

  /** A vehicle's latest fix, or null when it has none. */
  vehicleFix(vehicleId: string): MapPoint | null {
    const row = this.table.rowOf(vehicleId);
    if (row < 0 || Number.isNaN(this.table.col.lat[row]!)) return null;
    return { lat: this.table.col.lat[row]!, lng: this.table.col.lng[row]! };
  }

  /**
   * Draws a plan's (or a proposal's) routes (null: none) and frames them when `frame` is set, clear
   * of `coveredLeft` px of the map's left edge (the drawer).
   */
  showPlan(plan: DrawnRoutes | null, vehicleOrder: readonly string[], frame: boolean, coveredLeft = 0): void {
    this.planRoutes.show(plan, vehicleOrder);
    this.liveRoutes.setVisible(plan === null);
    if (frame) fitMapToExtent(this.mapView.map, planExtent(this.planRoutes.current()), coveredLeft);
  }

  /** The plan features on the map (for the debug hook). */
  planFeatures(): PlanFeatureCollection {
    return this.planRoutes.current();
  }

  /** Calls `onPick` with the next point clicked on the map (crosshair cursor meanwhile); returns the canceller. */
  pickPoint(onPick: (point: MapPoint) => void): () => void {
    const map = this.mapView.map;
    const canvas = map.getCanvasContainer();
    canvas.classList.add("is-picking");
    const cancel = (): void => {
      canvas.classList.remove("is-picking");
      map.off("click", handle);
    };
    const handle = (event: MapMouseEvent): void => {
      cancel();
      onPick({ lat: event.lngLat.lat, lng: event.lngLat.lng });
    };
    map.once("click", handle);
    return cancel;
  }

  /** Draws a vehicle's replayed day (null: none) and frames it when `frame` is set. */
  showReplay(history: DayHistoryDto | null, frame: boolean): void {
    this.replay.show(history);
    this.vehicles.setDimmed(history !== null);
    if (!frame) return;
    const points = this.replay
      .current()
      .features.flatMap((f) =>
        f.geometry.type === "Point" ? [f.geometry.coordinates] : f.geometry.coordinates,
      );
    fitMapToExtent(this.mapView.map, pointsExtent(points));
  }

  /** Puts the replayed vehicle's marker at a position (null hides it). */
  moveReplayMarker(position: Readonly<ReplayPosition> | null): void {
    this.replay.moveMarker(position);
  }

  /** Where the replay marker is drawn, or null (for the debug hook). */
  replayMarker(): { lng: number; lat: number } | null {
    return this.replay.markerPosition();
  }

  /** Draws the road closures (the server's list). */
  showClosures(closures: readonly RoadClosureDto[]): void {
    this.closures.showClosures(closures);
  }

  /** Draws the closure being drawn. */
  showClosureSketch(sketch: ClosureSketch): void {
    this.closures.showSketch(sketch);
  }

  /** Saved closures drawn on the map (for the debug hook). */
  closureCount(): number {
    return this.closures.current().features.filter((f) => f.properties.role === "closure").length;
  }

  /** Frames a line (a closure). */
  frameLine(coordinates: readonly (readonly [number, number])[]): void {
    fitMapToExtent(this.mapView.map, pointsExtent(coordinates));
  }

  /**
   * Calls `onPoint` with every point clicked on the map (crosshair cursor, no double-click zoom
   * meanwhile) until the returned canceller runs.
   */
  drawPoints(onPoint: (point: MapPoint) => void): () => void {
    const map = this.mapView.map;
    const canvas = map.getCanvasContainer();
    canvas.classList.add("is-picking");
    map.doubleClickZoom.disable();
    const handle = (event: MapMouseEvent): void => onPoint({ lat: event.lngLat.lat, lng: event.lngLat.lng });
    map.on("click", handle);
    return () => {
      canvas.classList.remove("is-picking");
      map.doubleClickZoom.enable();
      map.off("click", handle);
    };
  }

  /** Hides vehicles of these statuses on the map (the legend's filter). */
  hideStatuses(statuses: ReadonlySet<number>): void {
    this.vehicles.hideStatuses(statuses);
  }

  /** Frames every vehicle with a fix. */
  showAll(): void {
    fitMapToExtent(this.mapView.map, fleetExtent(this.table));
  }

  /** Stops the feed and the animation and removes the map. */
  destroy(): void {
    if (this.liveRoutesTimer !== null) clearInterval(this.liveRoutesTimer);
    this.socket.off("proposal:decided", this.onProposalDecided);
    this.sync.stop();
    this.loop.stop();
    this.mapView.destroy();
  }

  private onSnapshot(vehicles: readonly VehicleDto[]): void {
    applySnapshot(this.table, vehicles, readClock());
    this.snapshotApplied = true;
    this.loop.wake();
    this.fitOnce();
    this.deps.onSnapshot();
  }

  private onFrame(frameMs: number): boolean {
    const moved = advanceGlides(this.table, frameMs);
    this.vehicles.draw();
    // The overlay just drew the fleet; the map may have gone idle before the snapshot came.
    this.settled ||= this.snapshotApplied && this.mapView.map.loaded();
    return moved > 0;
  }

  private async loadStreets(): Promise<void> {
    try {
      this.streets.setStreets(await this.deps.api.getStreets());
      // Streets frame the map only until there are vehicles to frame.
      if (!this.fitted) fitMapToExtent(this.mapView.map, streetsExtent(this.streets.current()));
    } catch (error) {
      // The map still works without streets; vehicles draw on the plain background.
      console.warn("Waybill: could not load the street network", error);
    }
  }

  private async loadTrace(vehicleId: string): Promise<void> {
    const generation = (this.traced?.generation ?? 0) + 1;
    this.traced = { vehicleId, generation };
    this.trace.show([]);
    const toAt = Date.now();
    try {
      const track = await this.deps.api.getVehicleTrack(vehicleId, toAt - TRACE_HOURS * 3_600_000, toAt);
      if (this.traced?.generation !== generation) return;
      this.trace.show(track.map((point) => [point.lng, point.lat]));
    } catch (error) {
      // The vehicle is still shown and selected; only its past path is missing.
      console.warn("Waybill: could not load the vehicle's trace", error);
    }
  }

  /** Appends the traced vehicle's live fixes to its trace. */
  private extendTrace(batch: readonly VehiclePositionUpdate[]): void {
    const vehicleId = this.traced?.vehicleId;
    if (vehicleId === undefined) return;
    for (const update of batch) if (update.vehicleId === vehicleId) this.trace.append(update.lng, update.lat);
  }

  /** Points of the selected vehicle's trace (for the debug hook). */
  tracePointCount(): number {
    return this.trace.pointCount();
  }

  private async loadClosures(): Promise<void> {
    try {
      this.closures.showClosures(await this.deps.api.listRoadClosures());
    } catch (error) {
      // The closures panel shows the failure and retries; the live map works without them.
      console.warn("Waybill: could not load the road closures", error);
    }
  }

  /** Fits to the vehicles once. The camera needs no loaded style: waiting for `load` would wait forever under constant setData. */
  private fitOnce(): void {
    if (this.fitted) return;
    this.fitted = fitMapToExtent(this.mapView.map, fleetExtent(this.table));
  }
}

function readClock(): FleetClock {
  return { wallMs: Date.now(), frameMs: performance.now() };
}
