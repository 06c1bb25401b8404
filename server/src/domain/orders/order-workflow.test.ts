import { describe, expect, it } from "vitest";
import { TransitionError } from "./lifecycle";
import { milestoneOf } from "./milestone";
import { eventsOf, withMilestone } from "./order-events";
import type { OrderAggregate } from "./order-state";
import {
  assignStop,
  createOrder,
  departWithVehicle,
  reportStop,
  requestReturn,
  rescheduleDelivery,
  returnToSender,
  setException,
  setOrderStatus,
  unassignStop,
} from "./order-workflow";
import { orderStateFixture } from "./testing/order-state.fixture";

const now = new Date("2026-11-23T10:00:00Z");
let counter = 0;
const context = { now, newStopId: () => `stp_${++counter}` };

const order = orderStateFixture;

const created = (): OrderAggregate => createOrder(order, context, "web").next;
const stopOf = (aggregate: OrderAggregate, index = 0) => {
  const stop = aggregate.stops[index];
  if (!stop) throw new Error("no stop");
  return stop;
};
const van = { vehicleId: "veh_1", driverId: "usr_d", sequence: 0 };

/** A created order driven to out_for_delivery with its stop en route. */
function outForDelivery(): OrderAggregate {
  let aggregate = setOrderStatus(created(), "ready", null).next;
  aggregate = assignStop(aggregate, stopOf(aggregate).id, van).next;
  return reportStop(aggregate, stopOf(aggregate).id, { status: "en_route" }, context, null).next;
}

