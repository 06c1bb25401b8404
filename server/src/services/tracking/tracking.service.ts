import type { EventActor, LngLat, StopDto } from "@waybill/shared";
import type { Logger } from "pino";
import type { EventDraft } from "../../domain/orders/order-events";
import { etaOfStops, latenessS, PaceTracker, type StopEta } from "../../domain/tracking/eta";
import { StationaryTracker } from "../../domain/tracking/stationary";
import {
  DEFAULT_STOP_PRESENCE_RULES,
  StopPresence,
  type StopPresenceRules,
} from "../../domain/tracking/stop-presence";
import type { ScopedPosition } from "../../ports/position-broadcaster";
import type { OrderService } from "../orders/order.service";
import type { RoutingService } from "../routing.service";
import type { AlertService } from "./alert.service";

/** Thresholds of live tracking. */
export interface TrackingRules {
  readonly presence: StopPresenceRules;
  /** A vehicle's open stops are re-read at most this often (unless tracking changed one), seconds. */
  readonly stopsCacheS: number;
  /** ETAs are recomputed at most this often per vehicle, seconds (and after every arrival). */
  readonly etaEveryS: number;
  /** An ETA change is announced (`shipment.eta_updated`) only when it moves by this much, seconds. */
  readonly etaAnnounceS: number;
  /** An ETA this far past the promised window raises a delay, seconds. */
  readonly delayGraceS: number;
  /** A fix older than this makes ETAs stale, seconds. */
  readonly staleAfterS: number;
  /** No fix for this long from a vehicle on its route raises `signal_lost`, seconds. */
  readonly signalLostS: number;
  /** Standing still this long away from every stop raises an alert, seconds. */
  readonly stoppedTooLongS: number;
  /** At or above this speed the vehicle is driving, km/h. */
  readonly movingKmh: number;
}

export const DEFAULT_TRACKING_RULES: TrackingRules = {
  presence: DEFAULT_STOP_PRESENCE_RULES,
  stopsCacheS: 5,
  etaEveryS: 30,
  etaAnnounceS: 120,
  delayGraceS: 300,
  staleAfterS: 300,
  signalLostS: 300,
  stoppedTooLongS: 15 * 60,
  movingKmh: 8,
};

const SYSTEM: EventActor = { kind: "system", id: "tracking" };

/** What tracking does to orders and stops (through the one status machine). */
export type TrackingOrders = Pick<
  OrderService,
  "listStops" | "reportStop" | "departVehicle" | "recordEta" | "setException"
>;

/** Most positions kept waiting per vehicle while an evaluation runs (the oldest go first). */
const MAX_QUEUED = 2_000;

/** What tracking remembers of one vehicle between fixes. */
class VehicleState {
  readonly presences = new Map<string, StopPresence>();
  readonly pace = new PaceTracker();
  readonly stationary = new StationaryTracker();
  readonly announcedEta = new Map<string, number>();
  readonly predictedS = new Map<string, number>();
  /** Orders this vehicle raised a delay for that has not cleared. */
  readonly delayed = new Set<string>();
  last: ScopedPosition | null = null;
  /** Positions not evaluated yet, in arrival order. */
  queue: ScopedPosition[] = [];
  stops: { readonly list: StopDto[]; readonly loadedAt: number } | null = null;
  lastEtaAt = 0;
  departed = false;
  stoppedAlert = false;
  lastDepartureAt: number | null = null;
  running: Promise<void> | null = null;
}

/**
 * Live tracking after each stored position: recognises arrivals at stops (geofence with
 * hysteresis and dwell) and departures, puts orders out for delivery when their vehicle leaves,
 * marks the next stop en route, keeps an ETA for every remaining stop (road travel times scaled
 * by the vehicle's observed pace) and raises delays and exceptions once, clearing them when they
 * end. It runs beside the ingest, never in its way: a vehicle is evaluated at most every few
 * seconds, on its newest position.
 */
export class TrackingService {
  private readonly vehicles = new Map<string, VehicleState>();

  constructor(
    private readonly orders: TrackingOrders,
    private readonly routing: Pick<RoutingService, "route">,
    private readonly alerts: Pick<AlertService, "raise" | "clear">,
    private readonly log: Logger,
    private readonly rules: TrackingRules = DEFAULT_TRACKING_RULES,
  ) {}

