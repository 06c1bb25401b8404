import type { DayNetwork } from "./day-network";
import type { DayOrder } from "./day-orders";

/** One stop of a vehicle's queue: collect an order's goods, deliver them, or go back to the depot. */
export interface Visit {
  readonly type: "pickup" | "delivery" | "end";
  /** null for `end`. */
  readonly orderId: string | null;
  /** A point registered in the day's network. */
  readonly point: number;
  readonly serviceS: number;
}

/** A vehicle as the simulated day goes. Times are seconds from midnight. */
export interface VehicleRun {
  readonly id: string;
  broken: boolean;
  /** Where it is, or was last (a registered point). */
  at: number;
  /** When it may leave `at`. */
  freeS: number;
  /** What it will do next, in order. */
  queue: Visit[];
  distanceM: number;
  drivingS: number;
  /** When it last got back to the depot; null while out. */
  backS: number | null;
}

/** How a delivery went. */
export interface DeliveryRecord {
  readonly vehicleId: string;
  readonly arrivalS: number;
  /** Past the end of the promised window on arrival, seconds (0: kept). */
  readonly lateS: number;
}

/** Where an order's goods wait when no vehicle carries them. */
export const AT_DEPOT = "depot";

/**
 * Drives a fleet through a simulated day on a {@link DayNetwork}. A leg is driven with the roads
 * as they are when it starts (a closure that begins while a vehicle is on its way does not stop
 * it); a vehicle arriving before a window waits for it, one arriving after it delivers late.
 * Goods are tracked: a delivery of goods the vehicle does not carry is a bug and throws.
 *
 * @example
 * const day = new DayExecution(network, orders, depot, ["van-1"], 8 * 3600);
 * day.assign("van-1", visits, 8 * 3600);
 * day.advance(11 * 3600); // everything that started before 11:00 is done
 */
export class DayExecution {
  readonly runs = new Map<string, VehicleRun>();
  /** Who holds each order's goods (a vehicle id or {@link AT_DEPOT}) until it is delivered. */
  readonly holder = new Map<string, string>();
  readonly delivered = new Map<string, DeliveryRecord>();
  /** Orders a vehicle could not reach (a closure cut their road off). */
  readonly unreachable = new Set<string>();

  constructor(
    private readonly network: DayNetwork,
    private readonly orders: ReadonlyMap<string, DayOrder & { readonly pointIndex: number }>,
    readonly depot: number,
    vehicleIds: readonly string[],
    dayStartS: number,
  ) {
    for (const id of vehicleIds)
      this.runs.set(id, {
        id,
        broken: false,
        at: depot,
        freeS: dayStartS,
        queue: [],
        distanceM: 0,
        drivingS: 0,
        backS: dayStartS,
      });
    for (const id of orders.keys()) this.holder.set(id, AT_DEPOT);
  }

  /** The vehicle's run; throws for an unknown id. */
  run(vehicleId: string): VehicleRun {
    const run = this.runs.get(vehicleId);
    if (!run) throw new RangeError(`no vehicle ${vehicleId}`);
    return run;
  }

  /** Loads goods at the depot before the day: the vehicle carries these orders from the start. */
  load(vehicleId: string, orderIds: readonly string[]): void {
    for (const id of orderIds) this.holder.set(id, this.run(vehicleId).id);
  }

  /** The visit delivering an order of the day, at its address. */
  readonly deliveryVisit = (orderId: string): Visit => {
    const order = this.orders.get(orderId);
    if (!order) throw new RangeError(`no order ${orderId}`);
    return { type: "delivery", orderId, point: order.pointIndex, serviceS: order.serviceS };
  };

  /** Gives a vehicle a new queue from `atS` on; it ends at the depot unless it is there with nothing to do. */
  assign(vehicleId: string, visits: readonly Visit[], atS: number): void {
    const run = this.run(vehicleId);
    if (run.broken) throw new RangeError(`${vehicleId} broke down: it cannot be given stops`);
    run.freeS = Math.max(run.freeS, atS);
    run.queue = visits.length === 0 && run.at === this.depot ? [] : [...visits, this.endVisit()];
  }

