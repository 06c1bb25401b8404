/**
 * A deterministic pseudo-random source: the same seed always gives the same sequence, so a
 * simulation can be replayed. Not for anything secret.
 */
export interface SeededRandom {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  between(min: number, max: number): number;
  /** Uniform integer in [min, max], both inclusive. */
  integer(min: number, max: number): number;
  /** Standard normal (mean 0, sigma 1). */
  gaussian(): number;
}

/**
 * mulberry32: a 32-bit state generator, fast and good enough for simulation noise.
 *
 * @param seed any integer; only its low 32 bits matter.
 * @example
 * const random = createSeededRandom(42);
 * random.between(5, 30); // same value on every run
 */
export function createSeededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    between: (min, max) => min + (max - min) * next(),
    integer: (min, max) => min + Math.floor((max - min + 1) * next()),
    // Box-Muller; 1 - next() lies in (0, 1], so the logarithm is finite.
    gaussian: () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
  };
}

/**
 * A seed for the `index`-th independent stream derived from one seed, so that each vehicle's
 * draws do not depend on how many draws the others made.
 *
 * @example
 * createSeededRandom(deriveSeed(42, 3));
 */
export function deriveSeed(seed: number, index: number): number {
  // One round of a 32-bit integer hash over seed and index (constants from MurmurHash3's finaliser).
  let h = Math.imul((seed >>> 0) ^ Math.imul(index + 1, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
