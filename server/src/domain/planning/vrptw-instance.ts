import type { PlanningProblem } from "./planning-problem";

/** A node of a literature instance, as the file numbers and places it. */
export interface VrptwNode {
  /** The instance's own number (Solomon's CUST NO.; VRPLIB: position in the file, depot 0). */
  readonly number: number;
  readonly x: number;
  readonly y: number;
  readonly demand: number;
  readonly readyTime: number;
  readonly dueDate: number;
  readonly serviceTime: number;
}

/**
 * A capacitated VRP with time windows from the literature (Solomon, Gehring-Homberger, VRPLIB):
 * one depot, identical vehicles, Euclidean travel.
 */
export interface VrptwInstance {
  readonly name: string;
  readonly vehicleCount: number;
  readonly capacity: number;
  /** Index of the depot in `nodes`. */
  readonly depot: number;
  readonly nodes: readonly VrptwNode[];
}

/**
 * The instance as a planning problem: Euclidean distance in double precision as both travel time
 * and distance, `vehicleCount` vehicles of `capacity` with the depot's window as shift, one job
 * per customer (id = its number) whose service must start in its window.
 *
 * @example
 * const problem = vrptwToProblem(parseSolomon(text));
 * problem.jobs[0]; // { id: "1", location: 1, amount: [10], timeWindows: [[912, 967]], serviceS: 90 }
 */
export function vrptwToProblem(instance: VrptwInstance): PlanningProblem {
  const { nodes, depot } = instance;
  const size = nodes.length;
  const matrix = new Float64Array(size * size);
  for (let i = 0; i < size; i++)
    for (let j = 0; j < size; j++)
      matrix[i * size + j] = Math.hypot(nodes[i]!.x - nodes[j]!.x, nodes[i]!.y - nodes[j]!.y);
  const depotNode = nodes[depot]!;
  return {
    matrices: { size, durationsS: matrix, distancesM: matrix },
    vehicles: Array.from({ length: instance.vehicleCount }, (_, v) => ({
      id: `vehicle-${v + 1}`,
      capacity: [instance.capacity],
      startLocation: depot,
      endLocation: depot,
      shift: [depotNode.readyTime, depotNode.dueDate] as const,
      costs: { perKm: 1000 },
    })),
    jobs: nodes.flatMap((node, location) =>
      location === depot
        ? []
        : [
            {
              id: String(node.number),
              location,
              amount: [node.demand],
              serviceS: node.serviceTime,
              timeWindows: [[node.readyTime, node.dueDate] as const],
            },
          ],
    ),
  };
}

/** Total Euclidean length, double precision, of routes given as customer numbers (depot excluded). */
export function routesDistance(instance: VrptwInstance, routes: readonly (readonly number[])[]): number {
  const byNumber = new Map(instance.nodes.map((node) => [node.number, node]));
  const depot = instance.nodes[instance.depot]!;
  let total = 0;
  for (const route of routes) {
    let previous = depot;
    for (const number of [...route, depot.number]) {
      const node = byNumber.get(number)!;
      total += Math.hypot(previous.x - node.x, previous.y - node.y);
      previous = node;
    }
  }
  return total;
}
