import { type CompiledProblem, NodeKind } from "./compiled-problem";
import type { StopSpec, TimeWindow } from "./planning-problem";
import type { PlannedRoute, PlannedStep, PlanningSolution, SearchStatistics } from "./planning-solution";
import type { RouteState } from "./route-state";
import { explainUnassigned } from "./unassigned-reasons";
import type { WorkingSolution } from "./working-solution";

/** Step type of each NodeKind, in NodeKind order. */
const STEP_TYPES = ["job", "job", "pickup", "delivery", "break", "start", "end"] as const;

/**
 * The plan as the caller sees it: the used vehicles' routes with their schedules and loads,
 * every unserved task with its reason, and totals.
 */
export function describePlan(
  problem: CompiledProblem,
  solution: WorkingSolution,
  search: SearchStatistics,
): PlanningSolution {
  const routes = solution.routes.filter((route) => route.used).map((route) => describeRoute(problem, route));
  const unassigned = solution.unassignedTasks().map((task) => ({
    type: task < problem.jobCount ? ("job" as const) : ("shipment" as const),
    id: taskId(problem, task),
    reason: explainUnassigned(problem, task),
  }));
  return {
    routes,
    unassigned,
    summary: {
      cost: routes.reduce((sum, route) => sum + route.cost, 0),
      distanceM: routes.reduce((sum, route) => sum + route.distanceM, 0),
      durationS: routes.reduce((sum, route) => sum + route.durationS, 0),
      vehicles: routes.length,
      unassigned: unassigned.length,
    },
    search,
  };
}

function describeRoute(problem: CompiledProblem, route: RouteState): PlannedRoute {
  const dims = problem.dimensions;
  const steps: PlannedStep[] = [];
  for (let p = 0; p < route.length; p++) {
    const node = route.nodes[p]!;
    const kind = problem.nodeKind[node]!;
    if (kind === NodeKind.end && route.location[p] === problem.nowhere) continue;
    const startS = route.startS[p]!;
    const arrivalS =
      p === 0
        ? startS
        : route.startS[p - 1]! +
          problem.nodeServiceS[route.nodes[p - 1]!]! +
          problem.durationsS[route.location[p - 1]! * problem.locationCount + route.location[p]!]!;
    const lastWindow = sourceWindows(problem, node).at(-1);
    steps.push({
      type: STEP_TYPES[kind]!,
      ...(kind < NodeKind.start ? { id: nodeId(problem, node) } : {}),
      location: route.location[p]!,
      arrivalS,
      startS,
      departureS: startS + problem.nodeServiceS[node]!,
      load: Array.from(route.load.subarray(p * dims, (p + 1) * dims)),
      lateS: lastWindow ? Math.max(0, startS - lastWindow[1]) : 0,
    });
  }
  return {
    vehicleId: problem.source.vehicles[route.vehicle]!.id,
    steps,
    distanceM: route.distanceM,
    durationS: route.durationS(problem),
    cost: route.cost(problem),
  };
}

function taskId(problem: CompiledProblem, task: number): string {
  const { jobs, shipments = [] } = problem.source;
  return task < problem.jobCount ? jobs[task]!.id : shipments[task - problem.jobCount]!.id;
}

function nodeId(problem: CompiledProblem, node: number): string {
  if (problem.nodeKind[node] !== NodeKind.break) return taskId(problem, problem.nodeOwner[node]!);
  const breaks = problem.vehicleBreakNodes[problem.nodeOwner[node]!]!;
  return problem.source.vehicles[problem.nodeOwner[node]!]!.breaks![breaks.indexOf(node)]!.id;
}

/** The windows the caller gave (committed stops' windows are relaxed in the compiled problem). */
function sourceWindows(problem: CompiledProblem, node: number): readonly TimeWindow[] {
  const kind = problem.nodeKind[node]!;
  const owner = problem.nodeOwner[node]!;
  const { jobs, shipments = [], vehicles } = problem.source;
  if (kind === NodeKind.break) {
    const breaks = problem.vehicleBreakNodes[owner]!;
    return vehicles[owner]!.breaks![breaks.indexOf(node)]!.timeWindows;
  }
  if (kind >= NodeKind.start) return [];
  let stop: StopSpec;
  if (owner < problem.jobCount) stop = jobs[owner]!;
  else {
    const shipment = shipments[owner - problem.jobCount]!;
    stop = kind === NodeKind.shipmentPickup ? shipment.pickup : shipment.delivery;
  }
  return stop.timeWindows ?? [];
}
