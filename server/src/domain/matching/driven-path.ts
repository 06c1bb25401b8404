import { distanceM } from "../road/route-geo";
import type { RouteSearchCosts } from "./bounded-route-search";
import { type MatchOptions, radiusOf } from "./match-options";
import type { MatchingNetwork } from "./matching-network";
import { Arrival } from "./viterbi-lattice";

/** A position on the network: `offsetM` metres along directed `edge`. */
export interface EdgePosition {
  readonly edge: number;
  readonly offsetM: number;
}

/**
 * The directed edges driven from one position to another, both ends included (partial), found by
 * a bounded search: staying on the same edge when the target is ahead on it, else the shortest
 * route of at most `maxRouteM` metres. Null when no such route exists.
 *
 * @example
 * drivenPath(network, { edge: 4, offsetM: 10 }, { edge: 9, offsetM: 3 }, 500, options); // [4, 7, 9]
 */
export function drivenPath(
  network: MatchingNetwork,
  from: EdgePosition,
  to: EdgePosition,
  maxRouteM: number,
  costs: RouteSearchCosts,
): number[] | null {
  if (from.edge === to.edge && to.offsetM >= from.offsetM) return [to.edge];
  const { search } = network;
  const tail = network.tails[to.edge]!;
  search.clearTargets();
  search.addTarget(tail);
  search.searchFrom(from.edge, from.offsetM, maxRouteM, costs);
  if (search.distanceTo(tail) === Number.POSITIVE_INFINITY) return null;
  const edges: number[] = [];
  search.appendPathTo(tail, edges);
  edges.push(to.edge);
  return edges;
}

/** A decided Viterbi step: its road position and where (and when) the vehicle was seen for it. */
export interface StepPosition extends EdgePosition {
  readonly fixLng: number;
  readonly fixLat: number;
  /** Epoch ms, NaN when unknown. */
  readonly fixAt: number;
}

/**
 * The edges driven from one decided step to the next, given how the next was reached: none for a
 * hold, the route its transition scored (`routeM` metres) otherwise, and for the first step of a
 * new chain the shortest route if one fits the time and distance between them (else null: the
 * path breaks).
 */
export function stepPath(
  network: MatchingNetwork,
  from: StepPosition,
  to: StepPosition,
  arrival: Arrival,
  routeM: number,
  options: MatchOptions,
): number[] | null {
  if (arrival === Arrival.Hold) return [];
  if (arrival !== Arrival.Start) return drivenPath(network, from, to, routeM + 1, options);
  const straightM = distanceM(from.fixLng, from.fixLat, to.fixLng, to.fixLat);
  const dtS = (to.fixAt - from.fixAt) / 1000;
  const maxRouteM = Math.min(
    options.detourFactor * straightM + 2 * radiusOf(options.maxSigmaM, options),
    dtS > 0 ? options.maxSpeedMps * dtS : Number.POSITIVE_INFINITY,
  );
  return drivenPath(network, from, to, maxRouteM, options);
}
