import type {
  PlanningJob,
  PlanningProblem,
  PlanningShipment,
  PlanningVehicle,
} from "../planning/planning-problem";

/** A step of a naive route: a job (goods on board), or either end of a shipment. */
export interface NaiveStep {
  readonly type: "job" | "pickup" | "delivery";
  readonly id: string;
}

/** The naive recovery: every working vehicle's route, and what no vehicle had room for. */
export interface NaivePlan {
  readonly routes: readonly { readonly vehicleId: string; readonly steps: readonly NaiveStep[] }[];
  readonly unassigned: readonly { readonly type: "job" | "shipment"; readonly id: string }[];
}

/** Tasks appended to one vehicle, collected from one place. */
interface AppendedGroup {
  readonly from: number;
  readonly tasks: (PlanningShipment | PlanningJob)[];
}

/**
 * The recovery a dispatcher makes without a planner, the baseline of the contingency benchmark:
 * every working vehicle keeps its route as it is (`current`: the task ids it will serve, in
 * order); goods stranded elsewhere than at the depot (on a broken-down van) all go to the vehicle
 * nearest to them (travel time from where each vehicle is now) that has room for all of them;
 * goods waiting at the depot (new orders) each go to the vehicle nearest to the order's address
 * that has room. The chosen vehicle appends them to the end of its route: it collects the goods
 * (one pickup per shipment, at one place), then delivers them in the order given. Windows and
 * shifts are not looked at: that is what makes it naive. Works on a re-plan problem
 * ({@link replanProblem}); pure and deterministic (ties go to the first vehicle).
 *
 * @example
 * const plan = naiveRecovery(problem, new Map([["van-1", ["s1", "s2"]]]), depotLocation);
 * checkPlan(problem, plan).violations; // the windows and shifts it breaks, in words
 */
export function naiveRecovery(
  problem: PlanningProblem,
  current: ReadonlyMap<string, readonly string[]>,
  depotLocation: number,
): NaivePlan {
  const kept = keptRoutes(problem, current);
  const dispatcher = new NaiveDispatcher(problem, depotLocation);
  for (const job of kept.free) dispatcher.send([job], job.location, job.location);
  for (const [from, shipments] of strandedGroups(problem, depotLocation)) {
    if (from !== depotLocation) dispatcher.send(shipments, from, from);
    else for (const shipment of shipments) dispatcher.send([shipment], from, shipment.delivery.location);
  }
  const routes = problem.vehicles.flatMap((vehicle) => {
    const steps: NaiveStep[] = [...(kept.routes.get(vehicle.id) ?? [])];
    for (const group of dispatcher.appended.get(vehicle.id) ?? []) steps.push(...groupSteps(group));
    return steps.length > 0 ? [{ vehicleId: vehicle.id, steps }] : [];
  });
  return { routes, unassigned: dispatcher.unassigned };
}

/** Hands tasks to the nearest vehicle with room, keeping track of what each has been given. */
class NaiveDispatcher {
  readonly appended = new Map<string, AppendedGroup[]>();
  readonly unassigned: { type: "job" | "shipment"; id: string }[] = [];
  private readonly room: Map<string, number[]>;

  constructor(
    private readonly problem: PlanningProblem,
    private readonly depotLocation: number,
  ) {
    this.room = new Map(problem.vehicles.map((vehicle) => [vehicle.id, [...vehicle.capacity]]));
  }

  /** The tasks, collected at `from`, go together to the vehicle nearest to `nearTo`; one depot trip per vehicle. */
  send(tasks: readonly (PlanningShipment | PlanningJob)[], from: number, nearTo: number): void {
    const vehicle = nearestWithRoom(this.problem, nearTo, tasks, this.room);
    if (!vehicle) {
      for (const task of tasks)
        this.unassigned.push({ type: "pickup" in task ? "shipment" : "job", id: task.id });
      return;
    }
    const groups = this.appended.get(vehicle.id) ?? [];
    const group = groups.find((g) => g.from === from && from === this.depotLocation);
    if (group) group.tasks.push(...tasks);
    else groups.push({ from, tasks: [...tasks] });
    this.appended.set(vehicle.id, groups);
    for (const task of tasks) take(this.room.get(vehicle.id)!, task.amount);
  }
}

