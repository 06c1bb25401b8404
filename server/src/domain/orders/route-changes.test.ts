import { describe, expect, it } from "vitest";
import type { OrderAggregate } from "./order-state";
import { assignStop, createOrder, reportStop, setOrderStatus, unassignStop } from "./order-workflow";
import { driverRouteChanges, type RelayedEvent, routeChangeNotice, routeChangesOf } from "./route-changes";
import { orderStateFixture } from "./testing/order-state.fixture";

const context = { now: new Date("2026-11-23T10:00:00Z"), newStopId: () => "stp_1" };
const ready = (): OrderAggregate =>
  setOrderStatus(createOrder(orderStateFixture, context, "web").next, "ready", null).next;
const vanA = { vehicleId: "veh_a", driverId: "usr_a", sequence: 2 };
const vanB = { vehicleId: "veh_b", driverId: "usr_b", sequence: 0 };
const onA = (): OrderAggregate => assignStop(ready(), "stp_1", vanA).next;

describe(routeChangesOf.name, () => {
  it("records a stop put on a route, with where it now is", () => {
    const before = ready();
    expect(routeChangesOf(before, assignStop(before, "stp_1", vanA).next)).toEqual([
      { type: "stop.route_changed", stopId: "stp_1", data: { from: null, to: vanA } },
    ]);
  });

  it("records a move between vans and a new place on the same route", () => {
    const before = onA();
    expect(routeChangesOf(before, assignStop(before, "stp_1", vanB).next)[0]?.data).toEqual({
      from: vanA,
      to: vanB,
    });
    expect(
      routeChangesOf(before, assignStop(before, "stp_1", { ...vanA, sequence: 0 }).next)[0]?.data,
    ).toEqual({
      from: vanA,
      to: { ...vanA, sequence: 0 },
    });
  });

  it("records a stop taken off its route, unassigned or cancelled", () => {
    const before = onA();
    const off = { from: vanA, to: null };
    expect(routeChangesOf(before, unassignStop(before, "stp_1", "postponed").next)[0]?.data).toEqual(off);
    expect(
      routeChangesOf(before, setOrderStatus(before, "cancelled", "customer asked").next)[0]?.data,
    ).toEqual(off);
  });

  it("records nothing when the route stays as it was, or the stop is served", () => {
    const before = onA();
    expect(routeChangesOf(before, assignStop(before, "stp_1", vanA).next)).toEqual([]);
    const enRoute = reportStop(before, "stp_1", { status: "en_route" }, context, null).next;
    expect(routeChangesOf(before, enRoute)).toEqual([]);
    const arrived = reportStop(enRoute, "stp_1", { status: "arrived" }, context, null).next;
    const served = reportStop(arrived, "stp_1", { status: "completed", outcome: "succeeded" }, context, null);
    expect(routeChangesOf(arrived, served.next)).toEqual([]);
  });
});

const changed = (seq: number, from: object | null, to: object | null): RelayedEvent => ({
  seq,
  type: "stop.route_changed",
  data: { from, to },
});

describe(driverRouteChanges.name, () => {
  it("gives each driver one change for a batch, counted, at the latest version", () => {
    const events = [
      changed(10, vanA, vanB),
      { seq: 11, type: "shipment.rerouted", data: { why: "re-route after breakdown of Van A" } },
      changed(12, null, vanB),
      changed(13, vanB, { ...vanB, sequence: 4 }),
      { seq: 14, type: "order.status_changed", data: {} },
    ];
    expect(driverRouteChanges(events)).toEqual([
      {
        driverId: "usr_a",
        version: 10,
        added: 0,
        removed: 1,
        resequenced: 0,
        notice: "1 stop removed by dispatch (re-route after breakdown of Van A)",
      },
      {
        driverId: "usr_b",
        version: 13,
        added: 2,
        removed: 0,
        resequenced: 1,
        notice: "2 stops added, 1 stop re-ordered by dispatch (re-route after breakdown of Van A)",
      },
    ]);
  });

  it("leaves out stops of no driver, and batches that change no route", () => {
    expect(
      driverRouteChanges([changed(1, null, { vehicleId: "veh_c", driverId: null, sequence: 0 })]),
    ).toEqual([]);
    expect(driverRouteChanges([{ seq: 2, type: "shipment.eta_updated", data: {} }])).toEqual([]);
  });
});

describe(routeChangeNotice.name, () => {
  it("says what changed without a reason when dispatch gave none", () => {
    expect(routeChangeNotice({ added: 1, removed: 0, resequenced: 0 }, null)).toBe(
      "1 stop added by dispatch",
    );
  });
});
