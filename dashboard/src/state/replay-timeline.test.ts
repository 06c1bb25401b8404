import { describe, expect, it } from "vitest";
import { dayFeatures, dayHistory, T0 } from "./replay-day.fixture";
import { buildReplayTimeline, currentEventIndex } from "./replay-timeline";

const MINUTE_MS = 60_000;

describe(buildReplayTimeline.name, () => {
  it("lists stays, trips, stops and alerts in time order with a label each", () => {
    const events = buildReplayTimeline(dayHistory());
    expect(events.map((event) => [event.kind, event.at - T0, event.label])).toEqual([
      ["stay", 0, "Stopped 10 min"],
      ["trip", 10 * MINUTE_MS, "Drove 1.2 km"],
      ["alert", 11 * MINUTE_MS, "Late for window: 10 min late"],
      ["stop", 12 * MINUTE_MS, "Stop delivered"],
    ]);
    expect(events[0]?.endAt).toBe(T0 + 10 * MINUTE_MS);
    expect(events[3]?.endAt).toBeNull();
  });

  it("puts a span before a moment at the same instant and names a failed stop's reason", () => {
    const [trip, stay, stop] = dayFeatures();
    const failed = {
      ...stop,
      properties: { ...stop.properties, status: "failed", outcome: "customer_absent", arrivedAt: null },
    };
    const atTripStart = {
      ...failed,
      properties: { ...failed.properties, completedAt: new Date(T0 + 10 * MINUTE_MS).toISOString() },
    };
    const events = buildReplayTimeline(dayHistory([atTripStart, trip, stay]));
    expect(events.map((event) => event.kind)).toEqual(["stay", "trip", "stop"]);
    expect(events[2]?.label).toBe("Stop failed (customer absent)");
  });

  it("leaves out a stop with neither arrival nor completion time", () => {
    const stop = dayFeatures()[2];
    const untimed = { ...stop, properties: { ...stop.properties, arrivedAt: null, completedAt: null } };
    expect(buildReplayTimeline(dayHistory([untimed]))).toEqual([]);
  });
});

describe(currentEventIndex.name, () => {
  it("finds the latest event that started at or before the instant", () => {
    const events = buildReplayTimeline(dayHistory());
    expect(currentEventIndex(events, T0 - 1)).toBe(-1);
    expect(currentEventIndex(events, T0 + 10 * MINUTE_MS)).toBe(1);
    expect(currentEventIndex(events, T0 + 99 * MINUTE_MS)).toBe(3);
  });
});
