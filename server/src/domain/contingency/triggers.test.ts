import { describe, expect, it } from "vitest";
import { type TriggerDraft, TriggerThrottle, triggerOf } from "./triggers";

const NOW = Date.parse("2026-11-23T10:00:00Z");
const RULES = { urgentPriority: 50, urgentHorizonMs: 12 * 3_600_000 };
const event = (type: string, data: Record<string, unknown>) => ({
  type,
  occurredAt: "2026-11-23T10:00:00Z",
  data,
});
const order = (extra: Record<string, unknown> = {}) => ({
  id: "ord_1",
  externalRef: "SO-1",
  priority: 0,
  ...extra,
});

describe("triggerOf", () => {
  it("takes a driver's breakdown report with its vehicle, and no other incident", () => {
    const breakdown = event("vehicle.incident_reported", {
      incident: { kind: "breakdown", vehicleId: "veh_1", note: "clutch" },
    });
    expect(triggerOf(breakdown, NOW, RULES)).toEqual({
      kind: "breakdown",
      vehicleId: "veh_1",
      detail: "breakdown reported by the driver: clutch",
    });
    const accident = event("vehicle.incident_reported", {
      incident: { kind: "accident", vehicleId: "veh_1" },
    });
    expect(triggerOf(accident, NOW, RULES)).toBeNull();
    const noVan = event("vehicle.incident_reported", { incident: { kind: "breakdown", vehicleId: null } });
    expect(triggerOf(noVan, NOW, RULES)).toBeNull();
  });

  it("takes a delayed shipment on its van", () => {
    const delayed = event("shipment.delayed", {
      order: order(),
      stop: { vehicleId: "veh_2" },
      minutesLate: 12,
    });
    expect(triggerOf(delayed, NOW, RULES)).toEqual({
      kind: "delay",
      vehicleId: "veh_2",
      detail: "SO-1 expected 12 min after its window",
    });
  });

  it("takes only urgent orders due within the horizon", () => {
    const window = (hours: number) => [
      { start: "2026-11-23T08:00:00Z", end: new Date(NOW + hours * 3_600_000).toISOString() },
    ];
    const urgentToday = event("order.created", { order: order({ priority: 80, timeWindows: window(3) }) });
    expect(triggerOf(urgentToday, NOW, RULES)?.kind).toBe("new_orders");
    const urgentNoWindow = event("order.created", { order: order({ priority: 50 }) });
    expect(triggerOf(urgentNoWindow, NOW, RULES)?.kind).toBe("new_orders");
    const urgentNextWeek = event("order.created", {
      order: order({ priority: 80, timeWindows: window(24 * 7) }),
    });
    expect(triggerOf(urgentNextWeek, NOW, RULES)).toBeNull();
    const routine = event("order.created", { order: order({ priority: 10, timeWindows: window(1) }) });
    expect(triggerOf(routine, NOW, RULES)).toBeNull();
  });

  it("takes a cancellation only of an order on a route", () => {
    const routed = event("order.status_changed", {
      to: "cancelled",
      order: order({ stops: [{ vehicleId: "veh_3", status: "assigned" }] }),
    });
    expect(triggerOf(routed, NOW, RULES)).toEqual({
      kind: "order_cancelled",
      vehicleId: "veh_3",
      detail: "SO-1 cancelled",
    });
    const unrouted = event("order.status_changed", {
      to: "cancelled",
      order: order({ stops: [{ vehicleId: null }] }),
    });
    expect(triggerOf(unrouted, NOW, RULES)).toBeNull();
    const ready = event("order.status_changed", {
      to: "ready",
      order: order({ stops: [{ vehicleId: "veh_3" }] }),
    });
    expect(triggerOf(ready, NOW, RULES)).toBeNull();
  });

  it("ignores every other event", () => {
    expect(triggerOf(event("shipment.eta_updated", { order: order() }), NOW, RULES)).toBeNull();
  });
});

describe("TriggerThrottle", () => {
  const delay: TriggerDraft = { kind: "delay", vehicleId: "veh_1", detail: "late" };
  const urgent: TriggerDraft = { kind: "new_orders", vehicleId: null, detail: "urgent order SO-9" };
  const breakdown: TriggerDraft = { kind: "breakdown", vehicleId: "veh_2", detail: "broken" };

  it("lets the first trigger go, merges the next ones until the cool-down ends", () => {
    const throttle = new TriggerThrottle(300_000);
    expect(throttle.offer("org", delay, 0)).toEqual([delay]);
    expect(throttle.offer("org", urgent, 1_000)).toEqual([]);
    expect(throttle.offer("org", delay, 2_000)).toEqual([]);
    expect(throttle.due(299_999)).toEqual([]);
    expect(throttle.due(300_000)).toEqual([
      ["org", { kind: "new_orders", vehicleId: null, detail: "2 triggers: urgent order SO-9; late" }],
    ]);
    expect(throttle.due(900_000)).toEqual([]);
  });

  it("gathers the triggers that come together for a moment, then cools down", () => {
    const closure = (way: number): TriggerDraft => ({
      kind: "road_closure",
      vehicleId: null,
      detail: `road closed: way ${way}`,
    });
    const throttle = new TriggerThrottle(300_000, 1_000);
    expect(throttle.offer("org", closure(1), 0)).toEqual([]);
    expect(throttle.offer("org", closure(2), 150)).toEqual([]);
    expect(throttle.nextSettleAt()).toBe(1_000);
    expect(throttle.due(999)).toEqual([]);
    expect(throttle.due(1_000)).toEqual([
      [
        "org",
        {
          kind: "road_closure",
          vehicleId: null,
          detail: "2 triggers: road closed: way 1; road closed: way 2",
        },
      ],
    ]);
    expect(throttle.nextSettleAt()).toBeNull();
    // Cooling down from the gathered trigger on: the next waits for the cool-down, not a settle.
    expect(throttle.offer("org", urgent, 2_000)).toEqual([]);
    expect(throttle.due(300_999)).toEqual([]);
    expect(throttle.due(301_000)).toEqual([["org", urgent]]);
    // A breakdown does not wait for a gathering either.
    expect(throttle.offer("other", closure(3), 400_000)).toEqual([]);
    expect(throttle.offer("other", breakdown, 400_100)).toEqual([breakdown]);
  });

  it("never holds a breakdown back, and keeps organisations apart", () => {
    const throttle = new TriggerThrottle(300_000);
    throttle.offer("org", delay, 0);
    expect(throttle.offer("org", breakdown, 10)).toEqual([breakdown]);
    expect(throttle.offer("other", delay, 20)).toEqual([delay]);
  });

  it("passes everything at once with no cool-down", () => {
    const throttle = new TriggerThrottle(0);
    expect(throttle.offer("org", delay, 0)).toEqual([delay]);
    expect(throttle.offer("org", urgent, 0)).toEqual([urgent]);
  });
});
