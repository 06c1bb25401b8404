/**
 * How a Viterbi state was reached from its predecessor: `Start` (first state of a chain), `Hold`
 * (the candidate lay just behind the predecessor, so the state keeps the predecessor's position),
 * `AlongEdge` (drove on along the same edge), `ViaNodes` (a route search found the way).
 */
export const Arrival = { Start: 0, Hold: 1, AlongEdge: 2, ViaNodes: 3 } as const;
/** One of {@link Arrival}. */
export type Arrival = (typeof Arrival)[keyof typeof Arrival];

/**
 * The sliding window of a fixed-lag Viterbi decoder for one vehicle: a ring of steps, each where
 * the vehicle was seen (a fix, or the median of fixes pooled together: `fixLng`, `fixLat`,
 * `fixAt`) with up to `statesPerStep` states in typed arrays. A state is a position (`edge`,
 * `offsetM`, `lng`, `lat`), its best log-probability, its predecessor in the previous step and how
 * it arrived. Dead states score -Infinity.
 *
 * Committing the oldest step keeps only the state on the best path and kills every later state
 * that does not descend from it, so later decisions can never contradict one already emitted.
 */
export class ViterbiLattice {
  readonly edge: Int32Array;
  readonly offsetM: Float64Array;
  /** Where the state is, degrees. */
  readonly lng: Float64Array;
  readonly lat: Float64Array;
  readonly score: Float64Array;
  readonly back: Int32Array;
  readonly arrival: Uint8Array;
  /** Route length of the state's arrival, metres (U-turn penalty included). */
  readonly routeM: Float64Array;
  readonly count: Int32Array;
  readonly fixLng: Float64Array;
  readonly fixLat: Float64Array;
  readonly fixAt: Float64Array;
  private first = 0;
  /** Steps in the window. */
  length = 0;

  constructor(
    readonly stepCapacity: number,
    readonly statesPerStep: number,
  ) {
    const size = stepCapacity * statesPerStep;
    this.edge = new Int32Array(size);
    this.offsetM = new Float64Array(size);
    this.lng = new Float64Array(size);
    this.lat = new Float64Array(size);
    this.score = new Float64Array(size);
    this.back = new Int32Array(size);
    this.arrival = new Uint8Array(size);
    this.routeM = new Float64Array(size);
    this.count = new Int32Array(stepCapacity);
    this.fixLng = new Float64Array(stepCapacity);
    this.fixLat = new Float64Array(stepCapacity);
    this.fixAt = new Float64Array(stepCapacity);
  }

  /** Ring slot of the `i`-th step of the window (0 = oldest). */
  slot(i: number): number {
    return (this.first + i) % this.stepCapacity;
  }

  /** Ring slot of the newest step. */
  get frontier(): number {
    return this.slot(this.length - 1);
  }

  /** Appends an empty step for a fix and returns its slot; throws when the window is full. */
  pushStep(lng: number, lat: number, fixAt: number): number {
    if (this.length === this.stepCapacity)
      throw new Error(`Viterbi window full (${this.stepCapacity} steps)`);
    const s = this.slot(this.length++);
    this.count[s] = 0;
    this.fixLng[s] = lng;
    this.fixLat[s] = lat;
    this.fixAt[s] = fixAt;
    return s;
  }

  /** Drops the newest step (its fix matched nothing). */
  popStep(): void {
    this.length--;
  }

  /** Empties the window. */
  clear(): void {
    this.first = 0;
    this.length = 0;
  }

  /** Drops the oldest step. */
  shift(): void {
    this.first = this.slot(1);
    this.length--;
  }

  /** Index (within its step) of the best state of a step, or -1 when all are dead. */
  bestState(s: number): number {
    const base = s * this.statesPerStep;
    let best = -1;
    for (let j = 0; j < this.count[s]!; j++) {
      if (
        this.score[base + j]! > Number.NEGATIVE_INFINITY &&
        (best < 0 || this.score[base + j]! > this.score[base + best]!)
      )
        best = j;
    }
    return best;
  }

  /**
   * Decides the `i`-th step: the state of the best path through the window at that step. Every
   * other state of it, and every later state not descending from the decided one, dies.
   */
  commit(i: number): number {
    const K = this.statesPerStep;
    let j = this.bestState(this.frontier);
    for (let k = this.length - 1; k > i; k--) j = this.back[this.slot(k) * K + j]!;
    const s = this.slot(i);
    for (let x = 0; x < this.count[s]!; x++) if (x !== j) this.score[s * K + x] = Number.NEGATIVE_INFINITY;
    for (let k = i + 1; k < this.length; k++) {
      const prev = this.slot(k - 1);
      const cur = this.slot(k);
      for (let x = 0; x < this.count[cur]!; x++) {
        const at = cur * K + x;
        if (this.score[prev * K + this.back[at]!] === Number.NEGATIVE_INFINITY)
          this.score[at] = Number.NEGATIVE_INFINITY;
      }
    }
    return j;
  }
}
