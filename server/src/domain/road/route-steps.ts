import type { LngLat } from "@waybill/shared";
import { type RoadGraph, WAY_ROUNDABOUT } from "./road-graph";
import { angleDiffDeg, bearingDeg, distanceM, roundLngLat } from "./route-geo";
import { legCoordinates, type RouteLeg } from "./route-leg";
import { type Maneuver, type TurnModifier, wordManeuver } from "./route-text";

/**
 * Turn-by-turn steps of a leg. A step starts at a maneuver and covers the road up to the next
 * one. Maneuvers: depart; a turn where the street name changes (or the road bends sharply at a
 * junction offering other ways: "turn left to stay on X"); a name change without a junction
 * (new name); entering a roundabout, with the number of the exit taken, counting every exit the
 * roundabout offers on the way; arrive. Following the same street straight (or with a slight
 * bend) through junctions produces no step ("continue" suppression).
 */

/** One instruction of the driver's view (distances rounded to 0.1 m, times to 1 ms, location to 6 decimals). */
export interface RouteStep extends Maneuver {
  readonly instruction: string;
  /** Length (m) and travel time (s) from this maneuver to the next one. */
  readonly distanceM: number;
  readonly durationS: number;
  /** Where the maneuver happens, [lng, lat]. */
  readonly location: LngLat;
  /** Direction of travel before and after the maneuver, degrees from north (0 when none). */
  readonly bearingBefore: number;
  readonly bearingAfter: number;
}

/** Angle smoothing: bearings are taken over about this many metres of road, not one short segment. */
const BEARING_SPAN_M = 12;

/** Position of a maneuver in the leg: it happens at coordinate `at`, where edge `at` begins. */
type LegManeuver = Maneuver & { readonly at: number };

/** Context for the rules that look at one junction. */
interface LegView {
  readonly graph: RoadGraph;
  readonly tails: Uint32Array;
  readonly leg: RouteLeg;
  readonly coords: readonly LngLat[];
}

const nameOf = (v: LegView, i: number): string => v.graph.wayName[v.graph.edgeWay[v.leg.edges[i]!]!] ?? "";
const isRoundabout = (g: RoadGraph, e: number): boolean =>
  (g.wayFlags[g.edgeWay[e]!]! & WAY_ROUNDABOUT) !== 0;

/** Bearing of travel arriving at (`ahead` false) or leaving (`ahead` true) coordinate i. */
function bearingAt(coords: readonly LngLat[], i: number, ahead: boolean): number {
  const step = ahead ? 1 : -1;
  const here = coords[i]!;
  let j = i + step;
  while (
    j + step >= 0 &&
    j + step < coords.length &&
    distanceM(here[0], here[1], coords[j]![0], coords[j]![1]) < BEARING_SPAN_M
  )
    j += step;
  const there = coords[j];
  if (!there || (there[0] === here[0] && there[1] === here[1])) return 0;
  return ahead
    ? bearingDeg(here[0], here[1], there[0], there[1])
    : bearingDeg(there[0], there[1], here[0], here[1]);
}

/** Turn modifier for a change of direction, degrees (positive = clockwise = right). */
export function modifierOf(turnDeg: number): TurnModifier {
  const a = Math.abs(turnDeg);
  const side = turnDeg > 0 ? "right" : "left";
  if (a < 20) return "straight";
  if (a < 60) return `slight ${side}`;
  if (a < 130) return side;
  if (a < 170) return `sharp ${side}`;
  return "uturn";
}

/** Does the junction before edge i offer another way out (other than going back)? */
function hasAlternatives(v: LegView, i: number): boolean {
  const { graph, leg, tails } = v;
  const node = tails[leg.edges[i]!]!;
  const cameFrom = tails[leg.edges[i - 1]!]!;
  for (let e = graph.firstEdge[node]!; e < graph.firstEdge[node + 1]!; e++) {
    if (e !== leg.edges[i] && graph.edgeTarget[e] !== cameFrom) return true;
  }
  return false;
}

/** Does the node at the start of edge i offer an exit off the roundabout? */
function offersExit(v: LegView, i: number): boolean {
  const { graph, tails } = v;
  const node = tails[v.leg.edges[i]!]!;
  for (let e = graph.firstEdge[node]!; e < graph.firstEdge[node + 1]!; e++)
    if (!isRoundabout(graph, e)) return true;
  return false;
}

