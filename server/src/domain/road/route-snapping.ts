import { isValidLat, isValidLng, type LngLat } from "@waybill/shared";
import type { EdgeWeights } from "./dijkstra";
import type { RoadGraph } from "./road-graph";
import type { SnapIndex, SnappedPoint } from "./snap";
import { findStrongComponents, type StrongComponents } from "./snap-components";

/** Why a request cannot be answered: a point off the network, or points not connected. */
export interface RouteError {
  readonly error: "no_route" | "point_not_routable";
  /** Index of the input point concerned (for no_route: the start of the leg that failed). */
  readonly pointIndex?: number;
  readonly reason: string;
}

/** How errors name a point: "point 2", "target 5". */
export interface PointName {
  readonly label: string;
  readonly index: number;
}

/** A request point placed on the network, or the error that names it. */
export type SnapOutcome = { readonly snapped: SnappedPoint } | { readonly error: RouteError };

/**
 * The engine's snapping policy over a {@link SnapIndex}: only open edges; the nearest edge,
 * unless the request's points fall into different strongly connected components, in which case
 * points off the largest component move to its nearest edge (when one lies within the snap
 * distance). So a point by a car park's access road still routes, while a route that stays
 * inside one small island (all its points there) is left alone.
 *
 * @example
 * const snapper = new PointSnapper(graph, new SnapIndex(graph), 1_000, weights);
 * snapper.snapAll([[7.42, 43.73], [7.43, 43.74]]); // [{ snapped }, { error }]
 */
export class PointSnapper {
  private components: StrongComponents;

  constructor(
    private readonly graph: RoadGraph,
    private readonly index: SnapIndex,
    readonly maxSnapDistanceM: number,
    private weights: EdgeWeights,
  ) {
    this.components = findStrongComponents(graph, weights);
  }

  /** Follows new weights (closures change which edges are open and connected). */
  setWeights(weights: EdgeWeights): void {
    this.weights = weights;
    this.components = findStrongComponents(this.graph, weights);
  }

  /** The nearest open edge position (on the largest component only when `mainOnly`), or null. */
  snap(point: LngLat, headingDeg?: number, mainOnly = false): SnappedPoint | null {
    const { componentOf, largest } = this.components;
    const tails = this.index.edgeSource;
    const target = this.graph.edgeTarget;
    return this.index.snap(point, {
      headingDeg,
      maxDistanceM: this.maxSnapDistanceM,
      isEdgeUsable: (e) =>
        this.weights[e] !== Number.POSITIVE_INFINITY &&
        (!mainOnly || (componentOf[tails[e]!] === largest && componentOf[target[e]!] === largest)),
    });
  }

  /**
   * Snaps every point of one request; `nameOf(i)` names point i in errors (default "point i";
   * a matrix passes "source i" / "target j").
   */
  snapAll(
    points: readonly LngLat[],
    headingsDeg?: readonly (number | null | undefined)[],
    nameOf: (i: number) => PointName = (i) => ({ label: "point", index: i }),
  ): SnapOutcome[] {
    const nearest = points.map((p, i) => this.snapOne(p, nameOf(i), headingsDeg?.[i] ?? undefined));
    const components = new Set<number>();
    for (const s of nearest) if ("snapped" in s) components.add(this.componentOf(s.snapped));
    if (components.size <= 1) return nearest;
    return nearest.map((s, i) => {
      if ("error" in s || this.componentOf(s.snapped) === this.components.largest) return s;
      const main = this.snap(points[i]!, headingsDeg?.[i] ?? undefined, true);
      return main ? { snapped: main } : s;
    });
  }

  /** Component of the edge a point lies on (of its head node). */
  private componentOf(s: SnappedPoint): number {
    return this.components.componentOf[this.graph.edgeTarget[s.edge]!]!;
  }

  private snapOne(point: LngLat, { label, index }: PointName, headingDeg: number | undefined): SnapOutcome {
    const error = (reason: string): SnapOutcome => ({
      error: { error: "point_not_routable", pointIndex: index, reason },
    });
    if (!isValidLng(point[0]) || !isValidLat(point[1]))
      return error(`${label} ${index} is not a valid [lng, lat]`);
    const snapped = this.snap(point, headingDeg);
    if (snapped) return { snapped };
    const heading = headingDeg === undefined ? "" : ` in the direction of heading ${headingDeg}°`;
    return error(`no open road within ${this.maxSnapDistanceM} m of ${label} ${index}${heading}`);
  }
}
