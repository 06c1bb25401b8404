import type { PlanningProblem, PlanningVehicle, StopSpec, TimeWindow } from "./planning-problem";

/** What a node of the compiled problem is; its kind decides how it changes the load. */
export const NodeKind = {
  /** A delivery job: loaded at the route's start, unloaded here. */
  deliveryJob: 0,
  /** A pickup job: loaded here, carried to the route's end. */
  pickupJob: 1,
  shipmentPickup: 2,
  shipmentDelivery: 3,
  /** A driver's break: no location of its own (taken where the vehicle is). */
  break: 4,
  start: 5,
  end: 6,
} as const;

/**
 * A problem flattened into typed arrays for the search: every stop (job, either end of a
 * shipment, break, each vehicle's start and end) is a node; every job and shipment is a task.
 * Matrices have one extra location, `nowhere`, 0 away from everything: the end of open routes.
 */
export interface CompiledProblem {
  readonly source: PlanningProblem;
  /** Locations of the matrices, plus `nowhere`. */
  readonly locationCount: number;
  readonly nowhere: number;
  readonly durationsS: Float64Array;
  readonly distancesM: Float64Array;
  /** One travel cost matrix per distinct (perHour, perKm) pair of the vehicles. */
  readonly costMatrices: readonly Float64Array[];
  readonly dimensions: number;
  readonly nodeCount: number;
  readonly nodeKind: Uint8Array;
  /** Location index; -1 for breaks. */
  readonly nodeLocation: Int32Array;
  readonly nodeServiceS: Float64Array;
  /** Amount per dimension (`node * dimensions + d`), never negative: the kind gives the sign. */
  readonly nodeAmount: Float64Array;
  /** +1 when the node loads its amount, -1 when it unloads it, 0 for breaks, start and end. */
  readonly nodeLoadSign: Int8Array;
  /** The other end of a shipment; -1 for other nodes. */
  readonly nodePartner: Int32Array;
  /** Task of a job or shipment node; vehicle of a break, start or end node. */
  readonly nodeOwner: Int32Array;
  /** Windows of node n are `windowOffset[n] .. windowOffset[n + 1] - 1`. */
  readonly windowOffset: Int32Array;
  readonly windowStartS: Float64Array;
  readonly windowEndS: Float64Array;
  readonly taskCount: number;
  /** Tasks `0 .. jobCount - 1` are the jobs, the rest the shipments. */
  readonly jobCount: number;
  /** The job's node, or the shipment's pickup node (its delivery is the next node). */
  readonly taskNode: Int32Array;
  readonly taskPriority: Float64Array;
  /** 1 when vehicle v may serve task t, at `t * vehicleCount + v`. */
  readonly compatible: Uint8Array;
  readonly vehicleCount: number;
  readonly vehicleStartNode: Int32Array;
  readonly vehicleEndNode: Int32Array;
  readonly vehicleCapacity: Float64Array;
  /** Load on board at the start that no job of the route delivers. */
  readonly vehicleLoadOnBoard: Float64Array;
  /** Infinity when unbounded. */
  readonly vehicleMaxDurationS: Float64Array;
  readonly vehicleMaxDistanceM: Float64Array;
  readonly vehicleFixedCost: Float64Array;
  readonly vehicleCostMatrix: Int32Array;
  /** Vehicles of one class are interchangeable: only one of them is tried when it is empty. */
  readonly vehicleClass: Int32Array;
  readonly vehicleBreakNodes: readonly Int32Array[];
  /** Nodes the vehicle is committed to, in order: the locked head of its route. */
  readonly vehicleCommittedNodes: readonly Int32Array[];
  /** For each task node, the other task nodes by increasing distance (at most `NEIGHBOUR_COUNT`). */
  readonly neighbours: readonly Int32Array[];
}

/** How many nearest nodes the string removal may look at around its seed. */
const NEIGHBOUR_COUNT = 100;

/**
 * Compiles a validated problem (see validateProblem) for the search.
 *
 * @example
 * const compiled = compileProblem(problem);
 * compiled.durationsS[a * compiled.locationCount + b]; // seconds from location a to b
 */
