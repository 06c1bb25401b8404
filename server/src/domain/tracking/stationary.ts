import { haversineMeters } from "../telemetry/distance";

/** Fixes averaged into the place a vehicle stands at (more would let a slow crawl drag it along). */
const MAX_AVERAGED = 20;

/**
 * How long a vehicle has stood still: it stands still while every fix stays within `radiusM` of
 * where it stands, the running mean of its fixes since it stopped (GPS drift does not count as
 * moving: measured from the mean, a fix with 12 m noise is practically never 50 m off, whereas two
 * noisy fixes often are 50 m apart).
 *
 * @example
 * const stationary = new StationaryTracker();
 * stationary.update(fixAtMs, lat, lng); // since when it has stood still, epoch ms
 */
export class StationaryTracker {
  private anchor: { lat: number; lng: number; since: number; count: number } | null = null;

  constructor(private readonly radiusM = 50) {}

  /** Feeds a fix; returns since when the vehicle has stood still (epoch ms). */
  update(fixAt: number, lat: number, lng: number): number {
    const anchor = this.anchor;
    if (!anchor || haversineMeters(lat, lng, anchor.lat, anchor.lng) > this.radiusM) {
      this.anchor = { lat, lng, since: fixAt, count: 1 };
      return fixAt;
    }
    anchor.count = Math.min(MAX_AVERAGED, anchor.count + 1);
    anchor.lat += (lat - anchor.lat) / anchor.count;
    anchor.lng += (lng - anchor.lng) / anchor.count;
    return anchor.since;
  }
}
