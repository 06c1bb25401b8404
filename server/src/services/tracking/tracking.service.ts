import type { StopDto } from "@waybill/shared";
import type { Logger } from "pino";
import { checkDeparture } from "../../domain/tracking/late-departure";
import { StopPresence } from "../../domain/tracking/stop-presence";
import type { ScopedPosition } from "../../ports/position-broadcaster";
import type { OrderService } from "../orders/order.service";
import type { RoutingService } from "../routing.service";
import type { AlertService } from "./alert.service";
import { EtaKeeper, TRACKING_ACTOR as SYSTEM } from "./eta-keeper";
import type { PlannedDepartures } from "./planned-departures";
import { type FixPlace, RouteWatch } from "./route-watch";
import { DEFAULT_TRACKING_RULES, type TrackingRules } from "./tracking-rules";
import { VehicleState } from "./vehicle-state";

export { DEFAULT_TRACKING_RULES, type TrackingRules } from "./tracking-rules";

/** What tracking does to orders and stops (through the one status machine); listed stops need no channel. */
export type TrackingOrders = Pick<
  OrderService,
  "reportStop" | "departVehicle" | "recordEta" | "setException"
> & {
  listStops(...args: Parameters<OrderService["listStops"]>): Promise<StopDto[]>;
};

/** Most positions kept waiting per vehicle while an evaluation runs (the oldest go first). */
const MAX_QUEUED = 2_000;

/** Running totals of the work tracking did since it started (for the metrics). */
export interface TrackingCounts {
  /** Positions taken from the pipeline. */
  observed: number;
  /**
   * Positions run through the rules (not counted: reordered or repeated ones, and those of a
   * vehicle that had no open stops a moment ago).
   */
  evaluated: number;
  /** Positions dropped unevaluated because their vehicle's queue was full (tracking fell behind). */
  dropped: number;
  /** ETA recomputations of a vehicle (each records the ETA of every remaining stop). */
  etaUpdates: number;
}

/**
 * Live tracking after each stored position: recognises arrivals at stops (geofence with
 * hysteresis and dwell) and departures, puts orders out for delivery when their vehicle leaves,
 * marks the next stop en route, follows the vehicle along its route (progress, off-route with a
 * fresh route from where it is), keeps an ETA for every remaining stop (the planned road time
 * still ahead scaled by the vehicle's observed pace) and raises delays and exceptions once,
 * clearing them when they end. It runs beside the ingest, never in its way: fixes are evaluated
 * per vehicle in fix order, ETAs at most every few seconds, routes only when they change.
 */
export class TrackingService {
  private readonly vehicles = new Map<string, VehicleState>();
  private readonly routes: RouteWatch;
  private readonly etas: EtaKeeper;
  /** Overdue departures by organisation:vehicle: alert raised, or cleared after the vehicle left. */
  private readonly lateDepartures = new Map<string, "raised" | "settled">();
  /**
   * Vehicles last found with no open stops, until when (performance.now()) that answer holds:
   * their positions are not evaluated meanwhile, so a fleet without work costs no query per
   * stored batch (the answer is kept as long as a vehicle's stops are, `stopsCacheS`).
   */
  private readonly idleUntil = new Map<string, number>();
  /** The work done so far; read by the metrics. */
  readonly counts: TrackingCounts = { observed: 0, evaluated: 0, dropped: 0, etaUpdates: 0 };

  constructor(
    private readonly orders: TrackingOrders,
    routing: Pick<RoutingService, "route">,
    private readonly alerts: Pick<AlertService, "raise" | "clear">,
    private readonly log: Logger,
    private readonly rules: TrackingRules = DEFAULT_TRACKING_RULES,
    private readonly departures: PlannedDepartures | null = null,
    private readonly clock: () => number = Date.now,
  ) {
    this.routes = new RouteWatch(routing, alerts, log, rules);
    this.etas = new EtaKeeper(orders, alerts, rules);
  }

