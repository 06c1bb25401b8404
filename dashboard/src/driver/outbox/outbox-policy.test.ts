import { describe, expect, it } from "vitest";
import type { OutboxAction } from "./outbox-action";
import { isAlreadyApplied, judgeFailure, retryDelayMs } from "./outbox-policy";

describe(judgeFailure.name, () => {
  it("retries when no answer came or the server is in trouble", () => {
    expect([0, 500, 502, 503, 408, 429].map(judgeFailure)).toEqual(Array(6).fill("retry"));
  });

  it("holds the queue on an expired session instead of losing the actions", () => {
    expect(judgeFailure(401)).toBe("hold");
  });

  it("drops what the server refused for good", () => {
    expect([400, 403, 404, 409, 413, 422].map(judgeFailure)).toEqual(Array(6).fill("drop"));
  });
});

describe(retryDelayMs.name, () => {
  it("doubles from 2 s up to a 60 s cap", () => {
    const top = () => 1;
    expect([1, 2, 3, 4, 5, 6, 7].map((attempt) => retryDelayMs(attempt, top))).toEqual([
      2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000,
    ]);
  });

  it("jitters between half and all of the delay", () => {
    expect(retryDelayMs(3, () => 0)).toBe(4_000);
    expect(retryDelayMs(3, () => 0.5)).toBe(6_000);
  });
});

describe(isAlreadyApplied.name, () => {
  const arrived: OutboxAction = { kind: "stop-status", stopId: "s1", body: { status: "arrived" } };

  it("takes a conflict on the very state asked for as done", () => {
    expect(isAlreadyApplied(arrived, 409, "arrived")).toBe(true);
    expect(isAlreadyApplied({ kind: "shift-end" }, 409, "off_shift")).toBe(true);
  });

  it("keeps real refusals", () => {
    expect(isAlreadyApplied(arrived, 409, "completed")).toBe(false);
    expect(isAlreadyApplied(arrived, 409, undefined)).toBe(false);
    expect(isAlreadyApplied(arrived, 422, "arrived")).toBe(false);
    expect(isAlreadyApplied({ kind: "shift-start", vehicleId: "v1" }, 409, "off_shift")).toBe(false);
  });
});
