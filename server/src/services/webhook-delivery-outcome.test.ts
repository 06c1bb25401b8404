import { describe, expect, it } from "vitest";
import { resolveAttempt } from "./webhook-delivery-outcome";

const policy = { retryDelaysMs: [1_000, 5_000], random: () => 0.5 };
const now = new Date("2026-11-22T07:00:00Z");
const answer = (statusCode: number | null, error: string | null = null) => ({
  statusCode,
  error,
  durationMs: 5,
});

describe(resolveAttempt.name, () => {
  it.each([200, 201, 204, 299])("counts %i as delivered", (status) => {
    expect(resolveAttempt(answer(status), 1, policy, now)).toEqual({ outcome: "succeeded" });
  });

  it("gives up at once on 410 Gone, disabling the subscription", () => {
    expect(resolveAttempt(answer(410), 1, policy, now)).toEqual({
      outcome: "failed",
      disableReason: "the receiver answered 410 Gone",
    });
  });

  it.each([
    [answer(500)],
    [answer(404)],
    [answer(301)],
    [answer(429)],
    [answer(null, "no answer within 10000 ms")],
  ])("retries on the schedule after %j", (failed) => {
    expect(resolveAttempt(failed, 2, policy, now)).toEqual({
      outcome: "retrying",
      nextAttemptAt: new Date(now.getTime() + 5_000),
    });
  });

  it("gives up when the schedule is exhausted, saying what the last attempt got", () => {
    expect(resolveAttempt(answer(null, "connect ECONNREFUSED 127.0.0.1:9"), 3, policy, now)).toEqual({
      outcome: "failed",
      disableReason: "no delivery succeeded in 3 attempts; the last one got connect ECONNREFUSED 127.0.0.1:9",
    });
    expect(resolveAttempt(answer(503), 3, policy, now)).toMatchObject({
      disableReason: "no delivery succeeded in 3 attempts; the last one got HTTP 503",
    });
  });
});
