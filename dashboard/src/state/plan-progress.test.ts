import type { PlanProgressDto } from "@waybill/shared";
import { describe, expect, it } from "vitest";
import { appendProgress, progressPath } from "./plan-progress";

const report = (elapsedMs: number, cost: number, planId = "pln_1"): PlanProgressDto => ({
  planId,
  elapsedMs,
  iterations: elapsedMs,
  cost,
  vehicles: 2,
  unassigned: 0,
});

describe(appendProgress.name, () => {
  it("keeps the best cost so far, in time order", () => {
    let series = appendProgress([], "pln_1", report(100, 50));
    series = appendProgress(series, "pln_1", report(200, 40));
    series = appendProgress(series, "pln_1", report(300, 45));
    expect(series.map((point) => point.cost)).toEqual([50, 40, 40]);
  });

  it("ignores reports of other plans and reports that arrive late", () => {
    const series = appendProgress([], "pln_1", report(200, 50));
    expect(appendProgress(series, "pln_2", report(300, 10))).toBe(series);
    expect(appendProgress(series, "pln_1", report(100, 10))).toBe(series);
  });
});

describe(progressPath.name, () => {
  const box = { width: 100, height: 40 };

  it("draws steps down from the highest cost at the top to the lowest at the bottom", () => {
    const path = progressPath(
      [
        { elapsedMs: 0, cost: 10 },
        { elapsedMs: 500, cost: 5 },
      ],
      1_000,
      box,
    );
    expect(path).toBe("M0,0H50V40H100");
  });

  it("draws a single point as a flat line in the middle and nothing for no points", () => {
    expect(progressPath([{ elapsedMs: 100, cost: 7 }], 1_000, box)).toBe("M0,20H100");
    expect(progressPath([], 1_000, box)).toBe("");
  });
});
