import type { LngLat } from "@waybill/shared";
import { METERS_PER_DEGREE } from "../road/route-geo";

/** Where a point lies against a route line. */
export interface LinePosition {
  /** Metres along the line from its start to the point's nearest point on it. */
  readonly alongM: number;
  /** Distance from the point to the line, metres. */
  readonly distanceM: number;
  /** The segment holding the nearest point: pass it back as the hint of the next fix. */
  readonly segment: number;
}

/** The previous fix and where it was placed: where {@link RouteLine.locate} looks first. */
export interface LocateHint {
  readonly lat: number;
  readonly lng: number;
  readonly segment: number;
  readonly alongM: number;
}

const RAD = Math.PI / 180;
/** Side of a cell of the segment grid, metres. */
const CELL_M = 150;
/** Beyond this the grid is not asked (too many cells): every segment is scanned, metres. */
const GRID_RADIUS_M = 1_200;
/** Segments searched behind and ahead of the hint before the grid is asked. */
const WINDOW_BEHIND = 2;
const WINDOW_AHEAD = 30;
/** A fix this close to the window's best point stays on the window (no jump to another pass), metres. */
const WINDOW_ACCEPT_M = 30;
/** A fix this far from the previous one shows which way the vehicle moves, metres. */
const MIN_MOTION_M = 8;
/** Cost of a segment driven against the vehicle's motion, as metres of distance. */
const AGAINST_MOTION_PENALTY_M = 40;
/** Cost of each metre along the line away from the previous place (a weak pull to stay put). */
const CONTINUITY_PENALTY = 0.02;

/**
 * A route's line prepared for the per-fix question "how far along, how far off": planar
 * (equirectangular around its first point, exact to 0.1 % over a city), with cumulative lengths
 * and a uniform grid over its segments. A fix is first tried on a window of segments around the
 * previous fix's, so a route that passes the same street twice keeps its place on the current
 * pass and the common case costs a few dozen multiplications; the grid answers only when the
 * window's best is far (a detour, a first fix, a skipped part of the route). No turf on the hot
 * path (NOTES.md: 454 ops/s for turf against millions for a window).
 *
 * @example
 * const line = new RouteLine([[7.42, 43.73], [7.43, 43.73]]);
 * line.locate(43.7302, 7.425); // { alongM: ≈ 402, distanceM: ≈ 22, segment: 0 }
 * line.locate(43.7302, 7.426, { lat: 43.7302, lng: 7.425, segment: 0, alongM: 402 }); // from the window
 */
export class RouteLine {
  /** Length of the line, metres. */
  readonly lengthM: number;
  private readonly xs: Float64Array;
  private readonly ys: Float64Array;
  private readonly cumM: Float64Array;
  private readonly lat0: number;
  private readonly lng0: number;
  private readonly kx: number;
  private readonly grid = new Map<number, number[]>();

