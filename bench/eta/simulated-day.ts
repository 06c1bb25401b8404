import type { HierarchyPath, HierarchyQuery } from "../../server/src/domain/road/ch-query";
import type { RoadGraph } from "../../server/src/domain/road/road-graph";
import { distanceM } from "../../server/src/domain/road/route-geo";
import { addGpsNoise } from "../../telematics/src/simulator/gps-noise";
import {
  createSeededRandom,
  deriveSeed,
  type SeededRandom,
} from "../../telematics/src/simulator/seeded-random";

/** A stop of a simulated route: where, how long the service takes, and when the plan has the van there. */
export interface SimulatedStop {
  readonly stopId: string;
  readonly lat: number;
  readonly lng: number;
  readonly serviceS: number;
  /** The plan's arrival (free-flow road times, no traffic), epoch ms. */
  readonly plannedArrivalAt: number;
  /** When the van really got there, epoch ms. */
  readonly trueArrivalAt: number;
}

/** A fix as a device reports it. */
export interface SimulatedFix {
  readonly fixAt: number;
  readonly lat: number;
  readonly lng: number;
  readonly speedKmh: number;
}

/** One van's day: the planned route as the routing engine gives it, its stops and its fixes. */
export interface SimulatedVan {
  /** The route's line from the depot through every stop, [lng, lat]. */
  readonly coordinates: readonly (readonly [number, number])[];
  /** Planned distance and time of each leg (depot to stop 0, stop 0 to 1, ...). */
  readonly legs: readonly { readonly distanceM: number; readonly durationS: number }[];
  /** Planned distance and time street by street (a run of edges of one way), like the engine's steps. */
  readonly pieces: readonly { readonly distanceM: number; readonly durationS: number }[];
  readonly stops: readonly SimulatedStop[];
  /** When it really left the depot, epoch ms. */
  readonly departedAt: number;
  readonly fixes: readonly SimulatedFix[];
}

/** How the day is simulated. */
export interface DaySpec {
  readonly vans: number;
  readonly stopsPerVan: number;
  readonly fixIntervalS: number;
  readonly gpsNoiseM: number;
  readonly seed: number;
  /** How far traffic departs from the plan: 1 the day below, 0.5 half its slowdowns and spread. */
  readonly traffic: number;
}

const DAY = Date.parse("2026-11-23T00:00:00Z");
/** Traffic by hour of day, as a multiple of free-flow time (the plan knows none of it). */
const HOURLY_SLOWDOWN = [
  1, 1, 1, 1, 1, 1, 1.1, 1.45, 1.6, 1.35, 1.2, 1.25, 1.35, 1.3, 1.2, 1.25, 1.45, 1.65, 1.5, 1.3, 1.15, 1.05,
  1, 1,
];

/**
 * The true time of an edge entered at `at`: free-flow time × the hour's traffic × a lasting
 * factor of the road (some streets are always slow) × a factor of the road in that hour, all
 * seeded, so every run drives the same day.
 */
function trueEdgeMs(graph: RoadGraph, edge: number, at: number, spec: DaySpec): number {
  const hour = new Date(at).getUTCHours();
  const lasting = createSeededRandom(deriveSeed(spec.seed, edge)).gaussian();
  const hourly = createSeededRandom(deriveSeed(spec.seed, edge * 24 + hour + 1_000_000_000)).gaussian();
  const slowdown = 1 + (HOURLY_SLOWDOWN[hour]! - 1) * spec.traffic;
  return graph.edgeDurationMs[edge]! * slowdown * Math.exp(spec.traffic * (0.25 * lasting + 0.2 * hourly));
}

/** Tail node of every edge (the graph stores heads only). */
export function edgeTails(graph: RoadGraph): Uint32Array {
  const tails = new Uint32Array(graph.edgeCount);
  for (let v = 0; v < graph.nodeCount; v++)
    for (let e = graph.firstEdge[v]!; e < graph.firstEdge[v + 1]!; e++) tails[e] = v;
  return tails;
}

/**
 * A simulated day on a real road network: each van leaves a random depot between 07:00 and 14:00
 * and serves random stops in nearest-first order on the fastest paths of the routing engine.
 * The plan times every leg at free-flow speed; the van really drives each edge at the day's
 * traffic (hourly profile, lasting and hourly per-road factors, a van's own driving style) and
 * now and then waits 10-40 s at a junction (lights, a delivery van in the way). Fixes every
 * `fixIntervalS` with Gaussian GPS noise, 5 min at the depot before leaving and through every
 * service.
 */
export function simulateDay(graph: RoadGraph, query: HierarchyQuery, spec: DaySpec): SimulatedVan[] {
  const tails = edgeTails(graph);
  const vans: SimulatedVan[] = [];
  for (let v = 0; vans.length < spec.vans; v++) {
    const random = createSeededRandom(deriveSeed(spec.seed, v));
    const van = simulateVan(graph, tails, query, spec, random, v);
    if (van) vans.push(van);
  }
  return vans;
}

