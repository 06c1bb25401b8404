import { haversineMeters } from "../telemetry/distance";

/** A stored position, as trips need it. */
export interface TripPoint {
  readonly fixAt: number;
  readonly lat: number;
  readonly lng: number;
  readonly speedKmh: number | null;
  /** Radius holding about 95 % of fixes, metres, when the device reported one (sharpens map matching). */
  readonly accuracyM?: number | null;
}

/** Driving between two stays. */
export interface Trip {
  readonly startAt: number;
  readonly endAt: number;
  readonly distanceM: number;
  readonly points: readonly TripPoint[];
}

/** Standing in one place (within the radius) for at least the minimum stay. */
export interface Stay {
  readonly startAt: number;
  readonly endAt: number;
  readonly lat: number;
  readonly lng: number;
}

/** What counts as a stay. */
export interface StayRules {
  readonly minStayS: number;
  readonly radiusM: number;
}

export const DEFAULT_STAY_RULES: StayRules = { minStayS: 180, radiusM: 50 };

/**
 * A vehicle's day as trips and stays: it stays where its fixes remain within the radius of the
 * first for at least the minimum time (GPS drift while parked is no trip); the trips are what
 * lies between, each starting at the last fix of a stay and ending at the first of the next.
 *
 * @example
 * const { trips, stays } = splitTrips(positions); // positions oldest first
 */
export function splitTrips(
  points: readonly TripPoint[],
  rules: StayRules = DEFAULT_STAY_RULES,
): { trips: Trip[]; stays: Stay[] } {
  const stays: { first: number; last: number; stay: Stay }[] = [];
  let anchor = 0;
  for (let i = 1; i <= points.length; i++) {
    const a = points[anchor] as TripPoint;
    const p = points[i];
    if (p && haversineMeters(a.lat, a.lng, p.lat, p.lng) <= rules.radiusM) continue;
    const last = points[i - 1] as TripPoint;
    if (last.fixAt - a.fixAt >= rules.minStayS * 1000)
      stays.push({
        first: anchor,
        last: i - 1,
        stay: { startAt: a.fixAt, endAt: last.fixAt, lat: a.lat, lng: a.lng },
      });
    anchor = i;
  }
  const trips: Trip[] = [];
  let from = 0;
  for (const { first, last } of [...stays, { first: points.length - 1, last: points.length - 1 }]) {
    if (first > from) trips.push(tripOf(points.slice(from, first + 1)));
    from = last;
  }
  return {
    trips: trips.filter((trip) => trip.distanceM > rules.radiusM),
    stays: stays.map(({ stay }) => stay),
  };
}

function tripOf(points: readonly TripPoint[]): Trip {
  let distanceM = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as TripPoint;
    const b = points[i] as TripPoint;
    distanceM += haversineMeters(a.lat, a.lng, b.lat, b.lng);
  }
  return {
    startAt: (points[0] as TripPoint).fixAt,
    endAt: (points.at(-1) as TripPoint).fixAt,
    distanceM,
    points,
  };
}