/** The roundabout entered before edge i: the maneuver and the index of the exit edge (or the leg's end). */
function roundaboutFrom(v: LegView, i: number): { maneuver: LegManeuver; next: number } {
  const { graph, leg } = v;
  let exits = 0;
  for (let j = i + 1; j < leg.edges.length; j++) {
    if (!isRoundabout(graph, leg.edges[j]!)) {
      return { maneuver: { type: "roundabout", exit: exits + 1, streetName: nameOf(v, j), at: i }, next: j };
    }
    if (offersExit(v, j)) exits++;
  }
  return { maneuver: { type: "roundabout", streetName: nameOf(v, i), at: i }, next: leg.edges.length };
}

/** The maneuver at the junction before edge i (neither side a roundabout), or null if none. */
function junctionManeuver(v: LegView, i: number, currentName: string): LegManeuver | null {
  const name = nameOf(v, i);
  const choice = hasAlternatives(v, i);
  // Most nodes are shape points of the same street: no choice, no new name, nothing to say.
  if (name === currentName && !choice) return null;
  const modifier = modifierOf(angleDiffDeg(bearingAt(v.coords, i, false), bearingAt(v.coords, i, true)));
  if (name !== currentName) return { type: choice ? "turn" : "new_name", modifier, streetName: name, at: i };
  if (modifier === "uturn" || (modifier !== "straight" && !modifier.startsWith("slight"))) {
    return { type: "continue", modifier, streetName: name, at: i };
  }
  return null;
}

/** Every maneuver of a leg, depart first (arrive is added by {@link buildLegSteps}). */
function findManeuvers(v: LegView): LegManeuver[] {
  const { graph, leg } = v;
  if (leg.edges.length === 0) return [{ type: "depart", streetName: "", at: 0 }];
  const list: LegManeuver[] = [{ type: "depart", streetName: nameOf(v, 0), at: 0 }];
  let current = list[0]!.streetName;
  for (let i = 1; i < leg.edges.length; i++) {
    const inRound = isRoundabout(graph, leg.edges[i - 1]!);
    const outRound = isRoundabout(graph, leg.edges[i]!);
    let found: LegManeuver | null = null;
    if (!inRound && outRound) {
      const { maneuver, next } = roundaboutFrom(v, i);
      found = maneuver;
      i = next;
    } else if (inRound && !outRound) found = { type: "exit_roundabout", streetName: nameOf(v, i), at: i };
    else if (!inRound) found = junctionManeuver(v, i, current);
    if (found) {
      list.push(found);
      current = found.streetName;
    }
  }
  return list;
}

/** The step of maneuver m, covering edges m.at .. end - 1. */
function stepOf(view: LegView, m: LegManeuver, end: number): RouteStep {
  const { leg, coords } = view;
  let dist = 0;
  let ms = 0;
  for (let i = m.at; i < end; i++) {
    dist += leg.edgeDistM[i]!;
    ms += leg.edgeMs[i]!;
  }
  const bearingBefore = m.type === "depart" ? 0 : bearingAt(coords, m.at, false);
  const bearingAfter = m.type === "arrive" ? 0 : bearingAt(coords, m.at, true);
  // Built field by field (no object rest/spread: this runs for every step of every route).
  return {
    type: m.type,
    modifier: m.modifier,
    exit: m.exit,
    waypoint: m.waypoint,
    streetName: m.streetName,
    instruction: wordManeuver(m, bearingAfter),
    distanceM: Math.round(dist * 10) / 10,
    durationS: Math.round(ms) / 1000,
    location: roundLngLat(coords[m.at]!),
    bearingBefore: Math.round(bearingBefore),
    bearingAfter: Math.round(bearingAfter),
  };
}

/**
 * The steps of one leg, ending with "arrive" (at the destination, or at waypoint
 * `waypointNumber` when given). `coords` may pass the leg's coordinates when already computed.
 *
 * @example
 * buildLegSteps(graph, tails, leg).map((s) => s.instruction); // ["Head north on Rue Grimaldi", ..., "You have arrived at your destination"]
 */
export function buildLegSteps(
  graph: RoadGraph,
  tails: Uint32Array,
  leg: RouteLeg,
  waypointNumber?: number,
  coords: readonly LngLat[] = legCoordinates(graph, leg),
): RouteStep[] {
  const view: LegView = { graph, tails, leg, coords };
  const maneuvers = findManeuvers(view);
  const arrive: LegManeuver =
    waypointNumber === undefined
      ? { type: "arrive", streetName: "", at: coords.length - 1 }
      : { type: "arrive", streetName: "", waypoint: waypointNumber, at: coords.length - 1 };
  maneuvers.push(arrive);
  return maneuvers.map((m, k) => stepOf(view, m, maneuvers[k + 1]?.at ?? m.at));
}
