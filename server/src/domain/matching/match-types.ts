import type { LngLat } from "@waybill/shared";

/**
 * One GPS fix fed to the matcher, oldest first per vehicle.
 *
 * @example
 * const fix: GpsFix = { lng: 7.4246, lat: 43.7384, fixAt: Date.parse("2026-11-22T08:00:00Z"), accuracyM: 12 };
 */
export interface GpsFix {
  readonly lng: number;
  readonly lat: number;
  /** Time of the fix, epoch ms; without it (a drawn track) no time bound or gap rule applies. */
  readonly fixAt?: number;
  /** Radius holding about 95 % of fixes, metres, as the simulator reports it; sets this fix's sigma. */
  readonly accuracyM?: number;
}

/**
 * A position on the road network: `offsetM` metres along directed `edge` from its tail node.
 *
 * @example
 * point.lngLat; // [7.42463, 43.73841], on the road
 */
export interface MatchedPoint {
  readonly edge: number;
  readonly offsetM: number;
  readonly lngLat: LngLat;
  /** Distance from the GPS fix to {@link lngLat}, metres. */
  readonly distanceM: number;
}

/**
 * The matcher's final answer for one fix.
 *
 * `path` lists the directed edges driven from the previous matched point to this one, the first
 * and last possibly partial (the previous point's edge first, this point's edge last): empty when
 * the vehicle did not move, null when there is nothing to join (no point, the first point of the
 * track, or a break that no plausible route bridges).
 *
 * @example
 * for (const { fix, point, path } of matcher.push(fix)) store(fix, point?.lngLat ?? null, path);
 */
export interface MatchedFix {
  readonly fix: GpsFix;
  readonly point: MatchedPoint | null;
  readonly path: readonly number[] | null;
}
