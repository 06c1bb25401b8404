import { PlanningInputError } from "./planning-input-error";
import type {
  PlanningJob,
  PlanningProblem,
  PlanningShipment,
  PlanningVehicle,
  StopSpec,
  TimeWindow,
  VehicleOnRoad,
} from "./planning-problem";

/**
 * Rejects a problem the planner cannot honour, naming the first field at fault: matrices of the
 * wrong size, locations out of range, windows that end before they start, amounts of the wrong
 * dimension or above every vehicle's capacity, skills no vehicle has, unknown or duplicate ids,
 * committed stops that do not exist or split a shipment.
 *
 * @throws PlanningInputError
 * @example
 * validateProblem(problem); // throws `jobs[2].timeWindows[0]: start 900 is after end 600`
 */
export function validateProblem(problem: PlanningProblem): void {
  const { matrices, vehicles, jobs, shipments = [] } = problem;
  checkMatrices(problem);
  if (vehicles.length === 0) throw new PlanningInputError("vehicles", "at least one vehicle is required");
  const dimensions = vehicles[0]!.capacity.length;
  const vehicleIds = uniqueIds(vehicles, "vehicles");
  const skillsHeld = new Set(vehicles.flatMap((v) => v.skills ?? []));
  vehicles.forEach((vehicle, i) => {
    checkVehicle(vehicle, `vehicles[${i}]`, matrices.size, dimensions);
  });
  uniqueIds(jobs, "jobs");
  uniqueIds(shipments, "shipments");
  const tasks = [
    ...jobs.map((job, i) => ({ task: job, field: `jobs[${i}]`, stops: [["", job]] as const })),
    ...shipments.map((shipment, i) => ({
      task: shipment,
      field: `shipments[${i}]`,
      stops: [
        [".pickup", shipment.pickup],
        [".delivery", shipment.delivery],
      ] as const,
    })),
  ];
  for (const { task, field, stops } of tasks) {
    for (const [suffix, stop] of stops) checkStop(stop, `${field}${suffix}`, matrices.size);
    checkAmount(task.amount, `${field}.amount`, dimensions);
    (task.skills ?? []).forEach((skill, k) => {
      if (!skillsHeld.has(skill))
        throw new PlanningInputError(`${field}.skills[${k}]`, `no vehicle has skill "${skill}"`);
    });
    (task.vehicleIds ?? []).forEach((id, k) => {
      if (!vehicleIds.has(id))
        throw new PlanningInputError(`${field}.vehicleIds[${k}]`, `unknown vehicle "${id}"`);
    });
    if (task.priority !== undefined && !(task.priority >= 0))
      throw new PlanningInputError(`${field}.priority`, `expected a number >= 0, got ${task.priority}`);
    const amount = task.amount ?? [];
    if (!vehicles.some((v) => amount.every((a, d) => a <= v.capacity[d]!)))
      throw new PlanningInputError(
        `${field}.amount`,
        `[${amount.join(", ")}] exceeds the capacity of every vehicle`,
      );
  }
  checkCommittedStops(problem);
}

function checkMatrices({ matrices }: PlanningProblem): void {
  const { size, durationsS, distancesM } = matrices;
  if (!Number.isInteger(size) || size < 1)
    throw new PlanningInputError("matrices.size", `expected a positive integer, got ${size}`);
  for (const [name, cells] of [
    ["durationsS", durationsS],
    ["distancesM", distancesM],
  ] as const) {
    if (cells.length !== size * size)
      throw new PlanningInputError(
        `matrices.${name}`,
        `expected ${size} x ${size} = ${size * size} cells, got ${cells.length}`,
      );
    for (let i = 0; i < cells.length; i++)
      if (!(cells[i]! >= 0))
        throw new PlanningInputError(
          `matrices.${name}[${i}]`,
          `expected a number >= 0 (Infinity: unreachable), got ${cells[i]}`,
        );
  }
}

function uniqueIds(items: readonly { id: string }[], field: string): Set<string> {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id)) throw new PlanningInputError(`${field}[${i}].id`, `duplicate id "${item.id}"`);
    seen.add(item.id);
  });
  return seen;
}

