import { ROAD_CLASSES, type RoadClass, type RoadGraph } from "./road-graph";

/**
 * Live traffic as data: per-edge speed factors, closed edges and an optional hour-of-day profile
 * per road class. {@link computeEdgeWeights} turns a state into the per-edge travel times that the
 * hierarchy is customized with (and the oracle runs on). No clock: the caller passes the hour.
 */

/** Smallest and largest accepted speed factor (speed × factor; 1.2 = 20 % faster than free flow). */
export const MIN_SPEED_FACTOR = 0.01;
export const MAX_SPEED_FACTOR = 1.2;

/**
 * Traffic on one graph. `speedFactor[e]` multiplies the free-flow speed of edge e (so travel time
 * is divided by it); `closed[e] = 1` closes it; `hourlyFactor[classIndex * 24 + hour]` multiplies
 * the speed of every edge of that road class during that hour (all 1 when there is no profile).
 * `learnedFactor[e]` (0: none) is the speed the fleet was measured to drive on edge e this hour,
 * relative to free flow: where known it replaces the road class's hourly guess (it already is that
 * hour's speed), and closures and slowdowns still apply on top of it.
 */
export interface TrafficState {
  readonly speedFactor: Float32Array;
  readonly closed: Uint8Array;
  readonly hourlyFactor: Float32Array;
  readonly learnedFactor: Float32Array;
}

/** A change to a traffic state; edges are graph edge indices (see {@link edgesOfWay}). */
export interface TrafficUpdate {
  /** Set these edges' speed factors (0.01 .. 1.2); factor 1 clears the edge. */
  readonly speedFactors?: readonly { readonly edge: number; readonly factor: number }[];
  /** Close these edges. */
  readonly close?: readonly number[];
  /** Reopen these edges. */
  readonly reopen?: readonly number[];
  /** Reset every speed factor to 1 and reopen every edge before applying the rest. */
  readonly reset?: boolean;
  /** Replace the hourly profile: 24 speed factors per road class (missing classes: all 1). */
  readonly hourlyProfile?: Partial<Record<RoadClass, readonly number[]>>;
  /** Replace the learned speeds: these edges' factors (0.01 .. 1.2), every other edge none. Kept by `reset`. */
  readonly learnedFactors?: readonly { readonly edge: number; readonly factor: number }[];
}

/**
 * Free-flow traffic: no factors, nothing closed, flat profile.
 *
 * @example
 * const state = createTrafficState(graph);
 */
export function createTrafficState(graph: RoadGraph): TrafficState {
  return {
    speedFactor: new Float32Array(graph.edgeCount).fill(1),
    closed: new Uint8Array(graph.edgeCount),
    hourlyFactor: new Float32Array(ROAD_CLASSES.length * 24).fill(1),
    learnedFactor: new Float32Array(graph.edgeCount),
  };
}

function checkFactor(factor: number, what: string): void {
  if (!(factor >= MIN_SPEED_FACTOR && factor <= MAX_SPEED_FACTOR)) {
    throw new RangeError(`${what} must lie in [${MIN_SPEED_FACTOR}, ${MAX_SPEED_FACTOR}], got ${factor}`);
  }
}

function checkEdge(graph: RoadGraph, edge: number): void {
  if (!Number.isInteger(edge) || edge < 0 || edge >= graph.edgeCount) {
    throw new RangeError(`edge ${edge} is not an edge of the graph (0..${graph.edgeCount - 1})`);
  }
}

/**
 * Returns a new state with the update applied (the input is not modified). Throws RangeError on
 * an unknown edge or a factor out of range: the caller validates input at its edge.
 *
 * @example
 * const next = updateTrafficState(graph, state, { close: [42], speedFactors: [{ edge: 7, factor: 0.5 }] });
 */
