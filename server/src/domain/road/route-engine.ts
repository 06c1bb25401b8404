import type { LngLat } from "@waybill/shared";
import { customizeHierarchy, type HierarchyMetric } from "./ch-customize";
import { buildContractionHierarchy, type ContractionHierarchy } from "./ch-preprocess";
import { HierarchyQuery } from "./ch-query";
import { HierarchyMatrix, type TravelMatrix } from "./matrix";
import type { RoadGraph } from "./road-graph";
import { roundLngLat } from "./route-geo";
import {
  type EndpointSeed,
  legFromPath,
  type RouteLeg,
  sameEdgeLeg,
  sourceSeeds,
  targetSeeds,
} from "./route-leg";
import { buildRouteResponse, type RouteResult } from "./route-response";
import { PointSnapper, type RouteError, type SnapOutcome } from "./route-snapping";
import { SnapIndex, type SnappedPoint } from "./snap";
import {
  computeEdgeWeights,
  createTrafficState,
  type TrafficState,
  type TrafficUpdate,
  updateTrafficState,
} from "./traffic";

export type { RouteError };

/** Options of {@link RouteEngine.route}. */
export interface RouteOptions {
  /** Direction of travel at each point, degrees from north (null/undefined: any). */
  readonly headingsDeg?: readonly (number | null | undefined)[];
  /** Build turn-by-turn steps (default true). */
  readonly steps?: boolean;
}

/** Where a matrix point was placed on the network, or why it could not be. */
export type MatrixPoint =
  | { readonly location: LngLat; readonly snapDistanceM: number }
  | { readonly error: "point_not_routable"; readonly reason: string };

/** Many-to-many result: seconds and metres per (source, target); null = unreachable or unroutable. */
export interface MatrixResult {
  readonly durationsS: (number | null)[][];
  readonly distancesM: (number | null)[][];
  readonly sources: MatrixPoint[];
  readonly targets: MatrixPoint[];
}

/** Construction options of {@link RouteEngine}. */
export interface RouteEngineOptions {
  /** A hierarchy built earlier for this graph (e.g. deserialized); built here when absent. */
  readonly hierarchy?: ContractionHierarchy;
  /** Farthest a point may be from a road, metres (default 1,000). */
  readonly maxSnapDistanceM?: number;
}

/**
 * The routing facade over one graph: snapping, routes through 2+ points with steps, matrices and
 * live traffic. Everything is synchronous and pure (no clock, no I/O); one engine per worker.
 * Traffic re-customizes the hierarchy into a spare metric and swaps it in, so the next query sees
 * the new weights (a few ms on Liechtenstein: weights, components and customization together).
 *
 * @example
 * const engine = new RouteEngine(graph);
 * const route = engine.route([[7.4197, 43.7311], [7.4274, 43.7418]]);
 * if (!("error" in route)) console.log(route.durationS, route.steps[1]?.instruction);
 */
export class RouteEngine {
  readonly hierarchy: ContractionHierarchy;
  private readonly snapper: PointSnapper;
  private readonly tails: Uint32Array;
  private readonly query: HierarchyQuery;
  private readonly matrixSearch: HierarchyMatrix;
  private traffic: TrafficState;
  private hourOfDay: number | undefined;
  private weights: Float64Array;
  private metric: HierarchyMetric;
  private spare: HierarchyMetric | undefined;

  constructor(
    readonly graph: RoadGraph,
    options: RouteEngineOptions = {},
  ) {
    this.hierarchy = options.hierarchy ?? buildContractionHierarchy(graph);
    const snapIndex = new SnapIndex(graph);
    this.tails = snapIndex.edgeSource;
    this.traffic = createTrafficState(graph);
    this.weights = Float64Array.from(graph.edgeDurationMs);
    this.snapper = new PointSnapper(graph, snapIndex, options.maxSnapDistanceM ?? 1_000, this.weights);
    this.metric = customizeHierarchy(this.hierarchy, graph, this.weights);
    this.query = new HierarchyQuery(this.hierarchy, this.metric);
    this.matrixSearch = new HierarchyMatrix(this.hierarchy, this.metric);
  }

  /** Current per-edge travel times, ms (Infinity = closed). Read-only view for callers and tests. */
  get edgeWeights(): Readonly<Float64Array> {
    return this.weights;
  }

  /** Current traffic state. */
  get trafficState(): TrafficState {
    return this.traffic;
  }

  /**
   * Applies a traffic update (and/or a new hour of day for the hourly profile; `null` ignores
   * the profile) and re-customizes: every later route and matrix uses the new weights.
   */
  applyTraffic(update: TrafficUpdate, hourOfDay?: number | null): void {
    this.traffic = updateTrafficState(this.graph, this.traffic, update);
    if (hourOfDay !== undefined) this.hourOfDay = hourOfDay ?? undefined;
    this.weights = computeEdgeWeights(this.graph, this.traffic, this.hourOfDay);
    this.snapper.setWeights(this.weights);
    const next = customizeHierarchy(this.hierarchy, this.graph, this.weights, this.spare);
    this.spare = this.metric;
    this.metric = next;
    this.query.setMetric(next);
    this.matrixSearch.setMetric(next);
  }