function simulateVan(
  graph: RoadGraph,
  tails: Uint32Array,
  query: HierarchyQuery,
  spec: DaySpec,
  random: SeededRandom,
  index: number,
): SimulatedVan | null {
  const depot = random.integer(0, graph.nodeCount - 1);
  const paths = plannedPaths(graph, query, depot, spec.stopsPerVan, random);
  if (!paths) return null;
  const plannedDepartureAt = DAY + Math.round(random.between(7, 14) * 3_600_000);
  const style = 1 + random.between(-0.1, 0.15) * spec.traffic;
  const track = new TrackBuilder(graph, tails, spec, random);
  const departedAt = plannedDepartureAt + Math.round(random.between(0, 5) * 60_000);
  track.stand(graph.nodeLat[depot]!, graph.nodeLng[depot]!, departedAt - 5 * 60_000, departedAt);
  let clock = departedAt;
  let planned = plannedDepartureAt;
  const stops: SimulatedStop[] = [];
  const coordinates: [number, number][] = [[graph.nodeLng[depot]!, graph.nodeLat[depot]!]];
  const legs: { distanceM: number; durationS: number }[] = [];
  const pieces: { distanceM: number; durationS: number; way: number }[] = [];
  for (const [k, path] of paths.entries()) {
    for (const edge of path.edges) {
      const head = graph.edgeTarget[edge]!;
      const way = graph.edgeWay[edge]!;
      const last = pieces.at(-1);
      if (last?.way === way) {
        last.distanceM += graph.edgeDistanceM[edge]!;
        last.durationS += graph.edgeDurationMs[edge]! / 1000;
      } else
        pieces.push({
          distanceM: graph.edgeDistanceM[edge]!,
          durationS: graph.edgeDurationMs[edge]! / 1000,
          way,
        });
      coordinates.push([graph.nodeLng[head]!, graph.nodeLat[head]!]);
      const ms = trueEdgeMs(graph, edge, clock, spec) * style;
      clock = track.drive(edge, clock, ms);
      if (random.next() < 0.04 * spec.traffic)
        clock = track.stand(
          graph.nodeLat[head]!,
          graph.nodeLng[head]!,
          clock,
          clock + random.between(10, 40) * 1000,
        );
    }
    legs.push({ distanceM: path.distanceM, durationS: path.durationMs / 1000 });
    const node = path.targetNode;
    const serviceS = Math.round(random.between(3, 8) * 60);
    planned += path.durationMs;
    stops.push({
      stopId: `stp_${index}_${k}`,
      lat: graph.nodeLat[node]!,
      lng: graph.nodeLng[node]!,
      serviceS,
      plannedArrivalAt: planned,
      trueArrivalAt: clock,
    });
    planned += serviceS * 1000;
    clock = track.stand(graph.nodeLat[node]!, graph.nodeLng[node]!, clock, clock + serviceS * 1000);
  }
  return { coordinates, legs, pieces, stops, departedAt, fixes: track.fixes };
}

/** Fastest paths depot → nearest unvisited stop → ..., over random reachable nodes; null if the depot is cut off. */
function plannedPaths(
  graph: RoadGraph,
  query: HierarchyQuery,
  depot: number,
  count: number,
  random: SeededRandom,
): HierarchyPath[] | null {
  const candidates: number[] = [];
  for (let tries = 0; candidates.length < count && tries < count * 20; tries++) {
    const node = random.integer(0, graph.nodeCount - 1);
    if (node !== depot && query.route(depot, node) && query.route(node, depot)) candidates.push(node);
  }
  if (candidates.length < count) return null;
  const paths: HierarchyPath[] = [];
  let at = depot;
  while (candidates.length) {
    let best = 0;
    const here = [graph.nodeLng[at]!, graph.nodeLat[at]!] as const;
    const far = (n: number) => distanceM(here[0], here[1], graph.nodeLng[n]!, graph.nodeLat[n]!);
    for (let i = 1; i < candidates.length; i++) if (far(candidates[i]!) < far(candidates[best]!)) best = i;
    const next = candidates.splice(best, 1)[0]!;
    const path = query.route(at, next);
    if (!path || path.edges.length === 0) return null;
    paths.push(path);
    at = next;
  }
  return paths;
}

/** Samples a van's true movement into fixes every interval. */
class TrackBuilder {
  readonly fixes: SimulatedFix[] = [];
  private nextFixAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly graph: RoadGraph,
    private readonly tails: Uint32Array,
    private readonly spec: DaySpec,
    private readonly random: SeededRandom,
  ) {}

  /** Stands at a point from `from` to `to`; returns `to`. */
  stand(lat: number, lng: number, from: number, to: number): number {
    this.sample(from, to, () => ({ lat, lng, speedKmh: 0 }));
    return to;
  }

  /** Drives an edge from `from` taking `ms`; returns the arrival time. */
  drive(edge: number, from: number, ms: number): number {
    const { graph } = this;
    const u = this.tails[edge]!;
    const v = graph.edgeTarget[edge]!;
    const speedKmh = (graph.edgeDistanceM[edge]! / (ms / 1000)) * 3.6;
    this.sample(from, from + ms, (t) => {
      const f = (t - from) / ms;
      return {
        lat: graph.nodeLat[u]! + (graph.nodeLat[v]! - graph.nodeLat[u]!) * f,
        lng: graph.nodeLng[u]! + (graph.nodeLng[v]! - graph.nodeLng[u]!) * f,
        speedKmh,
      };
    });
    return from + ms;
  }

  private sample(
    from: number,
    to: number,
    at: (t: number) => { lat: number; lng: number; speedKmh: number },
  ): void {
    if (this.nextFixAt < from) this.nextFixAt = from;
    for (; this.nextFixAt < to; this.nextFixAt += this.spec.fixIntervalS * 1000) {
      const truth = at(this.nextFixAt);
      const [lng, lat] = addGpsNoise([truth.lng, truth.lat], this.spec.gpsNoiseM, this.random);
      this.fixes.push({ fixAt: Math.round(this.nextFixAt), lat, lng, speedKmh: Math.round(truth.speedKmh) });
    }
  }
}