  /** Takes every stored position; evaluation happens in the background, per vehicle in fix order. */
  observe(positions: readonly ScopedPosition[]): void {
    for (const position of positions) {
      const state = this.stateOf(position.vehicleId);
      if (state.queue.length >= MAX_QUEUED) state.queue.shift();
      state.queue.push(position);
      if (!state.running) state.running = this.drain(state);
    }
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

  /** The vehicle's open stops in route order, from a short cache. */
  private async openStops(state: VehicleState, position: ScopedPosition): Promise<StopDto[]> {
    if (state.stops && performance.now() - state.stops.loadedAt < this.rules.stopsCacheS * 1000)
      return state.stops.list;
    const scope = { organisationId: position.organisationId, driverId: null };
    const list = (await this.orders.listStops(scope, { vehicleId: position.vehicleId, open: true })).filter(
      (stop) => stop.status !== "unassigned",
    );
    state.stops = { list, loadedAt: performance.now() };
    return list;
  }

  /**
   * `signal_lost`: vehicles on their route that have not reported for too long (run it
   * periodically; a new fix clears it).
   */
  async sweep(now = Date.now()): Promise<void> {
    for (const [vehicleId, state] of this.vehicles) {
      const last = state.last;
      if (!last || !state.departed || now - last.fixAt < this.rules.signalLostS * 1000) continue;
      const minutes = Math.round((now - last.fixAt) / 60_000);
      await this.alerts.raise(last.organisationId, {
        kind: "signal_lost",
        vehicleId,
        orderId: null,
        stopId: null,
        detail: `no position for ${minutes} min`,
        data: { lastFixAt: new Date(last.fixAt).toISOString(), lat: last.lat, lng: last.lng },
      });
    }
  }

  /** Runs a vehicle's new positions through stop detection, then the route rules on the newest. */
  private async evaluate(state: VehicleState, batch: readonly ScopedPosition[]): Promise<void> {
    const position = batch.at(-1);
    if (!position) return;
    const org = position.organisationId;
    const scope = { organisationId: org, driverId: null };
    if (state.last && (batch[0]?.fixAt ?? 0) - state.last.fixAt >= this.rules.signalLostS * 1000)
      await this.alerts.clear(org, { kind: "signal_lost", vehicleId: position.vehicleId, orderId: null });
    state.last = position;
    const stops = await this.openStops(state, position);
    if (stops.length === 0) {
      this.vehicles.delete(position.vehicleId);
      return;
    }
    let changed = false;
    for (const fix of batch)
      for (const stop of stops) {
        const event = this.presenceOf(state, stop).update(fix.fixAt, fix.lat, fix.lng);
        if (event.type === "arrived" && (stop.status === "assigned" || stop.status === "en_route")) {
          await this.orders.reportStop(scope, stop.id, { status: "arrived", at: new Date(event.at) }, SYSTEM);
          const predicted = state.predictedS.get(stop.id);
          if (predicted !== undefined && state.lastDepartureAt !== null)
            state.pace.observe(predicted, (event.at - state.lastDepartureAt) / 1000);
          changed = true;
        } else if (event.type === "departed") {
          state.lastDepartureAt = event.at;
          changed = true;
        }
      }
    const moving = batch.some((fix) => (fix.speedKmh ?? 0) >= this.rules.movingKmh);
    if (moving && !state.departed) {
      await this.orders.departVehicle(org, position.vehicleId, SYSTEM);
      state.departed = true;
      changed = true;
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
    for (const fix of batch) await this.checkStopped(state, fix, current);
    if (changed || position.fixAt - state.lastEtaAt >= this.rules.etaEveryS * 1000) {
      state.lastEtaAt = position.fixAt;
      await this.updateEtas(state, position, await this.openStops(state, position));
    }
  }

  private presenceOf(state: VehicleState, stop: StopDto): StopPresence {
    let presence = state.presences.get(stop.id);
    if (!presence) {
      presence = new StopPresence(stop.place, this.rules.presence, stop.status === "arrived");
      state.presences.set(stop.id, presence);
    }
    return presence;
  }

  /** Recomputes the ETA of every remaining stop; announces real changes and raises or clears delays. */
  private async updateEtas(
    state: VehicleState,
    position: ScopedPosition,
    stops: readonly StopDto[],
  ): Promise<void> {
    const org = position.organisationId;
    const points: LngLat[] = [
      [position.lng, position.lat],
      ...stops.map((stop): LngLat => [stop.place.lng, stop.place.lat]),
    ];
    const road = await this.routing.route(points, { steps: false }).catch(() => null);
    if (!road) return;
    const now = Date.now();
    const etas = etaOfStops({
      now,
      fixAt: position.fixAt,
      stops: stops.map((stop) => ({
        stopId: stop.id,
        serviceS: stop.serviceTimeSeconds,
        timeWindows: stop.timeWindows,
        arrivedAt: stop.status === "arrived" && stop.arrivedAt ? Date.parse(stop.arrivedAt) : null,
      })),
      legDurationsS: road.legs.map((leg) => leg.durationS),
      pace: state.pace.pace,
      staleAfterS: this.rules.staleAfterS,
    });
    const first = stops[0];
    if (first) state.predictedS.set(first.id, road.legs[0]?.durationS ?? 0);
    for (const [index, stop] of stops.entries()) {
      const eta = etas[index] as StopEta;
      if (stop.status === "arrived") continue;
      await this.recordEta(org, stop, eta, state);
      await this.checkDelay(org, stop, eta, state);
    }
  }

  private async recordEta(org: string, stop: StopDto, eta: StopEta, state: VehicleState): Promise<void> {
    const previous = state.announcedEta.get(stop.id);
    const announce =
      previous === undefined || Math.abs(eta.arrivalAt - previous) >= this.rules.etaAnnounceS * 1000;
    const draft: EventDraft | null = announce
      ? {
          type: "shipment.eta_updated",
          stopId: stop.id,
          data: {
            eta: new Date(eta.arrivalAt).toISOString(),
            previousEta: previous === undefined ? null : new Date(previous).toISOString(),
            promisedWindow: stop.timeWindows[0] ?? null,
            confidence: eta.confidence,
            stale: eta.stale,
          },
        }
      : null;
    await this.orders.recordEta(
      org,
      stop.id,
      { at: new Date(eta.arrivalAt), confidence: eta.confidence, stale: eta.stale },
      SYSTEM,
      draft,
    );
    if (announce) state.announcedEta.set(stop.id, eta.arrivalAt);
  }

  /** `late_for_window`: the ETA is past the promised window by more than the grace. */
  private async checkDelay(org: string, stop: StopDto, eta: StopEta, state: VehicleState): Promise<void> {
    const late = latenessS(eta.arrivalAt, stop.timeWindows);
    const condition = { kind: "late_for_window" as const, vehicleId: stop.vehicleId, orderId: stop.orderId };
    if (late > this.rules.delayGraceS && !state.delayed.has(stop.orderId)) {
      state.delayed.add(stop.orderId);
      const minutes = Math.round(late / 60);
      const detail = `expected ${minutes} min after the promised window`;
      const raised = await this.alerts.raise(org, {
        ...condition,
        stopId: stop.id,
        detail,
        data: { lateS: late },
      });
      if (raised)
        await this.orders.setException(org, stop.orderId, "delayed", detail, SYSTEM, {
          type: "shipment.delayed",
          stopId: stop.id,
          data: {
            reason: "eta_after_window",
            eta: new Date(eta.arrivalAt).toISOString(),
            promisedWindow: stop.timeWindows.at(-1) ?? null,
            minutesLate: minutes,
          },
        });
    } else if (
      late === 0 &&
      state.delayed.delete(stop.orderId) &&
      (await this.alerts.clear(org, condition))
    ) {
      await this.orders.setException(org, stop.orderId, null, "back within the promised window", SYSTEM);
    }
  }

  /** `stopped_too_long`: standing still away from every stop after leaving. */
  private async checkStopped(
    state: VehicleState,
    position: ScopedPosition,
    stops: readonly StopDto[],
  ): Promise<void> {
    const since = state.stationary.update(position.fixAt, position.lat, position.lng);
    const atStop = stops.some((stop) => state.presences.get(stop.id)?.isPresent);
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
