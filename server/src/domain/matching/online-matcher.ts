import { distanceM } from "../road/route-geo";
import { CandidateList } from "./candidate-finder";
import { type StepPosition, stepPath } from "./driven-path";
import {
  extendTrail,
  newStepFixes,
  type PendingFix,
  placeOnTrail,
  type StepFixes,
  type Trail,
} from "./fix-placement";
import { FixWindow } from "./fix-window";
import { type MatchOptions, radiusOf, sigmaOf } from "./match-options";
import type { GpsFix, MatchedFix } from "./match-types";
import type { MatchingNetwork } from "./matching-network";
import { TransitionScorer } from "./transition-scorer";
import { type Arrival, ViterbiLattice } from "./viterbi-lattice";

/** Most fixes pooled into one step (the newest are kept): about 5 s of 1 Hz fixes and a few more. */
const POOL_CAPACITY = 8;

/**
 * Online map matching of one vehicle (a hidden Markov model after Newson & Krumm 2009, decoded
 * by a fixed-lag Viterbi). Feed fixes oldest first with {@link push}; it returns the fixes that
 * became final, in push order, each with its road position and the path driven since the
 * previous one. A fix is final once `lagSteps` later steps have opened or it is `lagMs` older than
 * the newest; {@link finish} decides the rest.
 *
 * - Fixes are pooled: a step opens `minStepMs` after the last one (or `maxPoolM` away) at the
 *   median of the fixes since, and every fix is then placed on the decided path, in order; one
 *   farther from it than its candidate radius is an outlier (point null).
 * - A fix within `stationarySigmas` of the last step opens none: standing, the vehicle keeps its
 *   place (no drift, no phantom U-turn); fixes no step followed within `lagMs` are placed at it.
 * - A fix no candidate of which is reachable is skipped (point null) and the path goes on; after
 *   `maxSkippedFixes` in a row the chain restarts at the newest.
 * - After a silence longer than `maxGapMs` a new chain starts; its first position is joined to
 *   the last one by the shortest route if one is plausible for the time and distance, else the
 *   path breaks (`path` null).
 *
 * @example
 * const matcher = network.createMatcher();
 * for (const fix of fixes) for (const m of matcher.push(fix)) console.log(m.point?.lngLat, m.path);
 * matcher.finish();
 */
export class OnlineMatcher {
  private readonly lattice: ViterbiLattice;
  private readonly candidates: CandidateList;
  private readonly scorer: TransitionScorer;
  /** The fixes waiting for each step of the lattice, by ring slot. */
  private readonly stepFixes: StepFixes[];
  private readonly window = new FixWindow(POOL_CAPACITY);
  private pending: PendingFix[] = [];
  /** The fixes pooled for the next step to open. */
  private upcoming = newStepFixes();
  /** The lattice's oldest step is decided and kept only as the base of the next one. */
  private decidedHead = false;
  private skippedInRow = 0;
  private lastFixAt = Number.NaN;
  private last: StepPosition | null = null;
  /** The path from the last fix placed to the last decided step; null before the first step. */
  private trail: Trail | null = null;

  constructor(
    private readonly network: MatchingNetwork,
    readonly options: MatchOptions,
  ) {
    this.lattice = new ViterbiLattice(options.lagSteps + 2, options.maxCandidates);
    this.candidates = new CandidateList(options.maxCandidates);
    this.scorer = new TransitionScorer(
      network.graph,
      network.tails,
      network.reverseEdge,
      network.search,
      options,
    );
    this.stepFixes = Array.from({ length: this.lattice.stepCapacity }, newStepFixes);
  }

  /** Takes the next fix (oldest first) and returns the fixes that became final, in push order. */
  push(fix: GpsFix): MatchedFix[] {
    const fixAt = fix.fixAt ?? Number.NaN;
    if (fixAt - this.lastFixAt > this.options.maxGapMs) this.endChain();
    if (!Number.isNaN(fixAt)) this.lastFixAt = fixAt;
    const sigmaM = sigmaOf(fix, this.options);
    if (this.lattice.length === 0) this.startChain(fix, sigmaM);
    else this.extendChain(fix, sigmaM);
    this.decideOld(fixAt);
    this.settleStanding(fixAt);
    return this.drain();
  }

