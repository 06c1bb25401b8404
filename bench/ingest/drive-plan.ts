/** A [lng, lat] pair. */
type LngLat = readonly [number, number];

/**
 * A simulated vehicle's day on the road network, serialisable over IPC: it drives `path` (a route
 * the server itself made) at `speedMps`, stopping `dwellS` at each of `stopsAtM` (distances along
 * the path where its stops are), on the wall clock: it left its start at `departedAt` (epoch ms).
 * Where it is depends only on the time, so a new load generator (one per phase) resumes each
 * vehicle where the previous one left it, and no fix ever jumps.
 */
export interface DrivePlan {
  readonly path: readonly LngLat[];
  readonly stopsAtM: readonly number[];
  readonly speedMps: number;
  readonly dwellS: number;
  readonly departedAt: number;
}

/** Where a plan's vehicle is at one time. */
export interface PlanPlace {
  readonly lat: number;
  readonly lng: number;
  readonly speedKmh: number;
}

const EARTH_M = 6_371_008.8;
const RAD = Math.PI / 180;

/** Great-circle distance in metres (haversine). */
export function metresBetween(a: LngLat, b: LngLat): number {
  const dLat = (b[1] - a[1]) * RAD;
  const dLng = (b[0] - a[0]) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * RAD) * Math.cos(b[1] * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_M * Math.asin(Math.sqrt(h));
}

/** Cumulative distance along `path` at each vertex, metres. */
export function cumulativeMetres(path: readonly LngLat[]): number[] {
  const along = [0];
  for (let i = 1; i < path.length; i++)
    along.push((along[i - 1] ?? 0) + metresBetween(path[i - 1] as LngLat, path[i] as LngLat));
  return along;
}

/** The point `metres` along `path` (`along` from {@link cumulativeMetres}), clamped to its ends. */
export function pointAlong(path: readonly LngLat[], along: readonly number[], metres: number): LngLat {
  const last = path.length - 1;
  if (metres <= 0 || last <= 0) return path[0] as LngLat;
  if (metres >= (along[last] ?? 0)) return path[last] as LngLat;
  let lo = 0;
  let hi = last;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((along[mid] ?? 0) <= metres) lo = mid;
    else hi = mid;
  }
  const a = path[lo] as LngLat;
  const b = path[hi] as LngLat;
  const span = (along[hi] ?? 0) - (along[lo] ?? 0);
  const f = span > 0 ? (metres - (along[lo] ?? 0)) / span : 0;
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f];
}

/** Follows one plan on the clock (the path's cumulative distances computed once). */
export class PlanFollower {
  private readonly along: number[];

  constructor(private readonly plan: DrivePlan) {
    this.along = cumulativeMetres(plan.path);
  }

  /** Where the vehicle is at `now` (epoch ms): before departure at its start, after the end there. */
  at(now: number): PlanPlace {
    const { speedMps, dwellS, stopsAtM } = this.plan;
    let seconds = Math.max(0, (now - this.plan.departedAt) / 1000);
    let metres = 0;
    let moving = seconds > 0;
    // Each leg: drive to the next stop, then dwell there.
    for (const stopAt of stopsAtM) {
      const driveS = (stopAt - metres) / speedMps;
      if (seconds < driveS) {
        metres += seconds * speedMps;
        seconds = -1;
        break;
      }
      seconds -= driveS;
      metres = stopAt;
      if (seconds < dwellS) {
        moving = false;
        seconds = -1;
        break;
      }
      seconds -= dwellS;
    }
    if (seconds >= 0) {
      // Past the last stop: on to the end of the path, then parked.
      const end = this.along.at(-1) ?? 0;
      metres = Math.min(end, metres + seconds * speedMps);
      moving = metres < end;
    }
    const [lng, lat] = pointAlong(this.plan.path, this.along, metres);
    return { lat, lng, speedKmh: moving ? Math.round(speedMps * 3.6) : 0 };
  }
}
