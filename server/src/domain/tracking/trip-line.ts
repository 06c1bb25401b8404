import type { LngLat } from "@waybill/shared";
import type { MatchedTrackLine } from "../matching/matched-track-line";
import { roundLngLat } from "../road/route-geo";
import { haversineMeters } from "../telemetry/distance";
import type { TripPoint } from "./trips";

/**
 * A trip as history and replay draw it: along the roads the matcher found, and straight through
 * the raw fixes where it found none (off the network, or a gap no plausible route bridges).
 */
export interface TripLine {
  /** [lng, lat], 6 decimals. A vertex appears twice in a row where the vehicle stood there a while. */
  readonly coordinates: LngLat[];
  /** When the vehicle was at each coordinate, epoch ms: fix times, by distance along the road between them. */
  readonly coordinateAt: number[];
  /** At each coordinate, the speed reported by the latest fix at or before its time, km/h (null: none reported). */
  readonly speedKmh: (number | null)[];
  /** [first, last] coordinate index of each stretch drawn through the raw fixes, in order. */
  readonly rawStretches: [number, number][];
  /** Length of the line, metres. */
  readonly distanceM: number;
}

/**
 * Draws a trip from its fixes (oldest first) and their match (one entry per fix): each fix's
 * matched point is joined to the previous one along the road path the matcher drove; where the
 * matcher gives no path, the line runs through the raw fixes up to the next matched point. Fixes
 * without a point between two joined ones are outliers, left out of the line.
 *
 * @example
 * const line = tripLine(trip.points, await routing.matchTrack(fixes));
 * line.rawStretches.length === 0; // the whole trip is on roads
 */
export function tripLine(points: readonly TripPoint[], match: MatchedTrackLine): TripLine {
  const line = new TripLineBuilder();
  let previous = -1;
  match.fixVertices.forEach((vertex, i) => {
    if (vertex === null) return;
    const at = points[i]!.fixAt;
    const from = previous >= 0 ? match.fixVertices[previous]! : -1;
    if (from >= 0 && match.joined[i])
      line.addRoad(match.coordinates.slice(from, vertex + 1), points[previous]!.fixAt, at);
    else line.addRaw(points.slice(previous + 1, i), { lngLat: match.coordinates[vertex]!, at });
    previous = i;
  });
  line.addRaw(points.slice(previous + 1));
  return line.finish(points);
}

/** Appends road paths and raw stretches to one line, keeping each vertex's time. */
class TripLineBuilder {
  private readonly coordinates: LngLat[] = [];
  private readonly coordinateAt: number[] = [];
  private readonly rawStretches: [number, number][] = [];

  /** A road path from the line's last vertex (`path[0]`, at `fromAt`) to `path`'s end at `toAt`. */
  addRoad(path: readonly LngLat[], fromAt: number, toAt: number): void {
    const along = cumulativeMeters(path);
    const totalM = along[along.length - 1]!;
    for (let k = 1; k < path.length; k++)
      this.add(path[k]!, totalM > 0 ? fromAt + Math.round(((toAt - fromAt) * along[k]!) / totalM) : toAt);
    if (path.length === 1) this.add(path[0]!, toAt);
  }

  /** Straight through raw fixes from the line's last vertex, then to `end` (a matched point) if given. */
  addRaw(fixes: readonly TripPoint[], end?: { lngLat: LngLat; at: number }): void {
    const start = Math.max(0, this.coordinates.length - 1);
    for (const fix of fixes) this.add(roundLngLat([fix.lng, fix.lat]), fix.fixAt);
    if (end) this.add(end.lngLat, end.at);
    const last = this.coordinates.length - 1;
    if (last <= start) return;
    const before = this.rawStretches[this.rawStretches.length - 1];
    if (before && before[1] === start) before[1] = last;
    else this.rawStretches.push([start, last]);
  }

  /** The line, with the speeds of `points` (the trip's fixes, oldest first) at its vertices. */
  finish(points: readonly TripPoint[]): TripLine {
    const { coordinates, coordinateAt, rawStretches } = this;
    const along = cumulativeMeters(coordinates);
    const speedKmh = speedsAt(coordinateAt, points);
    return { coordinates, coordinateAt, speedKmh, rawStretches, distanceM: along[along.length - 1] ?? 0 };
  }

  /**
   * Appends a vertex. The same place again is kept once more with its later time (the vehicle
   * waited there), and a longer wait moves that second vertex's time on.
   */
  private add(p: LngLat, at: number): void {
    const n = this.coordinates.length;
    if (n > 0 && samePlace(this.coordinates[n - 1]!, p)) {
      if (this.coordinateAt[n - 1] === at) return;
      if (n > 1 && samePlace(this.coordinates[n - 2]!, p)) {
        this.coordinateAt[n - 1] = at;
        return;
      }
    }
    this.coordinates.push(p);
    this.coordinateAt.push(at);
  }
}

/** The speed of the latest fix at or before each time (times ascending), null before the first. */
function speedsAt(times: readonly number[], points: readonly TripPoint[]): (number | null)[] {
  let i = -1;
  return times.map((at) => {
    while (i + 1 < points.length && points[i + 1]!.fixAt <= at) i++;
    return i >= 0 ? points[i]!.speedKmh : null;
  });
}

const samePlace = (a: LngLat, b: LngLat) => a[0] === b[0] && a[1] === b[1];

/** Distance from the first coordinate to each, metres. */
function cumulativeMeters(line: readonly LngLat[]): number[] {
  const along = line.length > 0 ? [0] : [];
  for (let k = 1; k < line.length; k++) {
    const [a, b] = [line[k - 1]!, line[k]!];
    along.push(along[k - 1]! + haversineMeters(a[1], a[0], b[1], b[0]));
  }
  return along;
}
