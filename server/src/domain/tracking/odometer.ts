import { haversineMeters } from "../telemetry/distance";

/**
 * Distance a vehicle has driven, from its fixes. A step counts once a fix is `stepM` from the
 * mean of the fixes since the last point counted, and then the whole way from that point: parked,
 * the mean settles where the vehicle stands and GPS drift adds nothing (12 m of noise is
 * practically never 50 m from the mean, whereas two raw fixes often are 25 m apart); driving, or
 * crawling, the fixes soon leave the mean behind. The last stretch, under about twice `stepM`,
 * counts once the vehicle moves on.
 *
 * @example
 * const odometer = new Odometer();
 * for (const fix of fixes) odometer.update(fix.lat, fix.lng);
 * odometer.drivenM; // metres
 */
export class Odometer {
  private counted: { lat: number; lng: number } | null = null;
  private sumLat = 0;
  private sumLng = 0;
  private count = 0;
  private total = 0;

  constructor(private readonly stepM = 50) {}

  /** Metres driven so far. */
  get drivenM(): number {
    return this.total;
  }

  /** Feeds a fix (in time order). */
  update(lat: number, lng: number): void {
    if (this.counted) {
      this.sumLat += lat;
      this.sumLng += lng;
      this.count++;
      const meanLat = this.sumLat / this.count;
      const meanLng = this.sumLng / this.count;
      if (haversineMeters(lat, lng, meanLat, meanLng) <= this.stepM) return;
      this.total += haversineMeters(this.counted.lat, this.counted.lng, lat, lng);
    }
    this.counted = { lat, lng };
    this.sumLat = lat;
    this.sumLng = lng;
    this.count = 1;
  }
}