export function updateTrafficState(
  graph: RoadGraph,
  state: TrafficState,
  update: TrafficUpdate,
): TrafficState {
  const speedFactor = update.reset ? new Float32Array(graph.edgeCount).fill(1) : state.speedFactor.slice();
  const closed = update.reset ? new Uint8Array(graph.edgeCount) : state.closed.slice();
  for (const { edge, factor } of update.speedFactors ?? []) {
    checkEdge(graph, edge);
    checkFactor(factor, `speed factor of edge ${edge}`);
    speedFactor[edge] = factor;
  }
  for (const edge of update.reopen ?? []) {
    checkEdge(graph, edge);
    closed[edge] = 0;
  }
  for (const edge of update.close ?? []) {
    checkEdge(graph, edge);
    closed[edge] = 1;
  }
  const hourlyFactor = update.hourlyProfile ? profileToArray(update.hourlyProfile) : state.hourlyFactor;
  const learnedFactor = update.learnedFactors
    ? learnedToArray(graph, update.learnedFactors)
    : state.learnedFactor;
  return { speedFactor, closed, hourlyFactor, learnedFactor };
}

function learnedToArray(
  graph: RoadGraph,
  factors: readonly { readonly edge: number; readonly factor: number }[],
): Float32Array {
  const out = new Float32Array(graph.edgeCount);
  for (const { edge, factor } of factors) {
    checkEdge(graph, edge);
    checkFactor(factor, `learned speed factor of edge ${edge}`);
    out[edge] = factor;
  }
  return out;
}

function profileToArray(profile: Partial<Record<RoadClass, readonly number[]>>): Float32Array {
  const out = new Float32Array(ROAD_CLASSES.length * 24).fill(1);
  ROAD_CLASSES.forEach((roadClass, c) => {
    const hours = profile[roadClass];
    if (!hours) return;
    if (hours.length !== 24)
      throw new RangeError(`hourly profile of ${roadClass} needs 24 factors, got ${hours.length}`);
    hours.forEach((f, h) => {
      checkFactor(f, `hourly factor of ${roadClass} at ${h}h`);
      out[c * 24 + h] = f;
    });
  });
  return out;
}

/**
 * Effective travel time of every edge, ms: free-flow time / (edge factor × hour factor), rounded
 * to an integer of at least 1; Infinity for closed edges. The hour factor is the edge's learned
 * factor where it has one, else its class factor of the hour. `hourOfDay` (0..23) is local time
 * chosen by the caller; omit it to ignore the profile (learned factors, computed by the caller
 * for its hour, still apply).
 *
 * @example
 * const weights = computeEdgeWeights(graph, state, 8); // 08:00-08:59 rush hour
 */
export function computeEdgeWeights(graph: RoadGraph, state: TrafficState, hourOfDay?: number): Float64Array {
  if (hourOfDay !== undefined && !(Number.isInteger(hourOfDay) && hourOfDay >= 0 && hourOfDay < 24)) {
    throw new RangeError(`hourOfDay must be an integer in 0..23, got ${hourOfDay}`);
  }
  const weights = new Float64Array(graph.edgeCount);
  const { speedFactor, closed } = state;
  for (let e = 0; e < graph.edgeCount; e++) {
    if (closed[e]) {
      weights[e] = Number.POSITIVE_INFINITY;
      continue;
    }
    const factor = speedFactor[e]! * hourFactorOf(graph, state, e, hourOfDay);
    weights[e] =
      factor === 1 ? graph.edgeDurationMs[e]! : Math.max(1, Math.round(graph.edgeDurationMs[e]! / factor));
  }
  return weights;
}

/** The learned factor of an edge where it has one, else its road class's factor of the hour (1 without an hour). */
function hourFactorOf(
  graph: RoadGraph,
  state: TrafficState,
  edge: number,
  hourOfDay: number | undefined,
): number {
  const learned = state.learnedFactor[edge]!;
  if (learned > 0) return learned;
  if (hourOfDay === undefined) return 1;
  return state.hourlyFactor[graph.wayClass[graph.edgeWay[edge]!]! * 24 + hourOfDay] ?? 1;
}

/**
 * All edges (both directions) of an OSM way, to close or slow a whole street. Linear scan; for
 * updates, not per query.
 *
 * @example
 * updateTrafficState(graph, state, { close: edgesOfWay(graph, 4_224_978) });
 */
export function edgesOfWay(graph: RoadGraph, wayOsmId: number): number[] {
  const edges: number[] = [];
  for (let e = 0; e < graph.edgeCount; e++) if (graph.wayOsmId[graph.edgeWay[e]!] === wayOsmId) edges.push(e);
  return edges;
}