  /** The nearest open road position matching the heading (if given), or null beyond the snap distance. */
  snap(point: LngLat, headingDeg?: number): SnappedPoint | null {
    return this.snapper.snap(point, headingDeg);
  }

  /** Where {@link route} places the points of one request (see PointSnapper for the policy). */
  snapPoints(points: readonly LngLat[], headingsDeg?: readonly (number | null | undefined)[]): SnapOutcome[] {
    return this.snapper.snapAll(points, headingsDeg);
  }

  /**
   * The fastest route through the points in order (2 or more), or an error naming the point.
   * Throws only when fewer than 2 points are given (the caller validates requests).
   */
  route(points: readonly LngLat[], options: RouteOptions = {}): RouteResult | RouteError {
    if (points.length < 2) throw new RangeError(`a route needs at least 2 points, got ${points.length}`);
    const snapped: SnappedPoint[] = [];
    for (const s of this.snapPoints(points, options.headingsDeg)) {
      if ("error" in s) return s.error;
      snapped.push(s.snapped);
    }
    const legs: RouteLeg[] = [];
    for (let i = 0; i + 1 < snapped.length; i++) {
      const leg = this.routeLeg(snapped[i]!, snapped[i + 1]!);
      if (!leg)
        return { error: "no_route", pointIndex: i, reason: `no route from point ${i} to point ${i + 1}` };
      legs.push(leg);
    }
    return buildRouteResponse(this.graph, this.tails, legs, { steps: options.steps });
  }

  /** The fastest leg between two snapped points: through the network or along their shared edge. */
  private routeLeg(from: SnappedPoint, to: SnappedPoint): RouteLeg | null {
    const { graph, tails, weights } = this;
    const fromSeeds = sourceSeeds(graph, tails, from, weights);
    const toSeeds = targetSeeds(graph, tails, to, weights);
    const direct = sameEdgeLeg(graph, tails, from, to, weights);
    const path = this.query.routeSeeds(fromSeeds, toSeeds);
    if (!path || (direct && direct.durationMs <= path.durationMs)) return direct;
    return legFromPath(graph, path, { from, fromSeeds, to, toSeeds }, weights);
  }

  /** Travel times (s) and distances (m) from every source to every target. */
  matrix(sources: readonly LngLat[], targets: readonly LngLat[]): MatrixResult {
    const all = this.snapper.snapAll([...sources, ...targets], undefined, (i) =>
      i < sources.length ? { label: "source", index: i } : { label: "target", index: i - sources.length },
    );
    const from = all.slice(0, sources.length);
    const to = all.slice(sources.length);
    const seedsOf = (s: SnapOutcome, side: "source" | "target"): EndpointSeed[] => {
      if ("error" in s) return [];
      return (side === "source" ? sourceSeeds : targetSeeds)(this.graph, this.tails, s.snapped, this.weights);
    };
    const table = this.matrixSearch.compute(
      from.map((s) => seedsOf(s, "source")),
      to.map((s) => seedsOf(s, "target")),
    );
    this.applySameEdgeLegs(table, from, to);
    const cells = (values: Float64Array, scale: number, digits: number) =>
      from.map((_, i) =>
        to.map((_, j) => {
          const v = values[i * to.length + j]!;
          return Number.isFinite(v) ? Math.round((v / scale) * 10 ** digits) / 10 ** digits : null;
        }),
      );
    const describe = (s: SnapOutcome): MatrixPoint =>
      "error" in s
        ? { error: "point_not_routable", reason: s.error.reason }
        : {
            location: roundLngLat(s.snapped.point),
            snapDistanceM: Math.round(s.snapped.distanceM * 10) / 10,
          };
    return {
      durationsS: cells(table.durationsMs, 1000, 3),
      distancesM: cells(table.distancesM, 1, 1),
      sources: from.map(describe),
      targets: to.map(describe),
    };
  }

  /** Points on the same edge may be closer along it than through any node. */
  private applySameEdgeLegs(
    table: TravelMatrix,
    from: readonly SnapOutcome[],
    to: readonly SnapOutcome[],
  ): void {
    from.forEach((a, i) => {
      if ("error" in a) return;
      const edgesA = [a.snapped.edge, a.snapped.reverseEdge];
      to.forEach((b, j) => {
        if (
          "error" in b ||
          !edgesA.some((e) => e >= 0 && (e === b.snapped.edge || e === b.snapped.reverseEdge))
        )
          return;
        const leg = sameEdgeLeg(this.graph, this.tails, a.snapped, b.snapped, this.weights);
        const cell = i * table.targetCount + j;
        if (leg && leg.durationMs < table.durationsMs[cell]!) {
          table.durationsMs[cell] = leg.durationMs;
          table.distancesM[cell] = leg.distanceM;
        }
      });
    });
  }
}
