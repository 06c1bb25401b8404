import type { RoadGraph } from "../road/road-graph";
import { distanceM } from "../road/route-geo";
import type { BoundedRouteSearch, SearchGoal } from "./bounded-route-search";
import type { CandidateList } from "./candidate-finder";
import { type MatchOptions, radiusOf } from "./match-options";
import { Arrival, type ViterbiLattice } from "./viterbi-lattice";

/** Log-probability of a fix `distanceM` from a candidate: Gaussian, constant dropped. */
export function emissionLogProb(distanceM: number, sigmaM: number): number {
  const z = distanceM / sigmaM;
  return -0.5 * z * z;
}

/**
 * One Viterbi step after Newson & Krumm (2009): every candidate of the new fix is scored by its
 * best predecessor, where a transition costs |straight line − route| / beta between the two road
 * positions. (Newson & Krumm take the straight line between the fixes; between the positions the
 * noise along the road cancels out, so a route that leaves and rejoins the road, a loop, costs
 * its whole detour even when the fixes are noisy.) Route distances come from one bounded search
 * per predecessor (within the beam) to all candidates at once, limited by a multiple of the
 * straight line between the fixes and by the time between them at a top speed. A candidate just
 * behind its predecessor (GPS jitter) holds the predecessor's position instead of driving around
 * the block; turning back onto the street just driven pays a U-turn penalty.
 */
export class TransitionScorer {
  /** Arrival kind of the last {@link routeBetween}. */
  private arrivalKind: Arrival = Arrival.Start;
  /** The step being scored: its route limit, beta and hold distance (metres). */
  private limitM = 0;
  private betaM = 1;
  private holdM = 0;
  /** Where the candidates lie: the searches head there. */
  private goal: SearchGoal = { lng: 0, lat: 0, radiusM: 0 };
  /** Straight line from the state being extended to each candidate, metres. */
  private readonly lineM: Float64Array;
  /** States of the previous step to extend, best first. */
  private readonly order: Int32Array;

  constructor(
    private readonly graph: RoadGraph,
    private readonly tails: Uint32Array,
    private readonly reverseEdge: Int32Array,
    private readonly search: BoundedRouteSearch,
    private readonly options: MatchOptions,
  ) {
    this.lineM = new Float64Array(options.maxCandidates);
    this.order = new Int32Array(options.maxCandidates);
  }

  /** Scores the states of a first step: emission only. */
  start(lattice: ViterbiLattice, to: number, candidates: CandidateList, sigmaM: number): void {
    this.copyCandidates(lattice, to, candidates);
    const base = to * lattice.statesPerStep;
    for (let c = 0; c < candidates.count; c++) {
      lattice.score[base + c] = emissionLogProb(candidates.distanceM[c]!, sigmaM);
      lattice.arrival[base + c] = Arrival.Start;
      lattice.back[base + c] = -1;
      lattice.routeM[base + c] = 0;
    }
  }

  /**
   * Fills step `to` with the candidates, extending the states of step `from`. Returns false when
   * no candidate is reachable from any state (the fix is implausible).
   */
  extend(
    lattice: ViterbiLattice,
    from: number,
    to: number,
    candidates: CandidateList,
    sigmaM: number,
  ): boolean {
    const { options, search, tails } = this;
    const K = lattice.statesPerStep;
    this.copyCandidates(lattice, to, candidates);
    this.limitM = this.routeLimitM(lattice, from, to, sigmaM);
    this.betaM = options.betaM + options.betaPerSigma * sigmaM;
    this.holdM = options.holdSigmas * sigmaM;
    this.goal = { lng: lattice.fixLng[to]!, lat: lattice.fixLat[to]!, radiusM: radiusOf(sigmaM, options) };
    search.clearTargets();
    for (let c = 0; c < candidates.count; c++) search.addTarget(tails[candidates.edge[c]!]!);
    const count = this.statesByScore(lattice, from);
    for (let k = 0; k < count; k++)
      this.extendFrom(lattice, from * K + this.order[k]!, this.order[k]!, to, candidates);
    return this.finishStep(lattice, from, to, candidates, sigmaM);
  }

  /**
   * Puts the states of step `from` within the beam into {@link order}, best first (the best
   * predecessors then bound the searches of the others), and returns how many there are.
   */
  private statesByScore(lattice: ViterbiLattice, from: number): number {
    const { order } = this;
    const base = from * lattice.statesPerStep;
    const floor = lattice.score[base + lattice.bestState(from)]! - this.options.beamLogProb;
    let count = 0;
    for (let p = 0; p < lattice.count[from]!; p++) {
      const score = lattice.score[base + p]!;
      if (!(score >= floor)) continue;
      let i = count++;
      for (; i > 0 && lattice.score[base + order[i - 1]!]! < score; i--) order[i] = order[i - 1]!;
      order[i] = p;
    }
    return count;
  }

  /**
   * Longest route worth searching between the fixes of two steps, metres: a multiple of the
   * straight line between them (plus both radii), and what the top speed covers in the time
   * between them (plus slack for the noise of both).
   */
  private routeLimitM(lattice: ViterbiLattice, from: number, to: number, sigmaM: number): number {
    const { options } = this;
    const straightM = distanceM(
      lattice.fixLng[from]!,
      lattice.fixLat[from]!,
      lattice.fixLng[to]!,
      lattice.fixLat[to]!,
    );
    const limitM = options.detourFactor * straightM + 2 * radiusOf(sigmaM, options);
    const dtS = (lattice.fixAt[to]! - lattice.fixAt[from]!) / 1000;
    if (!(dtS > 0)) return limitM;
    return Math.min(limitM, options.maxSpeedMps * dtS + options.routeSlackSigmas * sigmaM);
  }

