import { describe, expect, it } from "vitest";
import { createSeededRandom, deriveSeed } from "./seeded-random";

describe(createSeededRandom.name, () => {
  it("repeats the same sequence for the same seed and another for another seed", () => {
    const sequence = (seed: number) => {
      const random = createSeededRandom(seed);
      return Array.from({ length: 8 }, () => random.next());
    };
    expect(sequence(42)).toEqual(sequence(42));
    expect(sequence(42)).not.toEqual(sequence(43));
  });

  it("matches the canonical JavaScript mulberry32 (bryc) for seed 0", () => {
    // First two outputs of that implementation for seed 0, times 2^32.
    const random = createSeededRandom(0);
    expect([random.next(), random.next()].map((v) => v * 4_294_967_296)).toEqual([1144304738, 1416247]);
  });

  it("draws uniform values within range and integers covering both ends", () => {
    const random = createSeededRandom(9);
    const draws = Array.from({ length: 10_000 }, () => random.between(5, 30));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(5);
    expect(Math.max(...draws)).toBeLessThan(30);
    const dice = new Set(Array.from({ length: 1_000 }, () => random.integer(1, 6)));
    expect([...dice].sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("draws standard normal values: mean 0, sigma 1", () => {
    const random = createSeededRandom(5);
    const draws = Array.from({ length: 50_000 }, () => random.gaussian());
    const mean = draws.reduce((sum, v) => sum + v, 0) / draws.length;
    const variance = draws.reduce((sum, v) => sum + (v - mean) ** 2, 0) / draws.length;
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(variance - 1)).toBeLessThan(0.03);
  });
});

describe(deriveSeed.name, () => {
  it("gives distinct, stable seeds per index", () => {
    const seeds = Array.from({ length: 1_000 }, (_, i) => deriveSeed(42, i));
    expect(new Set(seeds).size).toBe(1_000);
    expect(deriveSeed(42, 3)).toBe(seeds[3]);
    expect(deriveSeed(43, 3)).not.toBe(seeds[3]);
  });
});