function checkVehicle(vehicle: PlanningVehicle, field: string, size: number, dimensions: number): void {
  if (vehicle.capacity.length !== dimensions || !vehicle.capacity.every((c) => c >= 0))
    throw new PlanningInputError(
      `${field}.capacity`,
      `expected ${dimensions} numbers >= 0 (as vehicles[0]), got [${vehicle.capacity.join(", ")}]`,
    );
  checkLocation(vehicle.startLocation, `${field}.startLocation`, size);
  if (vehicle.endLocation !== undefined) checkLocation(vehicle.endLocation, `${field}.endLocation`, size);
  if (vehicle.shift) checkWindows([vehicle.shift], `${field}.shift`);
  for (const key of ["maxDurationS", "maxDistanceM"] as const) {
    const limit = vehicle[key];
    if (limit !== undefined && !(limit >= 0))
      throw new PlanningInputError(`${field}.${key}`, `expected >= 0, got ${limit}`);
  }
  for (const [key, cost] of Object.entries(vehicle.costs ?? {}))
    if (!(cost >= 0)) throw new PlanningInputError(`${field}.costs.${key}`, `expected >= 0, got ${cost}`);
  (vehicle.breaks ?? []).forEach((pause, k) => {
    checkWindows(pause.timeWindows, `${field}.breaks[${k}].timeWindows`);
    if (!(pause.durationS >= 0))
      throw new PlanningInputError(
        `${field}.breaks[${k}].durationS`,
        `expected >= 0, got ${pause.durationS}`,
      );
  });
  if (vehicle.onRoad) checkOnRoad(vehicle.onRoad, `${field}.onRoad`, size, dimensions);
}

function checkOnRoad(onRoad: VehicleOnRoad, field: string, size: number, dimensions: number): void {
  checkLocation(onRoad.location, `${field}.location`, size);
  if (!Number.isFinite(onRoad.atS))
    throw new PlanningInputError(`${field}.atS`, `expected a time, got ${onRoad.atS}`);
  checkAmount(onRoad.loadOnBoard, `${field}.loadOnBoard`, dimensions);
}

function checkStop(stop: StopSpec, field: string, size: number): void {
  checkLocation(stop.location, `${field}.location`, size);
  if (stop.serviceS !== undefined && !(stop.serviceS >= 0))
    throw new PlanningInputError(`${field}.serviceS`, `expected >= 0, got ${stop.serviceS}`);
  if (stop.timeWindows) {
    if (stop.timeWindows.length === 0)
      throw new PlanningInputError(`${field}.timeWindows`, "is empty (omit it for any time)");
    checkWindows(stop.timeWindows, `${field}.timeWindows`);
  }
}

function checkWindows(windows: readonly TimeWindow[], field: string): void {
  windows.forEach(([startS, endS], k) => {
    const at = field.endsWith("shift") ? field : `${field}[${k}]`;
    if (!Number.isFinite(startS) || Number.isNaN(endS))
      throw new PlanningInputError(
        at,
        `expected [startS, endS] with a finite start, got [${startS}, ${endS}]`,
      );
    if (startS > endS) throw new PlanningInputError(at, `start ${startS} is after end ${endS}`);
    const previous = windows[k - 1];
    if (previous && startS <= previous[1])
      throw new PlanningInputError(
        at,
        `windows must be disjoint and in increasing order (starts at ${startS}, previous ends at ${previous[1]})`,
      );
  });
}

function checkLocation(location: number, field: string, size: number): void {
  if (!Number.isInteger(location) || location < 0 || location >= size)
    throw new PlanningInputError(
      field,
      `expected a location index in [0, ${size - 1}] (the matrix size), got ${location}`,
    );
}

function checkAmount(amount: readonly number[] | undefined, field: string, dimensions: number): void {
  if (amount === undefined) return;
  if (amount.length !== dimensions || !amount.every((a) => a >= 0))
    throw new PlanningInputError(
      field,
      `expected ${dimensions} numbers >= 0 (one per capacity dimension), got [${amount.join(", ")}]`,
    );
}

