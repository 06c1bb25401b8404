import type { LngLat } from "@waybill/shared";
import { addGpsNoise } from "@waybill/telematics/simulator/gps-noise";
import { createRouteWalker, type RouteWalker } from "@waybill/telematics/simulator/route-walker";
import { createSeededRandom, type SeededRandom } from "@waybill/telematics/simulator/seeded-random";
import { buildRoadGraphFromExtract } from "../../road/road-import";
import { RouteEngine } from "../../road/route-engine";
import type { RouteResult } from "../../road/route-response";
import { generateSyntheticTown, SYNTHETIC_TOWN_CENTER } from "../../road/synthetic-town";

/**
 * Scenario traces for the tracking detectors, made the way the fleet simulator makes them (its
 * route walker, Gaussian GPS noise and seeded random source) along a real route of the routing
 * engine through the synthetic town: drives, stops with drift, detours, tunnels. Seeded: every
 * run gives the same fixes.
 */

/** When the traces start: 2026-11-23 09:00 UTC. */
export const TRACE_START_AT = Date.parse("2026-11-23T09:00:00Z");

/** A fix as live tracking receives it. */
export interface TraceFix {
  readonly fixAt: number;
  readonly lat: number;
  readonly lng: number;
  readonly speedKmh: number;
}

let engine: RouteEngine | null = null;

/** The routing engine over the synthetic town (built once per test file, ~60 ms). */
export function townEngine(): RouteEngine {
  engine ??= new RouteEngine(buildRoadGraphFromExtract(generateSyntheticTown()).graph);
  return engine;
}

/** A point `east` and `north` metres from the town's centre. */
export function townPoint(east: number, north: number): LngLat {
  const [lng, lat] = SYNTHETIC_TOWN_CENTER;
  return [lng + east / (111_195 * Math.cos((lat * Math.PI) / 180)), lat + north / 111_195];
}

/** The engine's route through the points (throws when there is none: a broken fixture). */
export function townRoute(points: readonly LngLat[], options: { steps?: boolean } = {}): RouteResult {
  const route = townEngine().route(points, { steps: options.steps ?? false });
  if ("error" in route) throw new Error(`fixture route failed: ${route.reason}`);
  return route;
}

/** Builds a trace along a route line, step by step. */
export class TraceBuilder {
  readonly fixes: TraceFix[] = [];
  private readonly walker: RouteWalker;
  private readonly random: SeededRandom;
  private clock: number;

  constructor(
    line: readonly LngLat[],
    seed: number,
    private readonly intervalS = 5,
    private readonly noiseM = 5,
    startAt = TRACE_START_AT,
  ) {
    this.walker = createRouteWalker(line);
    this.random = createSeededRandom(seed);
    this.clock = startAt;
  }

  /** Length of the route line, metres. */
  get lengthM(): number {
    return this.walker.lengthM;
  }

  /** Time of the next fix, epoch ms. */
  get now(): number {
    return this.clock;
  }

  /** Drives from `fromM` to `toM` along the line at `kmh`, `sideM` metres to its right (a parallel street). */
  drive(fromM: number, toM: number, kmh: number, sideM = 0): this {
    const stepM = (kmh / 3.6) * this.intervalS;
    const steps = Math.max(1, Math.ceil(Math.abs(toM - fromM) / stepM));
    for (let i = 0; i < steps; i++) this.fix(this.beside(fromM + ((toM - fromM) * i) / steps, sideM), kmh);
    return this;
  }

  /** Stands at `alongM` (and `sideM` to the right) for `seconds`, with the builder's noise plus `extraNoiseM`. */
  stand(alongM: number, seconds: number, sideM = 0, extraNoiseM = 0): this {
    const at = this.beside(alongM, sideM);
    for (let t = 0; t < seconds; t += this.intervalS)
      this.fix(extraNoiseM > 0 ? addGpsNoise(at, extraNoiseM, this.random) : at, 0);
    return this;
  }

  /** No fixes for `seconds` (a tunnel, a dead spot). */
  silence(seconds: number): this {
    this.clock += seconds * 1000;
    return this;
  }

  private beside(alongM: number, sideM: number): LngLat {
    const { position, bearingDeg } = this.walker.positionAt(
      Math.min(this.walker.lengthM, Math.max(0, alongM)),
    );
    if (sideM === 0) return position;
    const right = ((bearingDeg + 90) * Math.PI) / 180;
    const [lng, lat] = position;
    return [
      lng + (Math.sin(right) * sideM) / (111_195 * Math.cos((lat * Math.PI) / 180)),
      lat + (Math.cos(right) * sideM) / 111_195,
    ];
  }

  private fix(at: LngLat, speedKmh: number): void {
    const [lng, lat] = addGpsNoise(at, this.noiseM, this.random);
    this.fixes.push({ fixAt: this.clock, lat, lng, speedKmh });
    this.clock += this.intervalS * 1000;
  }
}

/**
 * Delivers fixes the way a flaky link does: every `every`-th fix is swapped with the one before it
 * and every `duplicateEvery`-th is sent twice.
 */
export function reorderAndDuplicate<T>(fixes: readonly T[], every = 7, duplicateEvery = 5): T[] {
  const out: T[] = [];
  for (const [i, fix] of fixes.entries()) {
    if (i % every === every - 1 && out.length) out.splice(out.length - 1, 0, fix);
    else out.push(fix);
    if (i % duplicateEvery === 0) out.push(fix);
  }
  return out;
}