  /** Takes every stored position; evaluation happens in the background, per vehicle in fix order. */
  observe(positions: readonly ScopedPosition[]): void {
    this.counts.observed += positions.length;
    const now = this.idleUntil.size ? performance.now() : 0;
    for (const position of positions) {
      const idleUntil = this.idleUntil.get(position.vehicleId);
      if (idleUntil !== undefined) {
        if (now < idleUntil) continue;
        this.idleUntil.delete(position.vehicleId);
      }
      const state = this.stateOf(position.vehicleId);
      if (state.queue.length >= MAX_QUEUED) {
        state.queue.shift();
        this.counts.dropped++;
      }
      state.queue.push(position);
      if (!state.running) state.running = this.drain(state);
    }
  }

  /**
   * Positions waiting for evaluation, all vehicles together (the batches being evaluated not
   * counted): it grows without bound only when tracking cannot keep up with the ingest.
   */
  backlog(): number {
    let waiting = 0;
    for (const state of this.vehicles.values()) waiting += state.queue.length;
    return waiting;
  }

  /**
   * Forgets the vehicles for which `owned` is false: in a cluster another instance evaluates their
   * fixes now (services/ownership). Should one come back, its state is rebuilt from its fixes.
   */
  release(owned: (vehicleId: string) => boolean): void {
    for (const vehicleId of this.vehicles.keys()) if (!owned(vehicleId)) this.vehicles.delete(vehicleId);
    for (const vehicleId of this.idleUntil.keys()) if (!owned(vehicleId)) this.idleUntil.delete(vehicleId);
  }

  /** Resolves when every evaluation under way has finished (tests, shutdown). */
  async idle(): Promise<void> {
    await Promise.all([...this.vehicles.values()].map((state) => state.running));
  }

  private stateOf(vehicleId: string): VehicleState {
    let state = this.vehicles.get(vehicleId);
    if (!state) {
      state = new VehicleState();
      this.vehicles.set(vehicleId, state);
    }
    return state;
  }

  private async drain(state: VehicleState): Promise<void> {
    while (state.queue.length) {
      const batch = state.queue.splice(0).sort((a, b) => a.fixAt - b.fixAt);
      try {
        await this.evaluate(state, batch);
      } catch (error) {
        state.stops = null;
        this.log.error({ err: error, vehicleId: batch[0]?.vehicleId }, "tracking evaluation failed");
      }
    }
    state.running = null;
  }

  /**
   * Until when a vehicle's stops just read may be used: `stopsCacheS` on average, each vehicle's
   * drawn between 0.75 and 1.25 of it. With one fixed lifetime a fleet that started together
   * re-read all its stops in the same instant every few seconds: a burst of queries that held
   * up the ingest on the same event loop for tens of milliseconds (its p99 latency).
   */
  private cacheUntil(): number {
    return performance.now() + this.rules.stopsCacheS * 1000 * (0.75 + Math.random() / 2);
  }

  /** The vehicle's open stops in route order, from a short cache. */
  private async openStops(state: VehicleState, position: ScopedPosition): Promise<StopDto[]> {
    if (state.stops && performance.now() < state.stops.freshUntil) return state.stops.list;
    const scope = { organisationId: position.organisationId, driverId: null };
    const list = (await this.orders.listStops(scope, { vehicleId: position.vehicleId, open: true })).filter(
      (stop) => stop.status !== "unassigned",
    );
    state.stops = { list, freshUntil: this.cacheUntil() };
    return list;
  }

  /**
   * The periodic rules, for conditions no fix reports: `signal_lost` (vehicles on their route
   * that have not reported for too long; their ETAs turn stale; a new fix clears it) and
   * `late_departure` (still at the start too long after the planned departure, fixes or not).
   */
  async sweep(now = this.clock()): Promise<void> {
    await this.sweepSignals(now);
    await this.sweepDepartures(now);
  }

