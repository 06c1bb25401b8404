import { describe, expect, it } from "vitest";
import { ViterbiLattice } from "./viterbi-lattice";

/** A window of steps with the given scores and back pointers (one array per step). */
function latticeOf(steps: readonly { score: number[]; back: number[] }[]): ViterbiLattice {
  const lattice = new ViterbiLattice(steps.length, 3);
  for (const { score, back } of steps) {
    const s = lattice.pushStep(0, 0, 0);
    lattice.count[s] = score.length;
    score.forEach((v, j) => {
      lattice.score[s * 3 + j] = v;
      lattice.back[s * 3 + j] = back[j]!;
    });
  }
  return lattice;
}

describe(ViterbiLattice.name, () => {
  it("decides a step by the best path through the window, not by that step's best score", () => {
    const lattice = latticeOf([
      { score: [0, -1], back: [-1, -1] },
      { score: [-5, -2], back: [1, 0] },
      { score: [-3, -9], back: [0, 1] },
    ]);
    // Best at the end: state 0 of step 2, back to state 0 of step 1, back to state 1 of step 0.
    expect(lattice.commit(0)).toBe(1);
    expect(lattice.commit(1)).toBe(0);
  });

  it("kills every later state that does not descend from the decided one", () => {
    const lattice = latticeOf([
      { score: [0, -1], back: [-1, -1] },
      { score: [-5, -2, -4], back: [1, 0, 1] },
      { score: [-3, -9, -1], back: [0, 1, 2] },
    ]);
    lattice.commit(0); // the best end state (step 2, state 2) descends from step 0 state 1
    expect(Array.from(lattice.score.subarray(0, 2))).toEqual([Number.NEGATIVE_INFINITY, -1]);
    expect(Array.from(lattice.score.subarray(3, 6))).toEqual([-5, Number.NEGATIVE_INFINITY, -4]);
    expect(Array.from(lattice.score.subarray(6, 9))).toEqual([-3, Number.NEGATIVE_INFINITY, -1]);
    expect(lattice.bestState(lattice.frontier)).toBe(2);
  });
});
