import type { VehicleDto } from "@waybill/shared";
import type { MapMouseEvent } from "maplibre-gl";
import type { PlanDto } from "../../api/types";
import type { WaybillApi } from "../../api/waybill-api";
import { fitMapToExtent, fleetExtent, planExtent, streetsExtent } from "../../map/fit-bounds";
import { createFrameLoop, type FrameLoop } from "../../map/frame-loop";
import type { PlanFeatureCollection } from "../../map/layers/plan-route-features";
import { PlanRoutesLayer } from "../../map/layers/plan-routes.layer";
import { StreetsLayer } from "../../map/layers/streets.layer";
import { VEHICLES_SOURCE_ID, VehiclesLayer } from "../../map/layers/vehicles.layer";
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
  readonly onSelect: (vehicleId: string) => void;
  /** A numbered stop of the plan on the map was clicked. */
  readonly onPickPlanStop: (stopId: string) => void;
}

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
  private readonly streets = new StreetsLayer();
  private readonly sync: LiveSync;
  private readonly loop: FrameLoop;
  private fitted = false;
  private snapshotApplied = false;
  private settled = false;

  constructor(private readonly deps: DispatchControllerDeps) {
    this.table = deps.table;
    this.vehicles = new VehiclesLayer(this.table, deps.onSelect);
    this.planRoutes = new PlanRoutesLayer(deps.onPickPlanStop);
    this.socket = createDispatchSocket(deps.token);
    this.mapView = new MapView({
      container: deps.mapContainer,
      styleUrl: deps.styleUrl,
      baseLayers: [this.streets],
      overlays: [this.planRoutes, this.vehicles],
    });
    this.loop = createFrameLoop((frameMs) => this.onFrame(frameMs));
    this.sync = new LiveSync({
      socket: this.socket,
      fetchSnapshot: () => deps.api.listVehicles(),
      onSnapshot: (vehicles) => this.onSnapshot(vehicles),
      onPositions: (batch) => {
        const result = applyPositions(this.table, batch, readClock());
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
    // A moving fleet keeps the map from ever going idle; the vehicles source finishing a load is enough.
    this.mapView.map.on("sourcedata", (event) => {
      if (event.sourceId === VEHICLES_SOURCE_ID && event.isSourceLoaded) markSettled();
    });
    if (this.deps.styleUrl === null) void this.loadStreets();
  }

  /** True once the map finished drawing the vehicles of the first snapshot (idle, or their source loaded). */
  get mapSettled(): boolean {
    return this.settled;
  }

  /** How many vehicles the map draws in view right now. */
  renderedVehicleCount(): number {
    return this.vehicles.renderedCount();
  }

  /** Re-classifies freshness against the wall clock; call about once a second. */
  refreshFreshness(): void {
    if (refreshStatuses(this.table, Date.now()) > 0) this.loop.wake();
  }

  /** Highlights a vehicle and flies to it (if it has a fix). */
  focusVehicle(vehicleId: string): void {
    this.vehicles.select(vehicleId);
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

  /** Draws a plan's routes (null: none) and frames them when `frame` is set. */
  showPlan(plan: PlanDto | null, vehicleOrder: readonly string[], frame: boolean): void {
    this.planRoutes.show(plan, vehicleOrder);
    if (frame) fitMapToExtent(this.mapView.map, planExtent(this.planRoutes.current()));
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

  /** Frames every vehicle with a fix. */
  showAll(): void {
    fitMapToExtent(this.mapView.map, fleetExtent(this.table));
  }

  /** Stops the feed and the animation and removes the map. */
  destroy(): void {
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

  /** Fits to the vehicles once. The camera needs no loaded style: waiting for `load` would wait forever under constant setData. */
  private fitOnce(): void {
    if (this.fitted) return;
    this.fitted = fitMapToExtent(this.mapView.map, fleetExtent(this.table));
  }
}

function readClock(): FleetClock {
  return { wallMs: Date.now(), frameMs: performance.now() };
}