  /**
   * `signal_lost` for the vehicles this instance tracks: in a cluster every instance sweeps its
   * own (each vehicle has one owner), where {@link sweepDepartures} runs on one instance.
   */
  async sweepSignals(now = this.clock()): Promise<void> {
    for (const [vehicleId, state] of this.vehicles) {
      const last = state.last;
      if (!last || !state.departed || now - last.fixAt < this.rules.signalLostS * 1000) continue;
      const minutes = Math.round((now - last.fixAt) / 60_000);
      const raised = await this.alerts.raise(last.organisationId, {
        kind: "signal_lost",
        vehicleId,
        orderId: null,
        stopId: null,
        detail: `no position for ${minutes} min`,
        data: { lastFixAt: new Date(last.fixAt).toISOString(), lat: last.lat, lng: last.lng },
      });
      if (raised && !state.running && state.stops)
        await this.etas
          .update(state, last, state.stops.list, now)
          .catch((err) => this.log.warn({ err, vehicleId }, "marking ETAs stale failed"));
    }
  }

  /** `late_departure`, from the planned departures in the database (every vehicle's). */
  async sweepDepartures(now = this.clock()): Promise<void> {
    if (this.departures) await this.checkDepartures(this.departures, now);
  }

  /**
   * `late_departure`: raised once while a planned departure is overdue, cleared when the vehicle
   * leaves. A departure that was overdue is settled once per process (an alert raised before a
   * restart is cleared too: clearing one that is not open changes nothing).
   */
  private async checkDepartures(departures: PlannedDepartures, now: number): Promise<void> {
    const graceS = this.rules.lateDepartureS;
    for (const due of await departures.between(now - 12 * 3_600_000, now)) {
      const key = `${due.organisationId}:${due.vehicleId}`;
      const departed = due.departed || this.vehicles.get(due.vehicleId)?.departed === true;
      const verdict = checkDeparture({ plannedAt: due.plannedAt, departed }, now, graceS);
      const seen = this.lateDepartures.get(key);
      if (verdict.kind === "late" && seen !== "raised") {
        this.lateDepartures.set(key, "raised");
        await this.alerts.raise(due.organisationId, {
          kind: "late_departure",
          vehicleId: due.vehicleId,
          orderId: null,
          stopId: null,
          detail: `not left ${Math.round(verdict.lateS / 60)} min after the planned departure`,
          data: { plannedDepartureAt: new Date(due.plannedAt).toISOString() },
        });
      } else if (verdict.kind === "departed" && seen !== "settled" && now - due.plannedAt >= graceS * 1000) {
        this.lateDepartures.set(key, "settled");
        await this.alerts.clear(due.organisationId, {
          kind: "late_departure",
          vehicleId: due.vehicleId,
          orderId: null,
        });
      }
    }
  }

  /** Runs a vehicle's new positions through stop detection and the route, then the rules on the newest. */
  private async evaluate(state: VehicleState, batch: readonly ScopedPosition[]): Promise<void> {
    // Reordered or repeated fixes are stored, but they are old news for the rules.
    const fixes = state.last ? batch.filter((fix) => fix.fixAt > (state.last?.fixAt ?? 0)) : batch;
    const position = fixes.at(-1);
    if (!position) return;
    this.counts.evaluated += fixes.length;
    const org = position.organisationId;
    const scope = { organisationId: org, driverId: null };
    if (state.last && (fixes[0]?.fixAt ?? 0) - state.last.fixAt >= this.rules.signalLostS * 1000)
      await this.alerts.clear(org, { kind: "signal_lost", vehicleId: position.vehicleId, orderId: null });
    state.last = position;
    const stops = await this.openStops(state, position);
    if (stops.length === 0) {
      await this.routes.forget(state, position);
      this.vehicles.delete(position.vehicleId);
      this.idleUntil.set(position.vehicleId, this.cacheUntil());
      return;
    }
    const { places, moving, arrivedOrLeft } = await this.detectStops(state, fixes, stops);
    let changed = arrivedOrLeft;
    if (moving && !state.departed) {
      await this.orders.departVehicle(org, position.vehicleId, SYSTEM);
      state.departed = true;
      changed = true;
      await this.clearLateDeparture(org, position.vehicleId);
    }
    if (changed) state.stops = null;
    const current = await this.openStops(state, position);
    if (moving && !current.some((stop) => stop.status === "en_route" || stop.status === "arrived")) {
      const next = current.find((stop) => stop.status === "assigned");
      if (next) {
        await this.orders.reportStop(scope, next.id, { status: "en_route" }, SYSTEM);
        state.stops = null;
        changed = true;
      }
    }
    const open = await this.openStops(state, position);
    const stationarySince = await this.routes.follow(state, fixes, places, open);
    for (const [i, fix] of fixes.entries())
      await this.checkStopped(state, fix, stationarySince[i]!, places[i]!.atStop);
    if (changed || position.fixAt - state.lastEtaAt >= this.rules.etaEveryS * 1000) {
      state.lastEtaAt = position.fixAt;
      this.counts.etaUpdates++;
      await this.etas.update(state, position, open, this.clock());
    }
  }