  /** Decides every waiting fix (end of the track or of the vehicle's trip) and forgets the track. */
  finish(): MatchedFix[] {
    this.endChain();
    const out = this.drain();
    this.last = null;
    this.trail = null;
    this.lastFixAt = Number.NaN;
    return out;
  }

  private startChain(fix: GpsFix, sigmaM: number): void {
    const pending = this.wait(fix);
    if (!this.findCandidates(fix.lng, fix.lat, sigmaM, true)) {
      pending.result = { point: null, path: null };
      return;
    }
    const s = this.lattice.pushStep(fix.lng, fix.lat, fix.fixAt ?? Number.NaN);
    this.scorer.start(this.lattice, s, this.candidates, sigmaM);
    this.window.clear();
    this.stepFixes[s] = { lead: pending, pooled: [] };
  }

  private extendChain(fix: GpsFix, sigmaM: number): void {
    const { lattice, options, window } = this;
    const from = lattice.frontier;
    window.add(fix.lng, fix.lat, fix.fixAt ?? Number.NaN);
    this.upcoming.pooled.push(this.wait(fix));
    if (!this.opensStep(fix, from, sigmaM)) return;
    // The step stands where the fixes pooled since the last one are, by median: robust to outliers.
    const to = lattice.pushStep(window.medianLng(), window.medianLat(), window.medianAt());
    window.clear();
    if (
      this.findCandidates(lattice.fixLng[to]!, lattice.fixLat[to]!, sigmaM) &&
      this.scorer.extend(lattice, from, to, this.candidates, sigmaM)
    ) {
      this.skippedInRow = 0;
      this.openStep(to);
      return;
    }
    lattice.popStep();
    if (this.candidates.count > 0 && ++this.skippedInRow >= options.maxSkippedFixes) {
      // The chain restarts at this fix: it leaves the pool and the queue, and comes back first.
      this.upcoming.pooled.pop();
      this.pending.pop();
      this.endChain();
      this.startChain(fix, sigmaM);
    }
  }

  /**
   * Whether a fix opens the next step: it moved `stationarySigmas` from the last step, and it is
   * `minStepMs` after it or `maxPoolM` away from it. Other fixes are pooled into the next step.
   */
  private opensStep(fix: GpsFix, from: number, sigmaM: number): boolean {
    const { lattice, options } = this;
    const movedM = distanceM(lattice.fixLng[from]!, lattice.fixLat[from]!, fix.lng, fix.lat);
    if (movedM < options.stationarySigmas * sigmaM) return false;
    const sinceMs = (fix.fixAt ?? Number.NaN) - lattice.fixAt[from]!;
    return movedM >= options.maxPoolM || !(sinceMs < options.minStepMs);
  }

  /** Gives the pooled fixes up to the new step's time to it; the later ones wait for the next. */
  private openStep(slot: number): void {
    const stepAt = this.lattice.fixAt[slot]!;
    const fixes = this.upcoming;
    const later = fixes.pooled.findIndex((p) => (p.fix.fixAt ?? Number.NaN) > stepAt);
    this.upcoming = { lead: null, pooled: later < 0 ? [] : fixes.pooled.splice(later) };
    this.stepFixes[slot] = fixes;
  }

  private wait(fix: GpsFix): PendingFix {
    const pending: PendingFix = { fix, result: null };
    this.pending.push(pending);
    return pending;
  }

  /**
   * At the end of a chain, the newest fix, if it waits for a step, opens a last one where it is:
   * the path then reaches where the vehicle was last seen (a standing vehicle holds its place).
   */
  private closePool(): void {
    const { lattice, upcoming } = this;
    this.window.clear();
    const newest = upcoming.pooled[upcoming.pooled.length - 1];
    if (lattice.length === 0 || !newest) return;
    const { fix } = newest;
    const sigmaM = sigmaOf(fix, this.options);
    const from = lattice.frontier;
    const to = lattice.pushStep(fix.lng, fix.lat, fix.fixAt ?? Number.NaN);
    if (
      this.findCandidates(fix.lng, fix.lat, sigmaM) &&
      this.scorer.extend(lattice, from, to, this.candidates, sigmaM)
    ) {
      this.stepFixes[to] = upcoming;
      this.upcoming = newStepFixes();
    } else lattice.popStep();
  }

