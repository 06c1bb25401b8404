import type { LngLat } from "@waybill/shared";
import { kmhToMps } from "@waybill/shared";
import { accuracyForNoiseM, addGpsNoise } from "./gps-noise";
import type { RouteWalker } from "./route-walker";
import type { SeededRandom } from "./seeded-random";

/** One fix as a simulated receiver reports it. */
export interface SimulatedFix {
  /** GPS fix time, epoch ms. */
  readonly fixAt: number;
  readonly position: LngLat;
  readonly speedKmh: number;
  /** Degrees clockwise from north, [0, 360). */
  readonly headingDeg: number;
  readonly accuracyM: number;
}

/** What happened to a vehicle during one tick. */
export type VehicleStep =
  | { readonly kind: "fix"; readonly fix: SimulatedFix }
  | { readonly kind: "dropped" }
  | { readonly kind: "idle" };

/** How a simulated vehicle drives and reports. */
export interface VehicleBehaviour {
  /** Mean speed, km/h; each fix varies it by a few percent. */
  readonly speedKmh: number;
  /** Time between fixes, ms. */
  readonly intervalMs: number;
  /** GPS noise, Gaussian sigma, metres. */
  readonly noiseM: number;
  /** Chance per second of starting a 5-30 s dropout, in [0, 1]. */
  readonly dropoutRate: number;
}

const SPEED_VARIATION = 0.08;
const DROPOUT_MIN_MS = 5_000;
const DROPOUT_MAX_MS = 30_000;

/**
 * The pure state of one simulated vehicle: where it is on its route, its current speed, when its
 * next fix is due and whether it is in a dropout. The fleet simulator calls {@link advance} on
 * every tick; no timers or I/O here, so a test can drive it with any clock.
 *
 * @example
 * const van = new SimulatedVehicle(walker, { speedKmh: 30, intervalMs: 1000, noiseM: 3, dropoutRate: 0 }, random, Date.now());
 */
export class SimulatedVehicle {
  #travelledM: number;
  #speedKmh: number;
  #nextFixAt: number;
  #dropoutUntil = Number.NEGATIVE_INFINITY;
  #halted = false;

  /** @param startAt epoch ms of the first tick; the first fix comes within one interval of it. */
  constructor(
    private readonly walker: RouteWalker,
    private readonly behaviour: VehicleBehaviour,
    private readonly random: SeededRandom,
    startAt: number,
  ) {
    // Spread vehicles sharing a route along it, and their fixes across the interval.
    this.#travelledM = random.between(0, walker.lengthM);
    this.#speedKmh = behaviour.speedKmh;
    this.#nextFixAt = startAt + random.between(0, behaviour.intervalMs);
  }

  /** Distance driven since the start of the route, metres. */
  get travelledM(): number {
    return this.#travelledM;
  }

  /** Where it is on its route now (without GPS noise). */
  get position(): LngLat {
    return this.walker.positionAt(this.#travelledM).position;
  }

  /** Whether it stopped for good (a breakdown): it keeps reporting where it stands, at speed 0. */
  get halted(): boolean {
    return this.#halted;
  }

  /** Stops the vehicle where it is, for the rest of the run. */
  halt(): void {
    this.#halted = true;
    this.#speedKmh = 0;
  }

  /** Drives for `elapsedMs` up to `now` (epoch ms) and returns a fix if one was due. */
  advance(now: number, elapsedMs: number): VehicleStep {
    this.#travelledM += kmhToMps(this.#speedKmh) * (elapsedMs / 1000);
    this.#maybeStartDropout(now, elapsedMs);
    if (now < this.#nextFixAt) return { kind: "idle" };
    this.#nextFixAt += this.behaviour.intervalMs;
    // After a stalled event loop, resume the cadence instead of bursting to catch up.
    if (this.#nextFixAt <= now) this.#nextFixAt = now + this.behaviour.intervalMs;
    const variation = 1 + SPEED_VARIATION * this.random.gaussian();
    this.#speedKmh = this.#halted ? 0 : Math.max(0, this.behaviour.speedKmh * variation);
    if (now < this.#dropoutUntil) return { kind: "dropped" };
    return { kind: "fix", fix: this.#fixAt(now) };
  }

  #maybeStartDropout(now: number, elapsedMs: number): void {
    if (this.behaviour.dropoutRate <= 0 || now < this.#dropoutUntil) return;
    const chance = 1 - (1 - this.behaviour.dropoutRate) ** (elapsedMs / 1000);
    if (this.random.next() < chance)
      this.#dropoutUntil = now + this.random.between(DROPOUT_MIN_MS, DROPOUT_MAX_MS);
  }

  #fixAt(now: number): SimulatedFix {
    const { position, bearingDeg } = this.walker.positionAt(this.#travelledM);
    return {
      fixAt: now,
      position: addGpsNoise(position, this.behaviour.noiseM, this.random),
      speedKmh: Math.round(this.#speedKmh * 10) / 10,
      headingDeg: (Math.round(bearingDeg * 10) / 10) % 360,
      accuracyM: accuracyForNoiseM(this.behaviour.noiseM),
    };
  }
}