  /**
   * Runs each fix through the geofence of every open stop (reporting arrivals), and tells where
   * the vehicle was at each fix against its start and its stops (a batch may span a whole drive
   * and a stop, after a dead spot or a slow store).
   */
  private async detectStops(
    state: VehicleState,
    fixes: readonly ScopedPosition[],
    stops: readonly StopDto[],
  ): Promise<{ places: FixPlace[]; moving: boolean; arrivedOrLeft: boolean }> {
    const places: FixPlace[] = [];
    let moving = false;
    let arrivedOrLeft = false;
    for (const fix of fixes) {
      for (const stop of stops) {
        const event = this.presenceOf(state, stop).update(fix.fixAt, fix.lat, fix.lng);
        if (event.type === "arrived" && (stop.status === "assigned" || stop.status === "en_route")) {
          const scope = { organisationId: fix.organisationId, driverId: null };
          await this.orders.reportStop(scope, stop.id, { status: "arrived", at: new Date(event.at) }, SYSTEM);
          arrivedOrLeft = true;
        } else if (event.type === "departed") arrivedOrLeft = true;
      }
      moving ||= (fix.speedKmh ?? 0) >= this.rules.movingKmh;
      const presences = stops.map((stop) => state.presences.get(stop.id));
      places.push({
        departed: state.departed || moving,
        atStop: presences.some((presence) => presence?.isPresent),
        nearStop: presences.some((presence) => presence?.isNear),
      });
    }
    return { places, moving, arrivedOrLeft };
  }

  private presenceOf(state: VehicleState, stop: StopDto): StopPresence {
    let presence = state.presences.get(stop.id);
    if (!presence) {
      presence = new StopPresence(stop.place, this.rules.presence, stop.status === "arrived");
      state.presences.set(stop.id, presence);
    }
    return presence;
  }

  /** The vehicle left: a `late_departure` this process raised ends now (others at the next sweep). */
  private async clearLateDeparture(organisationId: string, vehicleId: string): Promise<void> {
    const key = `${organisationId}:${vehicleId}`;
    if (this.lateDepartures.get(key) !== "raised") return;
    this.lateDepartures.set(key, "settled");
    await this.alerts.clear(organisationId, { kind: "late_departure", vehicleId, orderId: null });
  }

  /** `stopped_too_long`: standing still (since `since`) away from every stop after leaving. */
  private async checkStopped(
    state: VehicleState,
    position: ScopedPosition,
    since: number,
    atStop: boolean,
  ): Promise<void> {
    const condition = { kind: "stopped_too_long" as const, vehicleId: position.vehicleId, orderId: null };
    const stoppedFor = position.fixAt - since;
    if (!state.stoppedAlert && state.departed && !atStop && stoppedFor >= this.rules.stoppedTooLongS * 1000) {
      state.stoppedAlert = true;
      await this.alerts.raise(position.organisationId, {
        ...condition,
        stopId: null,
        detail: `standing still for ${Math.round(stoppedFor / 60_000)} min away from its stops`,
        data: { since: new Date(since).toISOString(), lat: position.lat, lng: position.lng },
      });
    } else if (state.stoppedAlert && position.fixAt === since) {
      state.stoppedAlert = false;
      await this.alerts.clear(position.organisationId, condition);
    }
  }
}