describe("order workflow", () => {
  it("creates a received order with one unassigned delivery stop and says so in the timeline", () => {
    const transition = createOrder(order, context, "web");
    expect(transition.next.order.status).toBe("received");
    expect(transition.next.stops).toMatchObject([
      { kind: "delivery", purpose: "delivery", status: "unassigned" },
    ]);
    expect(transition.timeline.map((entry) => entry.type)).toEqual(["order.created", "stop.created"]);
    expect(eventsOf(withMilestone(null, transition)).map((event) => event.type)).toEqual([
      "order.created",
      "shipment.milestone_changed",
    ]);
  });

  it("will not plan an order that is not ready, and says why", () => {
    const aggregate = created();
    expect(() => assignStop(aggregate, stopOf(aggregate).id, van)).toThrow(/is received.*must be ready/);
  });

  it("walks the happy path received -> ready -> planned -> out_for_delivery -> delivered", () => {
    let aggregate = setOrderStatus(created(), "ready", "packed").next;
    expect(milestoneOf(aggregate)).toBe("pre_transit");
    aggregate = assignStop(aggregate, stopOf(aggregate).id, van).next;
    expect([aggregate.order.status, stopOf(aggregate).status, milestoneOf(aggregate)]).toEqual([
      "planned",
      "assigned",
      "in_transit",
    ]);
    const leaving = reportStop(aggregate, stopOf(aggregate).id, { status: "en_route" }, context, null);
    expect([leaving.next.order.status, milestoneOf(leaving.next)]).toEqual(["out_for_delivery", "arriving"]);
    const arrived = reportStop(leaving.next, stopOf(aggregate).id, { status: "arrived" }, context, null);
    expect(eventsOf(withMilestone(leaving.next, arrived)).map((event) => event.type)).toEqual([
      "stop.status_changed",
      "stop.arrived",
    ]);
    const done = reportStop(
      arrived.next,
      stopOf(aggregate).id,
      { status: "completed", outcome: "succeeded" },
      context,
      "pod",
    );
    expect(done.next.order).toMatchObject({ status: "delivered", attempts: 1, deliveredAt: now });
    expect(stopOf(done.next)).toMatchObject({ status: "completed", outcome: "succeeded", completedAt: now });
    expect(eventsOf(withMilestone(arrived.next, done)).map((event) => event.type)).toEqual([
      "stop.status_changed",
      "stop.completed",
      "order.status_changed",
      "shipment.milestone_changed",
    ]);
  });

  it("delivers when the driver completes an assigned stop without reporting the steps before", () => {
    let aggregate = setOrderStatus(created(), "ready", null).next;
    aggregate = assignStop(aggregate, stopOf(aggregate).id, van).next;
    const done = reportStop(
      aggregate,
      stopOf(aggregate).id,
      { status: "completed", outcome: "succeeded" },
      context,
      null,
    );
    expect(done.timeline.filter((e) => e.type === "order.status_changed").map((e) => e.to)).toEqual([
      "out_for_delivery",
      "delivered",
    ]);
  });

  it("fails a delivery with a reason, then reschedules it as a new attempt", () => {
    const aggregate = outForDelivery();
    const failed = reportStop(
      aggregate,
      stopOf(aggregate).id,
      { status: "completed", outcome: "failed", failureReason: "customer_absent", note: null },
      context,
      null,
    ).next;
    expect(failed.order).toMatchObject({ status: "delivery_failed", attempts: 1 });
    expect(stopOf(failed)).toMatchObject({ outcome: "failed", failureReason: "customer_absent" });
    expect(milestoneOf(failed)).toBe("delivery_failed");
    const windows = [{ start: "2026-11-24T09:00:00.000+01:00", end: "2026-11-24T11:00:00.000+01:00" }];
    const again = rescheduleDelivery(failed, windows, context, null).next;
    expect(again.order).toMatchObject({ status: "ready", timeWindows: windows });
    expect(stopOf(again, 1)).toMatchObject({
      purpose: "redelivery",
      status: "unassigned",
      timeWindows: windows,
    });
    const planned = assignStop(again, stopOf(again, 1).id, van).next;
    expect(planned.order.status).toBe("planned");
  });

  it("sends a failed delivery back to the sender, and refuses that for other states", () => {
    const aggregate = outForDelivery();
    expect(() => returnToSender(aggregate, null)).toThrow(TransitionError);
    const failed = reportStop(
      aggregate,
      stopOf(aggregate).id,
      { status: "completed", outcome: "failed", failureReason: "refused", note: null },
      context,
      null,
    ).next;
    const returned = returnToSender(failed, null).next;
    expect([returned.order.status, milestoneOf(returned)]).toEqual(["returned", "return_to_sender"]);
  });

  it("turns a return request into a pickup stop whose completion returns the order", () => {
    const aggregate = outForDelivery();
    const delivered = reportStop(
      aggregate,
      stopOf(aggregate).id,
      { status: "completed", outcome: "succeeded" },
      context,
      null,
    ).next;
    const request = { reason: "damaged" as const, note: "box crushed", timeWindows: [] };
    const returning = requestReturn(delivered, request, context).next;
    expect(returning.order.returnReason).toBe("damaged");
    expect(milestoneOf(returning)).toBe("return_to_sender");
    expect(() => requestReturn(returning, request, context)).toThrow(/already under way/);
    const pickup = stopOf(returning, 1);
    expect(pickup).toMatchObject({ kind: "pickup", purpose: "return_pickup", status: "unassigned" });
    const assigned = assignStop(returning, pickup.id, van).next;
    expect(assigned.order.status).toBe("delivered");
    const collected = reportStop(
      assigned,
      pickup.id,
      { status: "completed", outcome: "succeeded" },
      context,
      null,
    ).next;
    expect(collected.order.status).toBe("returned");
  });

  it("refuses a return of an order that was not delivered", () => {
    expect(() => requestReturn(created(), { reason: "other", note: null, timeWindows: [] }, context)).toThrow(
      /only a delivered order/,
    );
  });

  it("cancels an order and its open stops, but not once the goods are on a vehicle", () => {
    const cancelled = setOrderStatus(created(), "cancelled", "customer changed their mind").next;
    expect([cancelled.order.status, stopOf(cancelled).status, milestoneOf(cancelled)]).toEqual([
      "cancelled",
      "cancelled",
      "cancelled",
    ]);
    expect(() => setOrderStatus(outForDelivery(), "cancelled", null)).toThrow(/goods are on a vehicle/);
    expect(() => setOrderStatus(cancelled, "ready", null)).toThrow(/is cancelled/);
  });

  it("puts a planned order back to ready when its stop is taken off the route", () => {
    let aggregate = setOrderStatus(created(), "ready", null).next;
    aggregate = assignStop(aggregate, stopOf(aggregate).id, van).next;
    const off = unassignStop(aggregate, stopOf(aggregate).id, "re-planned").next;
    expect([off.order.status, stopOf(off).status, stopOf(off).vehicleId]).toEqual([
      "ready",
      "unassigned",
      null,
    ]);
  });

  it("moves an assigned stop to another vehicle and records the move", () => {
    let aggregate = setOrderStatus(created(), "ready", null).next;
    aggregate = assignStop(aggregate, stopOf(aggregate).id, van).next;
    const moved = assignStop(aggregate, stopOf(aggregate).id, {
      vehicleId: "veh_2",
      driverId: null,
      sequence: 3,
    });
    expect(stopOf(moved.next)).toMatchObject({ vehicleId: "veh_2", sequence: 3, status: "assigned" });
    expect(moved.timeline).toMatchObject([{ type: "stop.assigned", from: "veh_1", to: "veh_2" }]);
  });

  it("refuses to report a completed stop again", () => {
    const aggregate = outForDelivery();
    const done = reportStop(
      aggregate,
      stopOf(aggregate).id,
      { status: "completed", outcome: "succeeded" },
      context,
      null,
    ).next;
    expect(() => reportStop(done, stopOf(done).id, { status: "arrived" }, context, null)).toThrow(
      /is completed/,
    );
  });

  it("shows an open exception as the milestone until the order is final", () => {
    const aggregate = outForDelivery();
    const delayed = { ...aggregate, order: { ...aggregate.order, exception: "delayed" } };
    expect(milestoneOf(delayed)).toBe("exception");
    expect(milestoneOf({ ...delayed, order: { ...delayed.order, status: "delivered" } })).toBe("delivered");
  });

  it("puts a planned order out for delivery when its vehicle departs, and nothing else", () => {
    let aggregate = setOrderStatus(created(), "ready", null).next;
    expect(departWithVehicle(aggregate, null).timeline).toEqual([]);
    aggregate = assignStop(aggregate, stopOf(aggregate).id, van).next;
    const departed = departWithVehicle(aggregate, null).next;
    expect([departed.order.status, stopOf(departed).status, milestoneOf(departed)]).toEqual([
      "out_for_delivery",
      "assigned",
      "out_for_delivery",
    ]);
  });

  it("raises and clears an exception once, in the timeline and the milestone", () => {
    const aggregate = outForDelivery();
    const raised = setException(aggregate, "delayed", "ETA after the window");
    expect(raised.timeline).toMatchObject([{ type: "exception.raised", to: "delayed" }]);
    expect(milestoneOf(raised.next)).toBe("exception");
    expect(setException(raised.next, "delayed", null).timeline).toEqual([]);
    const cleared = setException(raised.next, null, "back on time");
    expect(cleared.timeline).toMatchObject([{ type: "exception.cleared", from: "delayed" }]);
    expect(milestoneOf(cleared.next)).toBe("arriving");
  });
});
