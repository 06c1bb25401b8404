import type { StopDto } from "@waybill/shared";
import pino from "pino";
import { describe, expect, it } from "vitest";
import type { ScopedPosition } from "../../ports/position-broadcaster";
import type { AlertCondition } from "./alert.service";
import { DEFAULT_TRACKING_RULES, type TrackingOrders, TrackingService } from "./tracking.service";

const T0 = Date.parse("2026-11-23T09:00:00Z");
const STOP = { lat: 43.74, lng: 7.43 };

function stop(status: StopDto["status"]): StopDto {
  return {
    id: "stp_1",
    orderId: "ord_1",
    kind: "delivery",
    purpose: "delivery",
    status,
    outcome: null,
    failureReason: null,
    failureNote: null,
    place: { address: "x", ...STOP },
    timeWindows: [],
    serviceTimeSeconds: 60,
    vehicleId: "veh_1",
    driverId: null,
    sequence: 0,
    plannedArrivalAt: null,
    eta: null,
    arrivedAt: null,
    completedAt: null,
  };
}

/** Fakes that record what tracking asked for. */
function harness() {
  const calls: string[] = [];
  const raised: AlertCondition[] = [];
  const cleared: string[] = [];
  let current = stop("assigned");
  const orders: TrackingOrders = {
    listStops: async () => [current],
    reportStop: async (_scope, _id, report) => {
      calls.push(`stop:${report.status}`);
      current = stop(report.status === "completed" ? "completed" : report.status);
      return current;
    },
    departVehicle: async () => {
      calls.push("depart");
      return ["ord_1"];
    },
    recordEta: async () => undefined,
    setException: async () => ({}) as never,
  };
  const routing = { route: async () => ({ legs: [{ durationS: 600, distanceM: 5000 }] }) as never };
  const alerts = {
    raise: async (_org: string, condition: AlertCondition) => {
      raised.push(condition);
      return true;
    },
    clear: async (_org: string, condition: { kind: string }) => {
      cleared.push(condition.kind);
      return true;
    },
  };
  const tracking = new TrackingService(
    orders,
    routing,
    alerts,
    pino({ level: "silent" }),
    DEFAULT_TRACKING_RULES,
  );
  return { tracking, calls, raised, cleared };
}

const fix = (seconds: number, lat: number, lng: number, speedKmh: number): ScopedPosition => ({
  organisationId: "org_1",
  vehicleId: "veh_1",
  fixAt: T0 + seconds * 1000,
  lat,
  lng,
  speedKmh,
  headingDeg: null,
});

describe("TrackingService", () => {
  it("departs, heads for the first stop, and raises stopped_too_long once away from every stop", async () => {
    const { tracking, calls, raised, cleared } = harness();
    tracking.observe([fix(0, 43.73, 7.42, 30), fix(10, 43.7305, 7.4205, 30)]);
    await tracking.idle();
    expect(calls).toEqual(["depart", "stop:en_route"]);
    // 20 minutes standing 1 km from the stop, with drift
    tracking.observe(
      Array.from({ length: 121 }, (_, i) => fix(20 + i * 10, 43.731 + (i % 2) * 1e-5, 7.421, 0)),
    );
    await tracking.idle();
    expect(raised.map((a) => a.kind)).toEqual(["stopped_too_long"]);
    expect(raised[0]?.detail).toBe("standing still for 15 min away from its stops");
    tracking.observe([fix(1300, 43.735, 7.425, 30)]);
    await tracking.idle();
    expect(cleared).toEqual(["stopped_too_long"]);
  });

  it("does not call standing at a stop 'stopped too long', and arrives there", async () => {
    const { tracking, calls, raised } = harness();
    tracking.observe([fix(0, 43.73, 7.42, 30)]);
    tracking.observe(Array.from({ length: 200 }, (_, i) => fix(10 + i * 10, STOP.lat, STOP.lng, 0)));
    await tracking.idle();
    expect(calls).toEqual(["depart", "stop:en_route", "stop:arrived"]);
    expect(raised).toEqual([]);
  });

  it("raises signal_lost for a vehicle on its route that went quiet, and clears it on the next fix", async () => {
    const { tracking, raised, cleared } = harness();
    tracking.observe([fix(0, 43.73, 7.42, 30)]);
    await tracking.idle();
    await tracking.sweep(T0 + 4 * 60_000);
    expect(raised).toEqual([]);
    await tracking.sweep(T0 + 6 * 60_000);
    expect(raised.map((a) => [a.kind, a.detail])).toEqual([["signal_lost", "no position for 6 min"]]);
    tracking.observe([fix(7 * 60, 43.7301, 7.4201, 30)]);
    await tracking.idle();
    expect(cleared).toContain("signal_lost");
  });
});