/**
 * Each vehicle's jobs in its current order (committed stops first), then its other jobs (goods
 * on board it was not given an order for); jobs tied to no vehicle are `free` (to be appended).
 */
function keptRoutes(
  problem: PlanningProblem,
  current: ReadonlyMap<string, readonly string[]>,
): { routes: Map<string, NaiveStep[]>; free: PlanningJob[] } {
  const jobs = new Map(problem.jobs.map((job) => [job.id, job]));
  const placed = new Set<string>();
  const routes = new Map<string, NaiveStep[]>();
  for (const vehicle of problem.vehicles) {
    const own = problem.jobs.filter((job) => job.vehicleIds?.includes(vehicle.id)).map((job) => job.id);
    const order = [
      ...(vehicle.onRoad?.committed ?? []).map((stop) => stop.id),
      ...(current.get(vehicle.id) ?? []),
    ];
    const steps: NaiveStep[] = [];
    for (const id of [...order, ...own]) {
      const job = jobs.get(id);
      if (!job || placed.has(id) || (job.vehicleIds && !job.vehicleIds.includes(vehicle.id))) continue;
      placed.add(id);
      steps.push({ type: "job", id });
    }
    routes.set(vehicle.id, steps);
  }
  return { routes, free: problem.jobs.filter((job) => !placed.has(job.id)) };
}

/** Shipments grouped by where their goods are, in the problem's order. */
function strandedGroups(problem: PlanningProblem, depotLocation: number): Map<number, PlanningShipment[]> {
  const groups = new Map<number, PlanningShipment[]>();
  for (const shipment of problem.shipments ?? []) {
    const from = shipment.pickup.location;
    groups.set(from, [...(groups.get(from) ?? []), shipment]);
  }
  // The depot's group last: rescuing stranded goods comes first when room is short.
  const depot = groups.get(depotLocation);
  groups.delete(depotLocation);
  if (depot) groups.set(depotLocation, depot);
  return groups;
}

/** Pickups of the group's shipments (a free job is served where it is), then their deliveries. */
function groupSteps(group: AppendedGroup): NaiveStep[] {
  const shipments = group.tasks.filter((task): task is PlanningShipment => "pickup" in task);
  const jobs = group.tasks.filter((task): task is PlanningJob => !("pickup" in task));
  return [
    ...jobs.map((job) => ({ type: "job" as const, id: job.id })),
    ...shipments.map((s) => ({ type: "pickup" as const, id: s.id })),
    ...shipments.map((s) => ({ type: "delivery" as const, id: s.id })),
  ];
}

/** The vehicle that gets to `location` soonest from where it is, allowed and with room for all `tasks`. */
function nearestWithRoom(
  problem: PlanningProblem,
  location: number,
  tasks: readonly (PlanningShipment | PlanningJob)[],
  room: ReadonlyMap<string, readonly number[]>,
): PlanningVehicle | null {
  const { size, durationsS } = problem.matrices;
  let best: PlanningVehicle | null = null;
  let bestS = Number.POSITIVE_INFINITY;
  for (const vehicle of problem.vehicles) {
    if (!tasks.every((task) => mayServe(vehicle, task))) continue;
    if (!fits(room.get(vehicle.id) ?? [], tasks)) continue;
    const from = vehicle.onRoad?.location ?? vehicle.startLocation;
    const durationS = durationsS[from * size + location] ?? Number.POSITIVE_INFINITY;
    if (durationS < bestS) {
      best = vehicle;
      bestS = durationS;
    }
  }
  return best;
}

function mayServe(vehicle: PlanningVehicle, task: PlanningShipment | PlanningJob): boolean {
  if (task.vehicleIds && !task.vehicleIds.includes(vehicle.id)) return false;
  return (task.skills ?? []).every((skill) => vehicle.skills?.includes(skill));
}

function fits(room: readonly number[], tasks: readonly (PlanningShipment | PlanningJob)[]): boolean {
  return room.every(
    (left, d) => tasks.reduce((sum, task) => sum + (task.amount?.[d] ?? 0), 0) <= left + 1e-9,
  );
}

function take(room: number[], amount: readonly number[] | undefined): void {
  amount?.forEach((value, d) => {
    room[d] = (room[d] ?? 0) - value;
  });
}
