/**
 * A seeded pseudo-random generator (mulberry32): the solver's only source of randomness, so that
 * one seed always gives one plan.
 *
 * @example
 * const random = createSeededRandom(42);
 * random(); // a float in [0, 1), the same sequence for every run with seed 42
 */
export function createSeededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [0, n). */
export const randomIndex = (random: () => number, n: number): number => Math.floor(random() * n);