  /**
   * Offers every candidate of step `to` the transition from the state at lattice index `at` (the
   * `p`-th of its step). One bounded search serves all candidates; it stops where a route would
   * cost more than the best transition each candidate has already (at most `detourBetas` betas
   * beyond the straight line to it), so predecessors after the best search little or not at all.
   */
  private extendFrom(
    lattice: ViterbiLattice,
    at: number,
    p: number,
    to: number,
    candidates: CandidateList,
  ): void {
    const { betaM, lineM, options } = this;
    const pe = lattice.edge[at]!;
    const po = lattice.offsetM[at]!;
    const prevScore = lattice.score[at]!;
    const base = to * lattice.statesPerStep;
    // A route can only help a candidate it would score better than its best predecessor so far.
    let usefulM = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < candidates.count; c++) {
      lineM[c] = distanceM(lattice.lng[at]!, lattice.lat[at]!, candidates.lng[c]!, candidates.lat[c]!);
      const marginLogProb = Math.min(options.detourBetas, prevScore - lattice.score[base + c]!);
      if (marginLogProb > 0) usefulM = Math.max(usefulM, lineM[c]! + betaM * marginLogProb);
    }
    if (usefulM === Number.NEGATIVE_INFINITY) return;
    const limitM = Math.min(this.limitM, usefulM);
    this.search.searchFrom(pe, po, limitM, options, this.goal);
    for (let c = 0; c < candidates.count; c++) {
      const routeM = this.routeBetween(pe, po, candidates.edge[c]!, candidates.offsetM[c]!, this.holdM);
      if (!(routeM <= limitM)) continue;
      const logProb = prevScore - Math.abs(lineM[c]! - routeM) / betaM;
      const cell = base + c;
      if (logProb <= lattice.score[cell]!) continue;
      lattice.score[cell] = logProb;
      lattice.back[cell] = p;
      lattice.routeM[cell] = routeM;
      lattice.arrival[cell] = this.arrivalKind;
    }
  }

  /** Adds emissions, moves held states onto their predecessor's position, normalises the scores. */
  private finishStep(
    lattice: ViterbiLattice,
    from: number,
    to: number,
    candidates: CandidateList,
    sigmaM: number,
  ): boolean {
    const K = lattice.statesPerStep;
    let best = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < candidates.count; c++) {
      const at = to * K + c;
      if (lattice.score[at] === Number.NEGATIVE_INFINITY) continue;
      lattice.score[at]! += emissionLogProb(candidates.distanceM[c]!, sigmaM);
      best = Math.max(best, lattice.score[at]!);
      if (lattice.arrival[at] !== Arrival.Hold) continue;
      const prev = from * K + lattice.back[at]!;
      lattice.edge[at] = lattice.edge[prev]!;
      lattice.offsetM[at] = lattice.offsetM[prev]!;
      lattice.lng[at] = lattice.lng[prev]!;
      lattice.lat[at] = lattice.lat[prev]!;
    }
    if (best === Number.NEGATIVE_INFINITY) return false;
    for (let c = 0; c < candidates.count; c++) lattice.score[to * K + c]! -= best;
    return true;
  }

  /** Route length from the searched state to a candidate, metres (Infinity: not within the search's limits). */
  private routeBetween(pe: number, po: number, ce: number, co: number, holdM: number): number {
    if (ce === pe && co >= po) {
      this.arrivalKind = Arrival.AlongEdge;
      return co - po;
    }
    if (this.behindM(ce, co, pe, po) <= holdM) {
      this.arrivalKind = Arrival.Hold;
      return 0;
    }
    const tail = this.tails[ce]!;
    const viaM = this.search.distanceTo(tail);
    if (viaM === Number.POSITIVE_INFINITY) return viaM;
    this.arrivalKind = Arrival.ViaNodes;
    const uTurn = this.search.arrivalEdge(tail) === this.reverseEdge[ce];
    return viaM + co + (uTurn ? this.options.uTurnPenaltyM : 0);
  }

  /** How far candidate (ce, co) is behind position (pe, po) in driving direction, within one edge between them; else Infinity. */
  private behindM(ce: number, co: number, pe: number, po: number): number {
    const { graph, tails } = this;
    if (ce === pe) return po - co;
    if (ce === this.reverseEdge[pe]) return Number.POSITIVE_INFINITY;
    const rest = graph.edgeDistanceM[ce]! - co + po;
    const head = graph.edgeTarget[ce]!;
    const tail = tails[pe]!;
    if (head === tail) return rest;
    for (let x = graph.firstEdge[head]!, end = graph.firstEdge[head + 1]!; x < end; x++) {
      if (graph.edgeTarget[x] === tail && x !== this.reverseEdge[ce]) return rest + graph.edgeDistanceM[x]!;
    }
    return Number.POSITIVE_INFINITY;
  }

  private copyCandidates(lattice: ViterbiLattice, to: number, candidates: CandidateList): void {
    const base = to * lattice.statesPerStep;
    lattice.count[to] = candidates.count;
    for (let c = 0; c < candidates.count; c++) {
      lattice.edge[base + c] = candidates.edge[c]!;
      lattice.offsetM[base + c] = candidates.offsetM[c]!;
      lattice.lng[base + c] = candidates.lng[c]!;
      lattice.lat[base + c] = candidates.lat[c]!;
      lattice.score[base + c] = Number.NEGATIVE_INFINITY;
    }
  }
}