  /**
   * Fixes pooled for `lagMs` without a step opening after them are the vehicle standing: they are
   * placed at the last step (decided by then, being older still), so a parked vehicle's fixes are
   * not held back.
   */
  private settleStanding(nowAt: number): void {
    const oldest = this.upcoming.pooled[0];
    if (oldest && nowAt - (oldest.fix.fixAt ?? Number.NaN) >= this.options.lagMs) this.settlePooled();
  }

  /** Places the fixes pooled for a step that has not opened at the last decided one. */
  private settlePooled(): void {
    const { pooled } = this.upcoming;
    if (pooled.length === 0) return;
    this.placeFixes(pooled, this.last?.offsetM ?? 0);
    this.upcoming = newStepFixes();
  }

  /** Places fixes on the trail up to `toOffsetM` along its last edge; without a trail they match nothing. */
  private placeFixes(fixes: readonly PendingFix[], toOffsetM: number): void {
    if (this.trail) this.trail = placeOnTrail(this.network, this.trail, toOffsetM, fixes, this.options);
    else for (const pending of fixes) pending.result = { point: null, path: null };
  }

  /** Candidates around a position into the scratch list (`fromStart`: a chain's first); false when there are none. */
  private findCandidates(lng: number, lat: number, sigmaM: number, fromStart = false): boolean {
    this.network.finder.find(lng, lat, radiusOf(sigmaM, this.options), this.candidates, fromStart);
    return this.candidates.count > 0;
  }

  /** Decides the steps that are `lagSteps` behind the newest or `lagMs` older than `nowAt`. */
  private decideOld(nowAt: number): void {
    const { lattice, options } = this;
    for (let i = this.decidedHead ? 1 : 0; i < lattice.length; ) {
      const later = lattice.length - 1 - i;
      if (later < options.lagSteps && !(nowAt - lattice.fixAt[lattice.slot(i)]! >= options.lagMs)) return;
      this.decide(i);
      i = 1;
    }
  }

  /** Decides every undecided step and closes the chain. */
  private endChain(): void {
    this.closePool();
    for (let i = this.decidedHead ? 1 : 0; i < this.lattice.length; i = 1) this.decide(i);
    this.settlePooled();
    this.lattice.clear();
    this.decidedHead = false;
    this.skippedInRow = 0;
  }

  /** Decides step `i` (the oldest undecided), places its fixes and drops the older decided step. */
  private decide(i: number): void {
    const { lattice } = this;
    const j = lattice.commit(i);
    const s = lattice.slot(i);
    const at = s * lattice.statesPerStep + j;
    const position: StepPosition = {
      edge: lattice.edge[at]!,
      offsetM: lattice.offsetM[at]!,
      fixLng: lattice.fixLng[s]!,
      fixLat: lattice.fixLat[s]!,
      fixAt: lattice.fixAt[s]!,
    };
    const arrival = lattice.arrival[at]! as Arrival;
    const path = this.last
      ? stepPath(this.network, this.last, position, arrival, lattice.routeM[at]!, this.options)
      : null;
    this.placeStepFixes(this.stepFixes[s]!, position, path);
    this.last = position;
    if (this.decidedHead) lattice.shift();
    this.decidedHead = true;
  }

  /** Places the fixes of a decided step reached by `path` (null: none) and moves the trail on to it. */
  private placeStepFixes({ lead, pooled }: StepFixes, position: StepPosition, path: number[] | null): void {
    if (lead) {
      // A chain's first fix: at the step, joined to the last fix placed if a route was found.
      lead.result = {
        point: this.network.matchedPoint(position.edge, position.offsetM, position.fixLng, position.fixLat),
        path: this.trail && path ? extendTrail(this.trail, path).edges : null,
      };
      this.trail = { edges: [position.edge], fromOffsetM: position.offsetM };
    } else this.trail = this.trail && path ? extendTrail(this.trail, path) : null;
    this.placeFixes(pooled, position.offsetM);
    this.trail ??= { edges: [position.edge], fromOffsetM: position.offsetM };
  }

  /** The leading run of pending fixes whose results are known. */
  private drain(): MatchedFix[] {
    let n = 0;
    while (n < this.pending.length && this.pending[n]!.result !== null) n++;
    return this.pending.splice(0, n).map(({ fix, result }) => ({ fix, ...result! }));
  }
}