  constructor(coordinates: readonly LngLat[]) {
    if (coordinates.length < 2)
      throw new RangeError(`a route line needs 2 points, got ${coordinates.length}`);
    const [lng0, lat0] = coordinates[0] as LngLat;
    this.lat0 = lat0;
    this.lng0 = lng0;
    this.kx = Math.cos(lat0 * RAD) * METERS_PER_DEGREE;
    const n = coordinates.length;
    this.xs = new Float64Array(n);
    this.ys = new Float64Array(n);
    this.cumM = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const [lng, lat] = coordinates[i] as LngLat;
      this.xs[i] = (lng - lng0) * this.kx;
      this.ys[i] = (lat - lat0) * METERS_PER_DEGREE;
      if (i > 0)
        this.cumM[i] =
          this.cumM[i - 1]! + Math.hypot(this.xs[i]! - this.xs[i - 1]!, this.ys[i]! - this.ys[i - 1]!);
    }
    this.lengthM = this.cumM[n - 1]!;
    for (let s = 0; s + 1 < n; s++) this.index(s);
  }

  /** Number of segments. */
  get segmentCount(): number {
    return this.xs.length - 1;
  }

  /**
   * The nearest point of the line to a fix. With a hint (the previous fix and its place), the
   * window of segments around that place wins unless the fix is far from it and nearer to another
   * part; inside the window, a segment driven against the vehicle's motion (from the previous fix
   * to this one) or far from its previous place along the line pays a penalty, so where the route
   * runs the same street twice (out to a stop and back) the vehicle stays on the pass it drives.
   */
  locate(lat: number, lng: number, hint: LocateHint | null = null): LinePosition {
    const x = (lng - this.lng0) * this.kx;
    const y = (lat - this.lat0) * METERS_PER_DEGREE;
    let best: LinePosition | null = null;
    if (hint && hint.segment >= 0) {
      best = this.searchWindow(x, y, hint);
      if (best.distanceM <= WINDOW_ACCEPT_M) return best;
    }
    const radius = Math.min(best?.distanceM ?? Number.POSITIVE_INFINITY, GRID_RADIUS_M);
    if (best === null || best.distanceM > GRID_RADIUS_M) {
      const fromGrid = this.searchGrid(x, y, radius, null);
      if (fromGrid) return fromGrid;
      for (let s = 0; s < this.segmentCount; s++) best = this.closer(best, s, x, y);
      return best as LinePosition;
    }
    return this.searchGrid(x, y, radius, best) ?? best;
  }

  /** The point `alongM` metres along the line (clamped to its ends), [lng, lat]. */
  pointAt(alongM: number): LngLat {
    const m = Math.min(this.lengthM, Math.max(0, alongM));
    let lo = 0;
    let hi = this.segmentCount - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.cumM[mid]! <= m) lo = mid;
      else hi = mid - 1;
    }
    const span = this.cumM[lo + 1]! - this.cumM[lo]!;
    const f = span > 0 ? (m - this.cumM[lo]!) / span : 0;
    const x = this.xs[lo]! + (this.xs[lo + 1]! - this.xs[lo]!) * f;
    const y = this.ys[lo]! + (this.ys[lo + 1]! - this.ys[lo]!) * f;
    return [this.lng0 + x / this.kx, this.lat0 + y / METERS_PER_DEGREE];
  }

  /** The window's best segment for (x, y) by distance plus the direction and continuity penalties. */
  private searchWindow(x: number, y: number, hint: LocateHint): LinePosition {
    const hx = (hint.lng - this.lng0) * this.kx;
    const hy = (hint.lat - this.lat0) * METERS_PER_DEGREE;
    const mx = x - hx;
    const my = y - hy;
    const moving = Math.hypot(mx, my) >= MIN_MOTION_M;
    const from = Math.max(0, hint.segment - WINDOW_BEHIND);
    const to = Math.min(this.segmentCount - 1, hint.segment + WINDOW_AHEAD);
    let best: LinePosition | null = null;
    let bestCost = Number.POSITIVE_INFINITY;
    for (let s = from; s <= to; s++) {
      const candidate = this.closer(null, s, x, y);
      const against =
        moving && mx * (this.xs[s + 1]! - this.xs[s]!) + my * (this.ys[s + 1]! - this.ys[s]!) < 0;
      const cost =
        candidate.distanceM +
        (against ? AGAINST_MOTION_PENALTY_M : 0) +
        CONTINUITY_PENALTY * Math.abs(candidate.alongM - hint.alongM);
      if (cost < bestCost) {
        bestCost = cost;
        best = candidate;
      }
    }
    return best as LinePosition;
  }

  /** The better of `best` and segment `s` for the point (x, y). */
  private closer(best: LinePosition | null, s: number, x: number, y: number): LinePosition {
    const ax = this.xs[s]!;
    const ay = this.ys[s]!;
    const dx = this.xs[s + 1]! - ax;
    const dy = this.ys[s + 1]! - ay;
    const len2 = dx * dx + dy * dy;
    const t = len2 > 0 ? Math.min(1, Math.max(0, ((x - ax) * dx + (y - ay) * dy) / len2)) : 0;
    const distanceM = Math.hypot(ax + t * dx - x, ay + t * dy - y);
    if (best && best.distanceM <= distanceM) return best;
    return { alongM: this.cumM[s]! + t * Math.sqrt(len2), distanceM, segment: s };
  }

  /** Best segment within `radius` of (x, y) from the grid, if better than `best`. */
  private searchGrid(x: number, y: number, radius: number, best: LinePosition | null): LinePosition | null {
    let found = best;
    const r = Number.isFinite(radius) ? radius : GRID_RADIUS_M;
    for (let cx = Math.floor((x - r) / CELL_M); cx <= Math.floor((x + r) / CELL_M); cx++)
      for (let cy = Math.floor((y - r) / CELL_M); cy <= Math.floor((y + r) / CELL_M); cy++) {
        const segments = this.grid.get(cellKey(cx, cy));
        if (segments) for (const s of segments) found = this.closer(found, s, x, y);
      }
    return found && found !== best && found.distanceM <= r ? found : null;
  }

  private index(s: number): void {
    const x0 = Math.floor(Math.min(this.xs[s]!, this.xs[s + 1]!) / CELL_M);
    const x1 = Math.floor(Math.max(this.xs[s]!, this.xs[s + 1]!) / CELL_M);
    const y0 = Math.floor(Math.min(this.ys[s]!, this.ys[s + 1]!) / CELL_M);
    const y1 = Math.floor(Math.max(this.ys[s]!, this.ys[s + 1]!) / CELL_M);
    for (let cx = x0; cx <= x1; cx++)
      for (let cy = y0; cy <= y1; cy++) {
        const key = cellKey(cx, cy);
        const list = this.grid.get(key);
        if (list) list.push(s);
        else this.grid.set(key, [s]);
      }
  }
}

/** One number per grid cell (cells within ±2^20 of the origin: 150,000 km). */
const cellKey = (cx: number, cy: number): number => (cx + 1_048_576) * 2_097_152 + (cy + 1_048_576);
