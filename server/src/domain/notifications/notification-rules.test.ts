import type { EventType, OrderDto } from "@waybill/shared";
import { describe, expect, it } from "vitest";
import type { EtaHistory } from "./eta-rule";
import { ETA_NOTICE_TEMPLATES } from "./notification-message";
import { decideNotification, type NotifiableEvent, suppressionReason } from "./notification-rules";
import { failedStopFixture, orderFixture } from "./testing/order-fixture";

const settings = { thresholdMinutes: 15, minIntervalMinutes: 30 };
const nothingTold: EtaHistory = { toldEtaAt: null, lastEtaNoticeAt: null };
const now = Date.parse("2026-11-23T07:00:00Z");

const event = (type: EventType, data: Partial<NotifiableEvent["data"]> = {}, order?: OrderDto) => ({
  id: `evt_${type}`,
  type,
  data: { order: order ?? orderFixture(), ...data },
});

const decide = (e: NotifiableEvent, history = nothingTold) => decideNotification(e, history, settings, now);

describe(decideNotification.name, () => {
  it("welcomes a new order once", () => {
    expect(decide(event("order.created"))).toMatchObject({
      template: "order_created",
      dedupeKey: "order_created",
    });
  });

  it("tells a planned order it is scheduled, once per delivery attempt", () => {
    const first = decide(event("order.status_changed", { to: "planned" }));
    const again = decide(
      event("order.status_changed", { to: "planned" }, orderFixture({ status: "planned", attempts: 1 })),
    );
    expect(first).toMatchObject({ template: "order_scheduled", dedupeKey: "order_scheduled#0" });
    expect(again?.dedupeKey).toBe("order_scheduled#1");
  });

  it("says nothing about other status changes", () => {
    expect(decide(event("order.status_changed", { to: "ready" }))).toBeNull();
    expect(decide(event("stop.arrived"))).toBeNull();
    expect(decide(event("shipment.milestone_changed", { to: "in_transit" }))).toBeNull();
  });

  it.each([
    ["out_for_delivery", "out_for_delivery#0"],
    ["arriving", "arriving#0"],
    ["delivered", "delivered"],
    ["delivery_failed", "delivery_failed#0"],
  ])("tells the milestone %s", (milestone, dedupeKey) => {
    expect(decide(event("shipment.milestone_changed", { to: milestone }))).toMatchObject({
      template: milestone,
      dedupeKey,
    });
  });

  it("gives the reason of the latest failed attempt", () => {
    const order = orderFixture({
      status: "delivery_failed",
      attempts: 2,
      stops: [
        failedStopFixture("address_not_found", "2026-11-22T10:00:00Z"),
        failedStopFixture("customer_absent", "2026-11-23T10:00:00Z"),
      ],
    });
    expect(decide(event("shipment.milestone_changed", { to: "delivery_failed" }, order))).toMatchObject({
      reason: "customer_absent",
      dedupeKey: "delivery_failed#2",
    });
  });

  it("tells a delay with the new ETA and the promised window", () => {
    const promisedWindow = { start: "2026-11-23T08:00:00Z", end: "2026-11-23T11:00:00Z" };
    const delayed = event("shipment.delayed", { eta: "2026-11-23T11:40:00Z", promisedWindow });
    expect(decide(delayed)).toEqual({
      template: "delayed",
      dedupeKey: "delayed#0",
      eta: "2026-11-23T11:40:00Z",
      window: promisedWindow,
      reason: null,
    });
  });

  it("tells an ETA change worth telling, keyed by its event", () => {
    const history = { toldEtaAt: Date.parse("2026-11-23T09:00:00Z"), lastEtaNoticeAt: null };
    const moved = event("shipment.eta_updated", { eta: "2026-11-23T09:40:00Z" });
    expect(decide(moved, history)).toMatchObject({
      template: "eta_changed",
      dedupeKey: "eta_changed#evt_shipment.eta_updated",
    });
    expect(decide(event("shipment.eta_updated", { eta: "2026-11-23T09:05:00Z" }), history)).toBeNull();
  });

  it("keeps ETA changes to itself once the order is no longer on its way", () => {
    const history = { toldEtaAt: Date.parse("2026-11-23T09:00:00Z"), lastEtaNoticeAt: null };
    const delivered = orderFixture({ status: "delivered" });
    expect(
      decide(event("shipment.eta_updated", { eta: "2026-11-23T10:40:00Z" }, delivered), history),
    ).toBeNull();
  });

  describe("a re-route", () => {
    const rerouted = (proposalId: string, eta: string | null, id = "evt_r1") => ({
      ...event("shipment.rerouted", { proposalId, ...(eta ? { eta } : {}) }),
      id,
    });
    // Told 09:00 at departure, six minutes ago: the flood interval (30 min) is still running.
    const toldAtDeparture = {
      toldEtaAt: Date.parse("2026-11-23T09:00:00Z"),
      lastEtaNoticeAt: now - 6 * 60_000,
    };

    it("is its own notice with the proposal's new ETA, even inside the ETA interval", () => {
      expect(decide(rerouted("prp_1", "2026-11-23T10:10:00Z"), toldAtDeparture)).toEqual({
        template: "rerouted",
        dedupeKey: "rerouted#prp_1",
        eta: "2026-11-23T10:10:00Z",
        window: orderFixture().timeWindows[0],
        reason: null,
      });
    });

    it("is one notice per order per re-route, however many of its stops moved", () => {
      const first = decide(rerouted("prp_1", "2026-11-23T10:10:00Z", "evt_a"));
      const second = decide(rerouted("prp_1", "2026-11-23T10:20:00Z", "evt_b"));
      const later = decide(rerouted("prp_2", "2026-11-23T10:40:00Z", "evt_c"));
      expect(first?.dedupeKey).toBe(second?.dedupeKey);
      expect(later?.dedupeKey).toBe("rerouted#prp_2");
    });

    it("of a postponed stop tells no stale ETA", () => {
      const postponed = event(
        "shipment.rerouted",
        { proposalId: "prp_1" },
        orderFixture({ eta: "2026-11-23T09:00:00Z" }),
      );
      expect(decide(postponed)).toMatchObject({ template: "rerouted", eta: null });
    });

    it("holds back the ETA changes that follow it within the interval (the same news)", () => {
      // The re-route's notice told 10:10 two minutes ago; tracking then confirms 10:40.
      const afterReroute = {
        toldEtaAt: Date.parse("2026-11-23T10:10:00Z"),
        lastEtaNoticeAt: now - 2 * 60_000,
      };
      expect(decide(event("shipment.eta_updated", { eta: "2026-11-23T10:40:00Z" }), afterReroute)).toBeNull();
      const halfAnHourOn = decideNotification(
        event("shipment.eta_updated", { eta: "2026-11-23T10:40:00Z" }),
        afterReroute,
        settings,
        now + 29 * 60_000,
      );
      expect(halfAnHourOn?.template).toBe("eta_changed");
    });

    it("starts the ETA interval like an ETA notice", () => {
      expect(ETA_NOTICE_TEMPLATES).toEqual(expect.arrayContaining(["eta_changed", "rerouted"]));
    });
  });

  it("uses the order's first window when the event names no promised window", () => {
    expect(decide(event("order.created"))?.window).toEqual(orderFixture().timeWindows[0]);
  });
});

describe(suppressionReason.name, () => {
  const send = { optedOut: false, recipient: "ada@example.com", channelUnavailable: null };

  it("sends when nothing stands in the way", () => {
    expect(suppressionReason(orderFixture(), send)).toBeNull();
  });

  it("skips an order that asks for no notifications", () => {
    const order = orderFixture({ customer: { ...orderFixture().customer, notifications: false } });
    expect(suppressionReason(order, send)).toBe("the order asks for no customer notifications");
  });

  it("skips a customer who unsubscribed", () => {
    expect(suppressionReason(orderFixture(), { ...send, optedOut: true })).toBe("the customer unsubscribed");
  });

  it("skips a customer without an address on the channel", () => {
    expect(suppressionReason(orderFixture(), { ...send, recipient: null })).toBe(
      "the customer has no address on this channel",
    );
  });

  it("skips when the channel is not set up, saying why", () => {
    expect(
      suppressionReason(orderFixture(), { ...send, channelUnavailable: "no SMTP server configured" }),
    ).toBe("no SMTP server configured");
  });
});