export function compileProblem(problem: PlanningProblem): CompiledProblem {
  const { vehicles, jobs, shipments = [] } = problem;
  const dimensions = vehicles[0]!.capacity.length;
  const size = problem.matrices.size;
  const locationCount = size + 1;
  const durationsS = withNowhere(problem.matrices.durationsS, size);
  const distancesM = withNowhere(problem.matrices.distancesM, size);
  const { costMatrices, vehicleCostMatrix } = buildCostMatrices(vehicles, durationsS, distancesM);

  const nodes = new NodeTable(dimensions);
  const taskCount = jobs.length + shipments.length;
  const taskNode = new Int32Array(taskCount);
  const taskPriority = new Float64Array(taskCount);
  jobs.forEach((job, t) => {
    taskNode[t] = nodes.add(
      job.type === "pickup" ? NodeKind.pickupJob : NodeKind.deliveryJob,
      t,
      job,
      job.amount,
    );
    taskPriority[t] = job.priority ?? 0;
  });
  shipments.forEach((shipment, s) => {
    const t = jobs.length + s;
    const pickup = nodes.add(NodeKind.shipmentPickup, t, shipment.pickup, shipment.amount);
    const delivery = nodes.add(NodeKind.shipmentDelivery, t, shipment.delivery, shipment.amount);
    nodes.partner[pickup] = delivery;
    nodes.partner[delivery] = pickup;
    taskNode[t] = pickup;
    taskPriority[t] = shipment.priority ?? 0;
  });
  const taskNodeCount = nodes.count;

  const vehicleCount = vehicles.length;
  const vehicleStartNode = new Int32Array(vehicleCount);
  const vehicleEndNode = new Int32Array(vehicleCount);
  const vehicleBreakNodes: Int32Array[] = [];
  vehicles.forEach((vehicle, v) => {
    const startS = Math.max(vehicle.shift?.[0] ?? 0, vehicle.onRoad?.atS ?? Number.NEGATIVE_INFINITY);
    const endS = vehicle.shift?.[1] ?? Number.POSITIVE_INFINITY;
    const startLocation = vehicle.onRoad?.location ?? vehicle.startLocation;
    vehicleStartNode[v] = nodes.add(NodeKind.start, v, {
      location: startLocation,
      timeWindows: [[startS, startS]],
    });
    vehicleEndNode[v] = nodes.add(NodeKind.end, v, {
      location: vehicle.endLocation ?? size,
      timeWindows: [[startS, endS]],
    });
    vehicleBreakNodes.push(
      Int32Array.from(vehicle.breaks ?? [], (pause) =>
        nodes.add(NodeKind.break, v, {
          location: -1,
          serviceS: pause.durationS,
          timeWindows: pause.timeWindows,
        }),
      ),
    );
  });
  const vehicleCommittedNodes = committedNodes(problem, taskNode);
  for (const committed of vehicleCommittedNodes) for (const node of committed) nodes.relaxLastWindowEnd(node);

  const windows = nodes.windows();
  return {
    source: problem,
    locationCount,
    nowhere: size,
    durationsS,
    distancesM,
    costMatrices,
    dimensions,
    nodeCount: nodes.count,
    nodeKind: Uint8Array.from(nodes.kind),
    nodeLocation: Int32Array.from(nodes.location),
    nodeServiceS: Float64Array.from(nodes.serviceS),
    nodeAmount: Float64Array.from(nodes.amount),
    nodeLoadSign: Int8Array.from(nodes.kind, loadSign),
    nodePartner: Int32Array.from(nodes.partner),
    nodeOwner: Int32Array.from(nodes.owner),
    ...windows,
    taskCount,
    jobCount: jobs.length,
    taskNode,
    taskPriority,
    compatible: compatibility(problem),
    vehicleCount,
    vehicleStartNode,
    vehicleEndNode,
    vehicleCapacity: Float64Array.from(vehicles.flatMap((v) => v.capacity)),
    vehicleLoadOnBoard: Float64Array.from(
      vehicles.flatMap((v) => v.onRoad?.loadOnBoard ?? new Array<number>(dimensions).fill(0)),
    ),
    vehicleMaxDurationS: Float64Array.from(vehicles, (v) => v.maxDurationS ?? Number.POSITIVE_INFINITY),
    vehicleMaxDistanceM: Float64Array.from(vehicles, (v) => v.maxDistanceM ?? Number.POSITIVE_INFINITY),
    vehicleFixedCost: Float64Array.from(vehicles, (v) => v.costs?.fixed ?? 0),
    vehicleCostMatrix,
    vehicleClass: vehicleClasses(vehicles),
    vehicleBreakNodes,
    vehicleCommittedNodes,
    neighbours: nearestNeighbours(taskNodeCount, nodes.location, distancesM, locationCount),
  };
}

function loadSign(kind: number): number {
  if (kind === NodeKind.pickupJob || kind === NodeKind.shipmentPickup) return 1;
  if (kind === NodeKind.deliveryJob || kind === NodeKind.shipmentDelivery) return -1;
  return 0;
}

/** Growable columns of the node table while compiling. */
class NodeTable {
  readonly kind: number[] = [];
  readonly location: number[] = [];
  readonly serviceS: number[] = [];
  readonly amount: number[] = [];
  readonly partner: number[] = [];
  readonly owner: number[] = [];
  private readonly nodeWindows: TimeWindow[][] = [];

  constructor(private readonly dimensions: number) {}

  get count(): number {
    return this.kind.length;
  }

