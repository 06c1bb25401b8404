import type { LngLat } from "@waybill/shared";
import type { RouteEngine } from "../road/route-engine";

/** A closure (factor null) or slowdown of some road edges between two instants, s from midnight. */
export interface RoadDisruption {
  readonly id: string;
  readonly fromS: number;
  readonly toS: number;
  readonly edges: readonly number[];
  /** Speed multiplier of a slowdown; null closes the edges. */
  readonly factor: number | null;
}

/** Travel of one leg. */
export interface Leg {
  readonly durationS: number;
  readonly distanceM: number;
}

/** Travel between points, row-major (Infinity: unreachable). */
export interface PointMatrix {
  readonly durationsS: Float64Array;
  readonly distancesM: Float64Array;
}

/**
 * The road network of a simulated day: travel between registered points as the roads are at a
 * given instant (the closures and slowdowns active then applied to the routing engine). Full
 * matrices between all registered points are computed once per set of active disruptions and
 * kept; registering a point later recomputes them on next use.
 *
 * @example
 * const network = new DayNetwork(engine, disruptions);
 * const depot = network.register([7.4165, 43.7295]);
 * network.leg(depot, network.register([7.42, 43.73]), 11 * 3600).durationS;
 */
export class DayNetwork {
  private readonly points: LngLat[];
  private readonly index: Map<string, number>;
  private readonly matrices: Map<string, { size: number; matrix: PointMatrix }>;
  /** Which disruptions the engine has applied now (shared with {@link undisturbed}'s view). */
  private readonly applied: { key: string | null };

  constructor(
    private readonly engine: RouteEngine,
    private readonly disruptions: readonly RoadDisruption[],
    shared?: DayNetwork,
  ) {
    this.points = shared?.points ?? [];
    this.index = shared?.index ?? new Map();
    this.matrices = shared?.matrices ?? new Map();
    this.applied = shared?.applied ?? { key: null };
  }

  /** The same network and points with no disruption at any time: the day as planned. */
  undisturbed(): DayNetwork {
    return new DayNetwork(this.engine, [], this);
  }

  /** The point's index (the same for equal coordinates). */
  register(point: LngLat): number {
    const key = `${point[0]},${point[1]}`;
    const known = this.index.get(key);
    if (known !== undefined) return known;
    this.points.push(point);
    this.index.set(key, this.points.length - 1);
    return this.points.length - 1;
  }

  /** The coordinates of a registered point. */
  pointAt(index: number): LngLat {
    const point = this.points[index];
    if (!point) throw new RangeError(`point ${index} is not registered`);
    return point;
  }

  /** Travel from one registered point to another, leaving at `atS`. */
  leg(from: number, to: number, atS: number): Leg {
    const { size, matrix } = this.fullMatrix(atS);
    const cell = from * size + to;
    return { durationS: matrix.durationsS[cell]!, distanceM: matrix.distancesM[cell]! };
  }

  /** A fresh matrix between `points` with the roads as at `atS`, as a planner asks the engine for one. */
  matrix(points: readonly LngLat[], atS: number): PointMatrix {
    this.applyTraffic(atS);
    return flatten(this.engine.matrix(points, points));
  }

  /** Where a vehicle is `fraction` (0..1) of the distance along its route from one point to another. */
  along(from: number, to: number, fraction: number, atS: number): LngLat {
    this.applyTraffic(atS);
    const route = this.engine.route([this.pointAt(from), this.pointAt(to)], { steps: false });
    if ("error" in route) return this.pointAt(from);
    return pointAlong(route.geometry.coordinates, fraction);
  }

  /** The points that `from` reaches and that reach it back, with no road disrupted. */
  reachableFrom(from: LngLat, points: readonly LngLat[]): LngLat[] {
    this.applyTraffic(Number.NEGATIVE_INFINITY);
    const out = this.engine.matrix([from], points).durationsS[0] ?? [];
    const back = this.engine.matrix(points, [from]).durationsS;
    return points.filter((_, i) => out[i] != null && back[i]?.[0] != null);
  }

  /** The disruptions active at `atS`. */
  activeAt(atS: number): RoadDisruption[] {
    return this.disruptions.filter((d) => d.fromS <= atS && atS < d.toS);
  }

  private fullMatrix(atS: number): { size: number; matrix: PointMatrix } {
    const key = keyOf(this.activeAt(atS));
    const cached = this.matrices.get(key);
    if (cached && cached.size === this.points.length) return cached;
    const entry = { size: this.points.length, matrix: this.matrix(this.points, atS) };
    this.matrices.set(key, entry);
    return entry;
  }

  private applyTraffic(atS: number): void {
    const active = this.activeAt(atS);
    const key = keyOf(active);
    if (key === this.applied.key) return;
    const close = active.filter((d) => d.factor === null).flatMap((d) => d.edges);
    const closed = new Set(close);
    const slowest = new Map<number, number>();
    for (const d of active)
      if (d.factor !== null)
        for (const edge of d.edges)
          if (!closed.has(edge)) slowest.set(edge, Math.min(slowest.get(edge) ?? 1, d.factor));
    const speedFactors = [...slowest].map(([edge, factor]) => ({ edge, factor }));
    this.engine.applyTraffic({ reset: true, close, speedFactors });
    this.applied.key = key;
  }
}

const keyOf = (active: readonly RoadDisruption[]) => active.map((d) => d.id).join(",");

function flatten(result: { durationsS: (number | null)[][]; distancesM: (number | null)[][] }): PointMatrix {
  const cells = (rows: (number | null)[][]) =>
    Float64Array.from(rows.flat(), (value) => value ?? Number.POSITIVE_INFINITY);
  return { durationsS: cells(result.durationsS), distancesM: cells(result.distancesM) };
}

/** The point `fraction` of the way along a line (planar metres, fine at city scale). */
function pointAlong(line: readonly LngLat[], fraction: number): LngLat {
  const lengths = line.slice(1).map((b, i) => planarM(line[i]!, b));
  let left = Math.max(0, Math.min(1, fraction)) * lengths.reduce((sum, m) => sum + m, 0);
  for (let i = 0; i < lengths.length; i++) {
    const m = lengths[i]!;
    if (left <= m && m > 0) {
      const [a, b] = [line[i]!, line[i + 1]!];
      const t = left / m;
      return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
    }
    left -= m;
  }
  return line.at(-1)!;
}

/** Straight-line metres between two points (planar, fine at city scale). */
export function planarM(a: LngLat, b: LngLat): number {
  const cos = Math.cos((a[1] * Math.PI) / 180);
  return Math.hypot((b[0] - a[0]) * 111_320 * cos, (b[1] - a[1]) * 110_540);
}
