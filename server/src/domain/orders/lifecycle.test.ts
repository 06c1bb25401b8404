import { ORDER_STATUSES, type OrderStatus, STOP_STATUSES, type StopStatus } from "@waybill/shared";
import { describe, expect, it } from "vitest";
import { canOrderBecome, canStopBecome, TransitionError } from "./lifecycle";

/** The status model written out once more, edge by edge, so the table in lifecycle.ts is checked. */
const LEGAL_ORDER_EDGES = new Set([
  "received>ready",
  "received>cancelled",
  "ready>planned",
  "ready>cancelled",
  "planned>ready",
  "planned>out_for_delivery",
  "planned>cancelled",
  "out_for_delivery>planned",
  "out_for_delivery>delivered",
  "out_for_delivery>delivery_failed",
  "delivered>returned",
  "delivery_failed>ready",
  "delivery_failed>planned",
  "delivery_failed>returned",
  "delivery_failed>cancelled",
]);

const LEGAL_STOP_EDGES = new Set([
  "unassigned>assigned",
  "unassigned>cancelled",
  "assigned>unassigned",
  "assigned>en_route",
  "assigned>arrived",
  "assigned>completed",
  "assigned>cancelled",
  "en_route>assigned",
  "en_route>arrived",
  "en_route>completed",
  "en_route>cancelled",
  "arrived>assigned",
  "arrived>completed",
  "arrived>cancelled",
]);

const pairs = <T extends string>(values: readonly T[]) =>
  values.flatMap((from) => values.map((to) => [from, to] as const));

describe("order status machine", () => {
  it.each(pairs<OrderStatus>(ORDER_STATUSES))("%s -> %s", (from, to) => {
    expect(canOrderBecome(from, to)).toBe(LEGAL_ORDER_EDGES.has(`${from}>${to}`));
  });
});

describe("stop status machine", () => {
  it.each(pairs<StopStatus>(STOP_STATUSES))("%s -> %s", (from, to) => {
    expect(canStopBecome(from, to)).toBe(LEGAL_STOP_EDGES.has(`${from}>${to}`));
  });
});

describe("TransitionError", () => {
  it("names the current state and what it may become", () => {
    const error = new TransitionError("order", "ord_1", "received", "delivered");
    expect(error.message).toBe(
      "order ord_1 is received; it cannot become delivered; from received it can become ready, cancelled",
    );
    expect(new TransitionError("stop", "stp_1", "completed", "arrived").message).toContain(
      "nothing (it is final)",
    );
  });
});
