import type { LngLat, StopDto } from "@waybill/shared";
import pino from "pino";
import { describe, expect, it } from "vitest";
import {
  reorderAndDuplicate,
  TRACE_START_AT,
  TraceBuilder,
  type TraceFix,
  townPoint,
  townRoute,
} from "../../domain/tracking/__fixtures__/simulated-trace";
import type { ScopedPosition } from "../../ports/position-broadcaster";
import type { AlertCondition } from "./alert.service";
import type { PlannedDeparture } from "./planned-departures";
import { DEFAULT_TRACKING_RULES, type TrackingOrders, TrackingService } from "./tracking.service";

const T0 = TRACE_START_AT;
const DEPOT = townPoint(-805, -556);
const STOP_AT = townPoint(322, 334);
const STOP = { lng: STOP_AT[0], lat: STOP_AT[1] };
/** The road from the depot to the stop, as the town's routing engine drives it. */
const ROAD = townRoute([DEPOT, STOP_AT]).geometry.coordinates;

function stop(status: StopDto["status"], place = STOP): StopDto {
  return {
    id: "stp_1",
    orderId: "ord_1",
    kind: "delivery",
    purpose: "delivery",
    status,
    outcome: null,
    failureReason: null,
    failureNote: null,
    place: { address: "x", ...place },
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

/** Fakes that record what tracking asked for; routes come from the synthetic town's engine. */
function harness(options: { place?: { lat: number; lng: number }; departures?: PlannedDeparture[] } = {}) {
  const calls: string[] = [];
  const raised: AlertCondition[] = [];
  const cleared: string[] = [];
  const routed: LngLat[][] = [];
  const etas: Record<string, unknown>[] = [];
  const recorded: { stale: boolean; confidence: number }[] = [];
  let current = stop("assigned", options.place);
  const orders: TrackingOrders = {
    listStops: async () => [current],
    reportStop: async (_scope, _id, report) => {
      calls.push(`stop:${report.status}`);
      current = stop(report.status === "completed" ? "completed" : report.status, options.place);
      return current;
    },
    departVehicle: async () => {
      calls.push("depart");
      return ["ord_1"];
    },
    recordEta: async (_org, _stop, eta, _actor, draft) => {
      recorded.push(eta);
      if (draft) etas.push(draft.data);
    },
    setException: async () => ({}) as never,
  };
  const routing = {
    route: async (points: LngLat[], options: { steps: boolean }) => {
      routed.push(points);
      return townRoute(points, options);
    },
  };
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
  const departures = { between: async () => options.departures ?? [] };
  let lastFixAt = T0;
  const tracking = new TrackingService(
    orders,
    routing,
    alerts,
    pino({ level: "silent" }),
    DEFAULT_TRACKING_RULES,
    departures,
    () => lastFixAt,
  );
  // The clock follows the newest fix handed over.
  const observe = tracking.observe.bind(tracking);
  tracking.observe = (positions) => {
    lastFixAt = Math.max(lastFixAt, ...positions.map((p) => p.fixAt));
    observe(positions);
  };
  return { tracking, calls, raised, cleared, routed, etas, recorded };
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

const scoped = (fixes: readonly TraceFix[]): ScopedPosition[] =>
  fixes.map((f) => ({ organisationId: "org_1", vehicleId: "veh_1", headingDeg: null, ...f }));

/** Delivers fixes in batches of `size`, as the pipeline hands them over, waiting for each. */
async function deliver(
  tracking: TrackingService,
  fixes: readonly ScopedPosition[],
  size = 12,
): Promise<void> {
  for (let i = 0; i < fixes.length; i += size) {
    tracking.observe(fixes.slice(i, i + size));
    await tracking.idle();
  }
}

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

  it("raises signal_lost for a vehicle on its route that went quiet, turns its ETAs stale, and clears it on the next fix", async () => {
    const { tracking, raised, cleared, recorded } = harness();
    tracking.observe([fix(0, 43.73, 7.42, 30)]);
    await tracking.idle();
    expect(recorded.at(-1)?.stale).toBe(false);
    await tracking.sweep(T0 + 4 * 60_000);
    expect(raised).toEqual([]);
    await tracking.sweep(T0 + 6 * 60_000);
    expect(raised.map((a) => [a.kind, a.detail])).toEqual([["signal_lost", "no position for 6 min"]]);
    expect(recorded.at(-1)).toMatchObject({ stale: true });
    expect(recorded.at(-1)!.confidence).toBeLessThan(recorded[0]!.confidence);
    tracking.observe([fix(7 * 60, 43.7301, 7.4201, 30)]);
    await tracking.idle();
    expect(cleared).toContain("signal_lost");
  });
});

describe("TrackingService on simulated traces", () => {
  // A batch may hold a few fixes or a whole drive (a backlog after a dead spot, a slow store).
  it.each([12, 1_000])(
    "takes a detour: off_route once, a fresh route from where the van is, cleared when it is back (batches of %i)",
    async (batch) => {
      const end = ROAD.at(-1)!;
      const { tracking, calls, raised, cleared, routed } = harness({ place: { lng: end[0], lat: end[1] } });
      const trace = new TraceBuilder(ROAD, 21).stand(0, 30).drive(0, 800, 30);
      const detourAt = trace.now;
      trace.drive(800, 1_800, 30, 250).drive(1_800, 2_500, 30).stand(2_550, 120);
      await deliver(tracking, scoped(trace.fixes), batch);
      expect(calls).toContain("stop:arrived");
      expect(raised.map((a) => [a.kind, a.stopId])).toEqual([["off_route", "stp_1"]]);
      expect(raised[0]?.detail).toMatch(/^\d+ m off its planned route for 1 min$/);
      expect(cleared.filter((kind) => kind === "off_route")).toHaveLength(1);
      // The planned route from the depot, then one from where the van was on the parallel street.
      expect(routed.length).toBeGreaterThanOrEqual(2);
      const fresh = routed[1]![0]!;
      const detourFix = trace.fixes.find((f) => f.fixAt >= detourAt + 60_000)!;
      expect(
        Math.hypot((fresh[0] - detourFix.lng) * 80_000, (fresh[1] - detourFix.lat) * 111_000),
      ).toBeLessThan(100);
    },
  );

  it("tells the distance and driving time left in the ETA it announces, shrinking as the van drives", async () => {
    const { tracking, etas } = harness();
    const trace = new TraceBuilder(ROAD, 22).drive(0, 2_400, 20);
    await deliver(tracking, scoped(trace.fixes));
    const remaining = etas.map((data) => data.remainingM as number);
    expect(remaining.length).toBeGreaterThanOrEqual(2);
    expect(remaining[0]).toBeGreaterThan(2_000);
    expect(remaining.at(-1)).toBeLessThan(remaining[0]! - 1_000);
    expect(etas.every((data) => typeof data.drivingS === "number")).toBe(true);
  });

  it.each([12, 1_000])(
    "arrives once at a stop 40 m off the road through 12 m drift, with no off_route and no stopped_too_long (batches of %i)",
    async (batch) => {
      const offRoad = townPoint(322 + 40, 334);
      const { tracking, calls, raised } = harness({ place: { lng: offRoad[0], lat: offRoad[1] } });
      const trace = new TraceBuilder(ROAD, 23).drive(0, 2_550, 30).stand(2_560, 25 * 60, 40, 12);
      await deliver(tracking, scoped(trace.fixes), batch);
      expect(calls.filter((call) => call === "stop:arrived")).toHaveLength(1);
      expect(raised).toEqual([]);
    },
  );

  it("rides through a tunnel (4 min without fixes, 35 s of fixes 140 m off at each mouth) without an alert", async () => {
    const { tracking, raised } = harness();
    const trace = new TraceBuilder(ROAD, 24).drive(0, 500, 40).drive(500, 900, 40, 140);
    trace.silence(240).drive(1_700, 2_100, 40, 140).drive(2_100, 2_400, 40);
    await deliver(tracking, scoped(trace.fixes));
    expect(raised).toEqual([]);
  });

  it("is not fooled by reordered and duplicated fixes: a stopped van stays stopped", async () => {
    const { tracking, raised, cleared } = harness();
    const trace = new TraceBuilder(ROAD, 25).drive(0, 900, 30).stand(900, 20 * 60, 0, 3);
    const flaky = reorderAndDuplicate(scoped(trace.fixes));
    await deliver(tracking, flaky);
    // A late copy of a fix from while it was driving arrives after everything else.
    await deliver(tracking, scoped(trace.fixes.slice(10, 11)));
    expect(raised.map((a) => a.kind)).toEqual(["stopped_too_long"]);
    expect(cleared).toEqual([]);
  });

  it("raises late_departure from the sweep without any fix, once, and clears it when the van leaves", async () => {
    const departure = { organisationId: "org_1", vehicleId: "veh_1", plannedAt: T0, departed: false };
    const { tracking, raised, cleared } = harness({ departures: [departure] });
    await tracking.sweep(T0 + 14 * 60_000);
    expect(raised).toEqual([]);
    await tracking.sweep(T0 + 16 * 60_000);
    await tracking.sweep(T0 + 17 * 60_000);
    expect(raised.map((a) => [a.kind, a.detail])).toEqual([
      ["late_departure", "not left 16 min after the planned departure"],
    ]);
    await deliver(tracking, [fix(18 * 60, 43.73, 7.42, 30), fix(18 * 60 + 5, 43.7302, 7.4202, 30)]);
    expect(cleared).toEqual(["late_departure"]);
  });

  it("clears a late_departure raised before a restart once the stops show the van left", async () => {
    const departure = { organisationId: "org_1", vehicleId: "veh_1", plannedAt: T0, departed: true };
    const { tracking, raised, cleared } = harness({ departures: [departure] });
    await tracking.sweep(T0 + 30 * 60_000);
    await tracking.sweep(T0 + 31 * 60_000);
    expect(raised).toEqual([]);
    expect(cleared).toEqual(["late_departure"]);
  });

  it("reports the positions waiting for it and the work it did, for the metrics", async () => {
    const { tracking } = harness();
    const [lng, lat] = DEPOT;
    // The first batch is taken at once; the next ones wait while it is evaluated.
    tracking.observe([fix(0, lat, lng, 30)]);
    tracking.observe([fix(1, lat + 1e-5, lng, 30), fix(2, lat + 2e-5, lng, 30)]);
    tracking.observe([fix(3, lat + 3e-5, lng, 30)]);
    expect(tracking.backlog()).toBe(3);
    await tracking.idle();
    expect(tracking.backlog()).toBe(0);
    expect(tracking.counts).toEqual({ observed: 4, evaluated: 4, dropped: 0, etaUpdates: 1 });
  });

  it("asks for the open stops of a vehicle without work once per stops cache, not per batch", async () => {
    let queries = 0;
    const orders = {
      listStops: async () => {
        queries++;
        return [];
      },
    } as unknown as TrackingOrders;
    const routing = { route: async () => townRoute([DEPOT, STOP_AT]) };
    const alerts = { raise: async () => true, clear: async () => true };
    const tracking = new TrackingService(orders, routing, alerts, pino({ level: "silent" }));
    const [lng, lat] = DEPOT;
    for (let i = 0; i < 5; i++) {
      tracking.observe([fix(i, lat + i * 1e-5, lng, 30)]);
      await tracking.idle();
    }
    expect(queries).toBe(1);
    expect(tracking.counts).toMatchObject({ observed: 5, evaluated: 1 });
    const soon = new TrackingService(orders, routing, alerts, pino({ level: "silent" }), {
      ...DEFAULT_TRACKING_RULES,
      stopsCacheS: 0,
    });
    for (let i = 0; i < 3; i++) {
      soon.observe([fix(i, lat, lng, 30)]);
      await soon.idle();
    }
    expect(queries).toBe(4);
  });

  it("forgets a vehicle it released (another instance owns it), and starts afresh should it come back", async () => {
    const { tracking, calls } = harness();
    tracking.observe([fix(0, 43.73, 7.42, 30), fix(10, 43.7305, 7.4205, 30)]);
    await tracking.idle();
    tracking.release((vehicleId) => vehicleId !== "veh_1");
    tracking.observe([fix(20, 43.731, 7.421, 30)]);
    await tracking.idle();
    // Nothing was remembered: leaving is seen again (the status machine ignores the repeat).
    expect(calls.filter((call) => call === "depart")).toHaveLength(2);
    tracking.release(() => true);
    tracking.observe([fix(30, 43.7315, 7.4215, 30)]);
    await tracking.idle();
    expect(calls.filter((call) => call === "depart")).toHaveLength(2);
  });
});
