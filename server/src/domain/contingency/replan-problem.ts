import type { LoadDto } from "@waybill/shared";
import { DIMENSIONS, type DispatchStop } from "../dispatch/dispatch-problem";
import type {
  PlanningJob,
  PlanningProblem,
  PlanningShipment,
  PlanningVehicle,
  StopRef,
} from "../planning/planning-problem";

type Point = { readonly lat: number; readonly lng: number };

/** A vehicle as it is now, mid-day. */
export interface LiveVehicle {
  readonly vehicleId: string;
  readonly driverId: string | null;
  /** False for a vehicle that broke down or is out of service: its goods must be transferred. */
  readonly available: boolean;
  /** Where it is now (its last fix), or its depot when it has not reported. */
  readonly position: Point;
  /** Where its route ends (the depot). */
  readonly end: Point;
  readonly shiftEndMs: number;
  readonly capacity: Partial<LoadDto>;
  /** True once it has left with its load: its deliveries are on board. */
  readonly departed: boolean;
}

/** A stop still to be served, and where it is now. */
export interface LiveStop extends DispatchStop {
  readonly status: "unassigned" | "assigned" | "en_route" | "arrived";
  readonly vehicleId: string | null;
  readonly sequence: number | null;
  /** The live ETA before re-planning, epoch ms, if tracking has one. */
  readonly etaMs: number | null;
}

/** What a re-plan may do. */
export interface ReplanOptions {
  /** Now, epoch ms: the re-planned routes start here. */
  readonly nowMs: number;
  /** The depot, where goods not on a vehicle wait. */
  readonly depot: Point;
  /**
   * Seconds moving a broken-down vehicle's goods to another takes at its side, for all of them:
   * each of its n shipments' pickups takes transferS / n (a vehicle taking them all spends
   * transferS there, not n times it).
   */
  readonly transferS: number;
}

/** The problem and how to read its solution back. */
export interface ReplanProblem {
  readonly problem: PlanningProblem;
  /** Points in matrix order (the caller gets the travel matrix between exactly these). */
  readonly points: readonly Point[];
  /** Time origin of the problem, epoch ms. */
  readonly originMs: number;
  /** The depot's location, where the pickups of goods waiting there are. */
  readonly depotLocation: number;
}

const UNLIMITED = 1e12;

/**
 * The mid-day re-planning problem, from the live state: every available vehicle starts where it
 * is now, a stop it is at stays first; deliveries already on board a working vehicle stay on it
 * (no transfer between working vans); deliveries on a broken-down vehicle become transfers
 * (pickup at its side, then delivery); goods still at the depot become pickups there; return
 * pickups may go to any vehicle. Times are seconds from `nowMs`; every task's id is its stop's id,
 * and the points are the vehicles' and stops' own objects (identity finds them again).
 */
export function replanProblem(
  vehicles: readonly LiveVehicle[],
  stops: readonly LiveStop[],
  options: ReplanOptions,
): ReplanProblem {
  const working = vehicles.filter((vehicle) => vehicle.available);
  const byId = new Map(vehicles.map((vehicle) => [vehicle.vehicleId, vehicle]));
  const points: Point[] = [];
  const locate = (point: Point) => points.push(point) - 1;
  const seconds = (ms: number) => Math.round((ms - options.nowMs) / 1000);

  const planningVehicles: PlanningVehicle[] = working.map((vehicle) => {
    const start = locate(vehicle.position);
    const end = locate(vehicle.end);
    const atStop = stops.find((stop) => stop.vehicleId === vehicle.vehicleId && stop.status === "arrived");
    const committed: StopRef[] = atStop ? [{ type: "job", id: atStop.stopId }] : [];
    return {
      id: vehicle.vehicleId,
      capacity: DIMENSIONS.map((d) => vehicle.capacity[d] ?? UNLIMITED),
      startLocation: start,
      endLocation: end,
      shift: [0, Math.max(0, seconds(vehicle.shiftEndMs))],
      onRoad: { location: start, atS: 0, committed },
    };
  });
  const depot = locate(options.depot);
  const brokenAt = new Map<string, number>();
  const stranded = new Map<string, number>();
  for (const stop of stops) {
    const carrier = stop.vehicleId ? byId.get(stop.vehicleId) : undefined;
    if (stop.kind === "delivery" && carrier?.departed && !carrier.available)
      stranded.set(carrier.vehicleId, (stranded.get(carrier.vehicleId) ?? 0) + 1);
  }
  const jobs: PlanningJob[] = [];
  const shipments: PlanningShipment[] = [];
  for (const stop of stops) {
    const amount = DIMENSIONS.map((d) => stop.load[d]);
    const windows = stop.timeWindows.length
      ? stop.timeWindows.map(
          (window) =>
            [
              Math.max(0, seconds(Date.parse(window.start))),
              Math.max(0, seconds(Date.parse(window.end))),
            ] as const,
        )
      : undefined;
    const at = {
      location: locate(stop),
      serviceS: stop.serviceS,
      ...(windows ? { timeWindows: windows } : {}),
    };
    const common = { amount, skills: stop.skills, priority: stop.priority };
    const carrier = stop.vehicleId ? byId.get(stop.vehicleId) : undefined;
    if (stop.kind === "pickup") {
      jobs.push({ id: stop.stopId, type: "pickup", ...at, ...common });
    } else if (carrier?.departed && carrier.available) {
      jobs.push({ id: stop.stopId, type: "delivery", ...at, ...common, vehicleIds: [carrier.vehicleId] });
    } else {
      let from = depot;
      if (carrier?.departed) {
        from = brokenAt.get(carrier.vehicleId) ?? locate(carrier.position);
        brokenAt.set(carrier.vehicleId, from);
      }
      const serviceS = carrier?.departed
        ? Math.round(options.transferS / (stranded.get(carrier.vehicleId) ?? 1))
        : 0;
      shipments.push({ id: stop.stopId, pickup: { location: from, serviceS }, delivery: at, ...common });
    }
  }
  return {
    problem: {
      matrices: { size: 0, durationsS: [], distancesM: [] },
      vehicles: planningVehicles,
      jobs,
      shipments,
    },
    points,
    originMs: options.nowMs,
    depotLocation: depot,
  };
}

/** The problem with its travel matrix between {@link ReplanProblem.points}, row-major. */
export function withMatrix(
  replan: ReplanProblem,
  matrix: { readonly durationsS: ArrayLike<number>; readonly distancesM: ArrayLike<number> },
): PlanningProblem {
  return { ...replan.problem, matrices: { size: replan.points.length, ...matrix } };
}