  /**
   * Every working vehicle drives each leg it starts before `untilS` to its end, and serves the
   * stops whose service starts before `untilS`; one waiting at a stop for its window stays there,
   * the stop still to serve.
   */
  advance(untilS: number): void {
    for (const run of this.runs.values())
      while (!run.broken && run.queue.length > 0 && run.freeS < untilS) {
        const visit = run.queue[0]!;
        if (!this.moveTo(run, visit)) continue;
        if (this.serviceStartS(visit, run.freeS) >= untilS) break;
        this.serve(run, run.queue.shift()!);
      }
  }

  /** Every working vehicle finishes its queue. */
  finish(): void {
    this.advance(Number.POSITIVE_INFINITY);
  }

  /**
   * The vehicle breaks down at `atS`: it serves the stops whose service started before, then
   * stops where it is (part-way along a leg, or at a stop it was waiting at) with the rest of
   * its goods on board. Returns where it stands (a registered point).
   */
  breakDown(vehicleId: string, atS: number): number {
    const run = this.run(vehicleId);
    while (run.queue.length > 0 && run.freeS < atS) {
      const next = run.queue[0]!;
      const leg = this.network.leg(run.at, next.point, run.freeS);
      if (Number.isFinite(leg.durationS) && run.freeS + leg.durationS > atS) {
        const fraction = (atS - run.freeS) / Math.max(1, leg.durationS);
        run.distanceM += leg.distanceM * fraction;
        run.drivingS += atS - run.freeS;
        run.at = this.network.register(this.network.along(run.at, next.point, fraction, run.freeS));
        break;
      }
      if (!this.moveTo(run, next)) continue;
      if (this.serviceStartS(next, run.freeS) >= atS) break;
      this.serve(run, run.queue.shift()!);
    }
    run.broken = true;
    run.queue = [];
    run.freeS = atS;
    run.backS = run.at === this.depot ? atS : null;
    return run.at;
  }

  /** Drives to the visit's point (nothing when there already); false, skipping the visit, when unreachable. */
  private moveTo(run: VehicleRun, visit: Visit): boolean {
    const leg = this.network.leg(run.at, visit.point, run.freeS);
    if (!Number.isFinite(leg.durationS)) {
      this.skip(run.queue.shift()!);
      return false;
    }
    run.distanceM += leg.distanceM;
    run.drivingS += leg.durationS;
    run.freeS += leg.durationS;
    run.at = visit.point;
    return true;
  }

  /** Serves the visit the vehicle is at (it got there at `run.freeS`). */
  private serve(run: VehicleRun, visit: Visit): void {
    const arrivalS = run.freeS;
    run.freeS = this.serviceStartS(visit, arrivalS) + visit.serviceS;
    run.backS = visit.type === "end" ? arrivalS : null;
    if (visit.orderId === null) return;
    if (visit.type === "pickup") {
      this.holder.set(visit.orderId, run.id);
      return;
    }
    if (this.holder.get(visit.orderId) !== run.id)
      throw new Error(
        `${run.id} delivers ${visit.orderId}, whose goods are with ${this.holder.get(visit.orderId)}`,
      );
    this.holder.delete(visit.orderId);
    const window = this.orders.get(visit.orderId)?.window;
    const lateS = window ? Math.max(0, arrivalS - window[1]) : 0;
    this.delivered.set(visit.orderId, { vehicleId: run.id, arrivalS, lateS });
  }

  private skip(visit: Visit): void {
    if (visit.type === "delivery" && visit.orderId !== null) this.unreachable.add(visit.orderId);
  }

  /** Service starts on arrival, or when the window opens; a late arrival is served at once. */
  private serviceStartS(visit: Visit, arrivalS: number): number {
    const window = visit.type === "delivery" && visit.orderId ? this.orders.get(visit.orderId)?.window : null;
    return window && arrivalS < window[0] ? window[0] : arrivalS;
  }

  private endVisit(): Visit {
    return { type: "end", orderId: null, point: this.depot, serviceS: 0 };
  }
}
