import type { GpsFix } from "./match-types";

/**
 * Tuning of the map matcher. Every field has a default ({@link DEFAULT_MATCH_OPTIONS}), measured
 * with `pnpm bench matching`.
 */
export interface MatchOptions {
  /** GPS error sigma, metres, for fixes without an accuracy. */
  readonly sigmaM: number;
  /** Bounds of the sigma read from a fix's accuracy, metres. */
  readonly minSigmaM: number;
  readonly maxSigmaM: number;
  /** Candidates are searched within this many sigmas of the fix... */
  readonly radiusSigmas: number;
  /** ...and never closer than this, metres. */
  readonly minRadiusM: number;
  /** At most this many candidates per fix, nearest first. */
  readonly maxCandidates: number;
  /** Transition scale beta, metres: a route `x` m longer or shorter than the straight line costs `x / beta`... */
  readonly betaM: number;
  /** ...plus this many metres per metre of the fix's sigma (noisier fixes, noisier road positions). */
  readonly betaPerSigma: number;
  /** Routes longer than this multiple of the straight line (plus twice the radius) are not searched... */
  readonly detourFactor: number;
  /** ...nor routes faster than this on average between the fixes, m/s... */
  readonly maxSpeedMps: number;
  /** ...plus this many sigmas of slack for the noise of both positions... */
  readonly routeSlackSigmas: number;
  /** ...nor routes more than this many betas longer than the straight line to the farthest candidate. */
  readonly detourBetas: number;
  /** Turning back onto the street just driven costs this many metres of route. */
  readonly uTurnPenaltyM: number;
  /** A fix within this many sigmas of the last step is the vehicle standing still: it opens no step. */
  readonly stationarySigmas: number;
  /** Fixes less than this after the last step are pooled into the next one (its position is their median), ms... */
  readonly minStepMs: number;
  /** ...unless they are this far from the last step, metres. */
  readonly maxPoolM: number;
  /** A candidate up to this many sigmas behind the previous position means "not moved" (no U-turn). */
  readonly holdSigmas: number;
  /** Fixes are final once this many later steps have opened... */
  readonly lagSteps: number;
  /** ...or once they are this old relative to the newest fix, ms. */
  readonly lagMs: number;
  /** A longer silence starts a new chain (joined by routing when plausible), ms. */
  readonly maxGapMs: number;
  /** After this many fixes in a row that no road reaches, the chain restarts at the newest. */
  readonly maxSkippedFixes: number;
  /** Viterbi states scoring this much (log-probability) below the best are not extended. */
  readonly beamLogProb: number;
  /** Most nodes one route search settles (guards the time per fix on dense networks). */
  readonly maxSettledNodes: number;
}

/** The defaults of {@link MatchOptions}. */
export const DEFAULT_MATCH_OPTIONS: MatchOptions = {
  sigmaM: 10,
  minSigmaM: 3,
  maxSigmaM: 50,
  radiusSigmas: 4,
  minRadiusM: 25,
  maxCandidates: 16,
  betaM: 2,
  betaPerSigma: 0.5,
  detourFactor: 3,
  maxSpeedMps: 50,
  routeSlackSigmas: 2,
  detourBetas: 60,
  uTurnPenaltyM: 100,
  stationarySigmas: 3,
  minStepMs: 5_000,
  maxPoolM: 100,
  holdSigmas: 2,
  lagSteps: 6,
  lagMs: 30_000,
  maxGapMs: 180_000,
  maxSkippedFixes: 2,
  beamLogProb: 10,
  maxSettledNodes: 20_000,
};

/** Sigma of a fix, metres: its 95 % accuracy radius / 2.45 (2-D Gaussian), clamped; else the default. */
export function sigmaOf(fix: GpsFix, options: MatchOptions): number {
  if (fix.accuracyM === undefined || !(fix.accuracyM > 0)) return options.sigmaM;
  return Math.min(options.maxSigmaM, Math.max(options.minSigmaM, fix.accuracyM / 2.45));
}

/** Candidate search radius for a sigma, metres. */
export function radiusOf(sigmaM: number, options: MatchOptions): number {
  return Math.max(options.minRadiusM, options.radiusSigmas * sigmaM);
}
