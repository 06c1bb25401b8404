import type { LngLat } from "@waybill/shared";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { UrgentOrderToPost } from "./scenario-api";
import { playScenario, type ScenarioPlayerOptions, type ScenarioWorld } from "./scenario-player";
import type { ScenarioAction } from "./scenario-timeline";

const T0 = Date.parse("2026-11-23T10:00:00Z");
const actions: ScenarioAction[] = [
  { kind: "breakdown", dueMs: 1_000, eventIndex: 0, vehicle: 2 },
  {
    kind: "roadEvent",
    dueMs: 2_000,
    eventIndex: 1,
    road: { wayIds: [7], label: "Pont" },
    reason: "bridge closed",
    factor: null,
    durationMs: 60_000,
  },
  { kind: "urgentOrders", dueMs: 3_000, eventIndex: 2, count: 2, withinMs: 600_000 },
];
const world: ScenarioWorld = {
  roadLines: (road) =>
    road.wayIds?.includes(7)
      ? [
          [
            [7.42, 43.73],
            [7.421, 43.731],
          ],
        ]
      : [],
  urgentOrders: (eventIndex) =>
    eventIndex === 2
      ? [
          { id: "u3-01", point: [7.41, 43.72], weightKg: 3, serviceS: 240 },
          { id: "u3-02", point: [7.43, 43.74], weightKg: 5, serviceS: 300 },
        ]
      : [],
};

function setUp(overrides: Partial<ScenarioPlayerOptions> = {}) {
  const calls: string[] = [];
  const lines: string[] = [];
  const orders: UrgentOrderToPost[] = [];
  const halted: string[] = [];
  const options: ScenarioPlayerOptions = {
    actions,
    runTag: "run1",
    deviceIdOf: (vehicle) => (vehicle <= 3 ? `sim-${vehicle}` : undefined),
    fleet: {
      halt: (deviceId): LngLat => {
        halted.push(deviceId);
        return [7.4, 43.7];
      },
    },
    api: {
      reportBreakdown: async (deviceId, position, driver) => {
        calls.push(`breakdown ${deviceId} ${position?.join(",")} ${driver?.email ?? "dispatch"}`);
        return "reported";
      },
      postClosure: async (line, reason, factor, endsAt) => {
        calls.push(`closure ${line.length} points, ${reason}, ${factor}, ${endsAt.toISOString()}`);
        return "rcl_1";
      },
      postOrder: async (order) => {
        orders.push(order);
        return "ord_1";
      },
    },
    world,
    drivers: [{ vehicle: 2, email: "bo@example.com", password: "x" }],
    log: (line) => lines.push(line),
    now: () => Date.now(),
    ...overrides,
  };
  return { options, calls, lines, orders, halted };
}

describe(playScenario.name, () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => vi.useRealTimers());

  it("stops the van, reports its breakdown by its driver, posts the closure and the urgent orders, each on time", async () => {
    const { options, calls, orders, halted } = setUp();
    const run = playScenario(options);
    await vi.advanceTimersByTimeAsync(999);
    expect(halted).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(halted).toEqual(["sim-2"]);
    await vi.advanceTimersByTimeAsync(2_000);
    await run.settled();
    expect(calls).toEqual([
      "breakdown sim-2 7.4,43.7 bo@example.com",
      "closure 2 points, bridge closed, null, 2026-11-23T10:01:02.000Z",
    ]);
    expect(
      orders.map((o) => [o.ref, o.weightKg, o.window.startAt.toISOString(), o.window.endAt.toISOString()]),
    ).toEqual([
      ["run1-u3-01", 3, "2026-11-23T10:00:03.000Z", "2026-11-23T10:10:03.000Z"],
      ["run1-u3-02", 5, "2026-11-23T10:00:03.000Z", "2026-11-23T10:10:03.000Z"],
    ]);
  });

  it("without --api still stops the van and says what it did not send; a failure is logged and the run goes on", async () => {
    const quiet = setUp({ api: null });
    playScenario(quiet.options);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(quiet.halted).toEqual(["sim-2"]);
    expect(quiet.lines).toContain("scenario: the breakdown is not reported (no --api)");
    expect(quiet.lines).toContain("scenario: closure of Pont: not sent (no --api)");

    const failing = setUp();
    const api = {
      ...failing.options.api!,
      postClosure: async () => Promise.reject(new Error("409 conflict")),
    };
    const run = playScenario({ ...failing.options, api });
    await vi.advanceTimersByTimeAsync(3_000);
    await run.settled();
    expect(failing.lines).toContain("scenario: closure of Pont failed: 409 conflict");
    expect(failing.orders).toHaveLength(2);
  });

  it("does nothing more once stopped", async () => {
    const { options, halted } = setUp();
    const run = playScenario(options);
    run.stop();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(halted).toEqual([]);
  });
});