/** Committed stops exist, appear once in the whole fleet, and take both ends of a shipment in order. */
function checkCommittedStops(problem: PlanningProblem): void {
  const { vehicles, jobs, shipments = [] } = problem;
  const jobIds = new Set(jobs.map((j) => j.id));
  const shipmentsById = new Map<string, PlanningShipment>(shipments.map((s) => [s.id, s]));
  const seen = new Set<string>();
  vehicles.forEach((vehicle, i) => {
    const committed = vehicle.onRoad?.committed ?? [];
    const ofVehicle = new Set(committed.map((stop) => `${stop.type}:${stop.id}`));
    committed.forEach((stop, k) => {
      const field = `vehicles[${i}].onRoad.committed[${k}]`;
      const known = stop.type === "job" ? jobIds.has(stop.id) : shipmentsById.has(stop.id);
      if (!known)
        throw new PlanningInputError(
          field,
          `unknown ${stop.type === "job" ? "job" : "shipment"} "${stop.id}"`,
        );
      const key = `${stop.type}:${stop.id}`;
      if (seen.has(key)) throw new PlanningInputError(field, `${stop.type} "${stop.id}" is committed twice`);
      seen.add(key);
      if (stop.type === "delivery" && !(seen.has(`pickup:${stop.id}`) && ofVehicle.has(`pickup:${stop.id}`)))
        throw new PlanningInputError(
          field,
          `the delivery of shipment "${stop.id}" needs its pickup committed before it, on this vehicle`,
        );
    });
    for (const stop of committed)
      if (stop.type === "pickup" && !ofVehicle.has(`delivery:${stop.id}`))
        throw new PlanningInputError(
          `vehicles[${i}].onRoad.committed`,
          `shipment "${stop.id}": commit its delivery too, on this vehicle`,
        );
    checkCommittedLoad(vehicle, `vehicles[${i}].onRoad`, jobs, shipmentsById);
    checkBreaksAfterCommitted(problem, vehicle, `vehicles[${i}]`);
  });
}

/** A vehicle on the road can still take each break after its committed stops. */
function checkBreaksAfterCommitted(problem: PlanningProblem, vehicle: PlanningVehicle, field: string): void {
  const { onRoad } = vehicle;
  if (!onRoad || !vehicle.breaks?.length) return;
  const { size, durationsS } = problem.matrices;
  let at = onRoad.location;
  let readyS = Math.max(onRoad.atS, vehicle.shift?.[0] ?? Number.NEGATIVE_INFINITY);
  for (const ref of onRoad.committed ?? []) {
    const shipment = problem.shipments?.find((s) => s.id === ref.id);
    const stop: StopSpec =
      ref.type === "job"
        ? problem.jobs.find((j) => j.id === ref.id)!
        : ref.type === "pickup"
          ? shipment!.pickup
          : shipment!.delivery;
    const arrivalS = readyS + durationsS[at * size + stop.location]!;
    const window = stop.timeWindows?.find(([, endS]) => arrivalS <= endS);
    readyS = Math.max(arrivalS, window?.[0] ?? arrivalS) + (stop.serviceS ?? 0);
    at = stop.location;
  }
  vehicle.breaks.forEach((pause, k) => {
    const closesS = pause.timeWindows.at(-1)?.[1] ?? Number.POSITIVE_INFINITY;
    if (closesS < readyS)
      throw new PlanningInputError(
        `${field}.breaks[${k}]`,
        `its window closes at ${closesS}, before the vehicle on the road is done with its committed stops at ${readyS} (drop breaks already taken)`,
      );
  });
}

/** The committed stops are allowed on the vehicle and fit in it with the load on board. */
function checkCommittedLoad(
  vehicle: PlanningVehicle,
  field: string,
  jobs: readonly PlanningJob[],
  shipmentsById: Map<string, PlanningShipment>,
): void {
  const committed = vehicle.onRoad?.committed ?? [];
  const tasks = committed.map((stop) =>
    stop.type === "job" ? jobs.find((job) => job.id === stop.id)! : shipmentsById.get(stop.id)!,
  );
  const skills = vehicle.skills ?? [];
  tasks.forEach((task, k) => {
    const allowed = task.vehicleIds === undefined || task.vehicleIds.includes(vehicle.id);
    if (!allowed || !(task.skills ?? []).every((skill) => skills.includes(skill)))
      throw new PlanningInputError(
        `${field}.committed[${k}]`,
        `"${task.id}" may not be served by vehicle "${vehicle.id}" (skills or vehicleIds)`,
      );
  });
  const load = [...(vehicle.onRoad?.loadOnBoard ?? vehicle.capacity.map(() => 0))];
  const change = (k: number, sign: number) => {
    for (const [d, a] of (tasks[k]!.amount ?? []).entries()) load[d]! += sign * a;
  };
  committed.forEach((stop, k) => {
    if (stop.type === "job" && (tasks[k] as PlanningJob).type !== "pickup") change(k, 1);
  });
  const overCapacity = () => load.some((l, d) => l > vehicle.capacity[d]!);
  if (overCapacity())
    throw new PlanningInputError(field, `load on board [${load.join(", ")}] exceeds the capacity`);
  committed.forEach((stop, k) => {
    const unloads =
      stop.type === "delivery" || (stop.type === "job" && (tasks[k] as PlanningJob).type !== "pickup");
    change(k, unloads ? -1 : 1);
    if (overCapacity())
      throw new PlanningInputError(
        `${field}.committed[${k}]`,
        `load [${load.join(", ")}] after this stop exceeds the capacity`,
      );
  });
}
