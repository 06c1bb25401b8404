import { haversineMeters } from "../telemetry/distance";

/**
 * How long a vehicle has stood still: it stands still while every fix stays within `radiusM` of
 * where it stopped (GPS drift does not count as moving).
 */
export class StationaryTracker {
  private anchor: { lat: number; lng: number; since: number } | null = null;

  constructor(private readonly radiusM = 50) {}

  /** Feeds a fix; returns since when the vehicle has stood still (epoch ms). */
  update(fixAt: number, lat: number, lng: number): number {
    if (!this.anchor || haversineMeters(lat, lng, this.anchor.lat, this.anchor.lng) > this.radiusM)
      this.anchor = { lat, lng, since: fixAt };
    return this.anchor.since;
  }
}