  add(kind: number, owner: number, stop: StopSpec, amount: readonly number[] = []): number {
    this.kind.push(kind);
    this.location.push(stop.location);
    this.serviceS.push(stop.serviceS ?? 0);
    for (let d = 0; d < this.dimensions; d++) this.amount.push(amount[d] ?? 0);
    this.partner.push(-1);
    this.owner.push(owner);
    this.nodeWindows.push(
      stop.timeWindows ? [...stop.timeWindows] : [[Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY]],
    );
    return this.kind.length - 1;
  }

  /** A committed stop is served even when late: its last window never closes. */
  relaxLastWindowEnd(node: number): void {
    const windows = this.nodeWindows[node]!;
    const last = windows.length - 1;
    windows[last] = [windows[last]![0], Number.POSITIVE_INFINITY];
  }

  windows(): { windowOffset: Int32Array; windowStartS: Float64Array; windowEndS: Float64Array } {
    const windowOffset = new Int32Array(this.count + 1);
    const all = this.nodeWindows.flat();
    this.nodeWindows.forEach((w, n) => {
      windowOffset[n + 1] = windowOffset[n]! + w.length;
    });
    return {
      windowOffset,
      windowStartS: Float64Array.from(all, (w) => w[0]),
      windowEndS: Float64Array.from(all, (w) => w[1]),
    };
  }
}

/** The matrix with a last row and column of zeros: `nowhere`, where open routes end. */
function withNowhere(cells: ArrayLike<number>, size: number): Float64Array {
  const out = new Float64Array((size + 1) * (size + 1));
  for (let i = 0; i < size; i++)
    for (let j = 0; j < size; j++) out[i * (size + 1) + j] = cells[i * size + j]!;
  return out;
}

function buildCostMatrices(
  vehicles: readonly PlanningVehicle[],
  durationsS: Float64Array,
  distancesM: Float64Array,
): { costMatrices: Float64Array[]; vehicleCostMatrix: Int32Array } {
  const byRates = new Map<string, number>();
  const costMatrices: Float64Array[] = [];
  const vehicleCostMatrix = Int32Array.from(vehicles, ({ costs = {} }) => {
    const perHour = costs.perHour ?? 0;
    const perKm = costs.perKm ?? (costs.perHour === undefined && costs.fixed === undefined ? 1 : 0);
    const key = `${perHour}:${perKm}`;
    let index = byRates.get(key);
    if (index === undefined) {
      index = costMatrices.length;
      byRates.set(key, index);
      costMatrices.push(
        Float64Array.from(
          durationsS,
          (seconds, i) => (perHour * seconds) / 3600 + (perKm * distancesM[i]!) / 1000,
        ),
      );
    }
    return index;
  });
  return { costMatrices, vehicleCostMatrix };
}

function compatibility({ vehicles, jobs, shipments = [] }: PlanningProblem): Uint8Array {
  const tasks = [...jobs, ...shipments];
  const out = new Uint8Array(tasks.length * vehicles.length);
  tasks.forEach((task, t) => {
    vehicles.forEach((vehicle, v) => {
      const skills = vehicle.skills ?? [];
      const hasSkills = (task.skills ?? []).every((skill) => skills.includes(skill));
      const allowed = task.vehicleIds === undefined || task.vehicleIds.includes(vehicle.id);
      out[t * vehicles.length + v] = hasSkills && allowed ? 1 : 0;
    });
  });
  return out;
}

function committedNodes(
  { vehicles, jobs, shipments = [] }: PlanningProblem,
  taskNode: Int32Array,
): Int32Array[] {
  const jobTask = new Map(jobs.map((job, t) => [job.id, t]));
  const shipmentTask = new Map(shipments.map((shipment, s) => [shipment.id, jobs.length + s]));
  return vehicles.map((vehicle) =>
    Int32Array.from(vehicle.onRoad?.committed ?? [], (stop) => {
      if (stop.type === "job") return taskNode[jobTask.get(stop.id)!]!;
      const pickup = taskNode[shipmentTask.get(stop.id)!]!;
      return stop.type === "pickup" ? pickup : pickup + 1;
    }),
  );
}

/** Vehicles that differ in nothing the search sees share a class. */
function vehicleClasses(vehicles: readonly PlanningVehicle[]): Int32Array {
  const classes = new Map<string, number>();
  return Int32Array.from(vehicles, ({ id: _, ...rest }) => {
    const key = JSON.stringify({ ...rest, skills: [...(rest.skills ?? [])].sort() });
    if (!classes.has(key)) classes.set(key, classes.size);
    return classes.get(key)!;
  });
}

function nearestNeighbours(
  taskNodeCount: number,
  location: readonly number[],
  distancesM: Float64Array,
  locationCount: number,
): Int32Array[] {
  const all = Array.from({ length: taskNodeCount }, (_, n) => n);
  return all.map((n) => {
    const row = location[n]! * locationCount;
    const others = all
      .filter((m) => m !== n)
      .sort((a, b) => distancesM[row + location[a]!]! - distancesM[row + location[b]!]! || a - b);
    return Int32Array.from(others.slice(0, NEIGHBOUR_COUNT));
  });
}
