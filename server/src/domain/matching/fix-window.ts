/**
 * The fixes a vehicle reported since its last Viterbi step, for a robust step position: the
 * component-wise median of a few seconds of dense fixes drops outliers and cuts noise, where
 * taking the fix that happened to move far enough would pick the noisiest one. Keeps the newest
 * `capacity` fixes.
 */
export class FixWindow {
  private readonly lng: Float64Array;
  private readonly lat: Float64Array;
  private readonly at: Float64Array;
  private readonly scratch: Float64Array;
  private start = 0;
  /** Fixes held. */
  count = 0;

  constructor(readonly capacity: number) {
    this.lng = new Float64Array(capacity);
    this.lat = new Float64Array(capacity);
    this.at = new Float64Array(capacity);
    this.scratch = new Float64Array(capacity);
  }

  /** Forgets every fix (a step was opened). */
  clear(): void {
    this.start = 0;
    this.count = 0;
  }

  /** Adds a fix (degrees, epoch ms); past capacity the oldest is dropped. */
  add(lng: number, lat: number, at: number): void {
    const i = (this.start + this.count) % this.capacity;
    if (this.count === this.capacity) this.start = (this.start + 1) % this.capacity;
    else this.count++;
    this.lng[i] = lng;
    this.lat[i] = lat;
    this.at[i] = at;
  }

  /** Median longitude of the fixes held, degrees. */
  medianLng(): number {
    return this.median(this.lng);
  }

  /** Median latitude of the fixes held, degrees. */
  medianLat(): number {
    return this.median(this.lat);
  }

  /** Median time of the fixes held, epoch ms. */
  medianAt(): number {
    return this.median(this.at);
  }

  /** Insertion sort into the scratch buffer: a handful of values, no allocation. */
  private median(values: Float64Array): number {
    const { scratch } = this;
    const n = this.count;
    for (let k = 0; k < n; k++) {
      const value = values[(this.start + k) % this.capacity]!;
      let i = k;
      for (; i > 0 && scratch[i - 1]! > value; i--) scratch[i] = scratch[i - 1]!;
      scratch[i] = value;
    }
    return n % 2 === 1 ? scratch[n >> 1]! : (scratch[(n >> 1) - 1]! + scratch[n >> 1]!) / 2;
  }
}
