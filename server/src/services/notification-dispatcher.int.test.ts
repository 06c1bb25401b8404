import { randomBytes } from "node:crypto";
import type { OrderDto } from "@waybill/shared";
import { sql } from "drizzle-orm";
import { Hono } from "hono";
import pino from "pino";
import { Registry } from "prom-client";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { NotificationRepository } from "../adapters/db/repositories/notification.repository";
import { openTestDatabase, type TestDatabase } from "../adapters/db/testing/test-database";
import { createErrorHandler } from "../adapters/http/error-handler";
import type { HttpEnv } from "../adapters/http/http-env";
import { unsubscribeRoutes } from "../adapters/http/routes/unsubscribe.routes";
import { notificationsCounter } from "../adapters/mail/notification-metrics";
import { SmtpEmailChannel } from "../adapters/mail/smtp-email.channel";
import { type SmtpSink, startSmtpSink } from "../adapters/mail/testing/smtp-sink";
import { eventually } from "../adapters/webhooks/testing/eventually";
import {
  appendOrderEvent,
  insertOrder,
  insertOrganisation,
} from "../adapters/webhooks/testing/outbox-fixtures";
import { orderFixture } from "../domain/notifications/testing/order-fixture";
import { NotificationDispatcher, type NotificationDispatcherOptions } from "./notification-dispatcher";
import { NotificationPlanner } from "./notification-planner";
import { UnsubscribeService } from "./notification-unsubscribe";

const log = pino({ level: "silent" });
let database: TestDatabase;
let notifications: NotificationRepository;
let unsubscribe: UnsubscribeService;
let sink: SmtpSink;
let organisationId: string;
let order: OrderDto;
const running: { dispatcher: NotificationDispatcher; channel: SmtpEmailChannel }[] = [];

beforeAll(async () => {
  database = await openTestDatabase();
  notifications = new NotificationRepository(database.db);
  unsubscribe = new UnsubscribeService(notifications, randomBytes(32), () => "https://waybill.example");
});
afterAll(() => database.dispose());
beforeEach(async () => {
  await database.db.execute(
    sql`truncate notifications, notification_opt_outs, outbox_consumptions, outbox_events restart identity cascade`,
  );
  organisationId = await insertOrganisation(database.db);
  order = orderFixture({ id: `ord_${randomBytes(4).toString("hex")}` });
  await insertOrder(database.db, organisationId, order);
  sink = await startSmtpSink();
});
afterEach(async () => {
  for (const { dispatcher, channel } of running.splice(0)) {
    await dispatcher.stop();
    channel.close();
  }
  await sink.close();
});

/** A dispatcher over email to `smtpUrl`, on millisecond times, started; stopped after the test. */
function startDispatcher(smtpUrl = sink.url, options: Partial<NotificationDispatcherOptions> = {}) {
  const channel = new SmtpEmailChannel(smtpUrl, "Shop <shop@example.com>");
  const planner = new NotificationPlanner([channel], unsubscribe, {
    thresholdMinutes: 15,
    minIntervalMinutes: 30,
  });
  const dispatcher = new NotificationDispatcher(
    notifications,
    planner,
    [channel],
    notificationsCounter(new Registry()),
    log,
    {
      pollIntervalMs: 5,
      batchSize: 10,
      leaseMs: 5000,
      retryDelaysMs: [20, 20, 20],
      random: () => 0.5,
      now: () => new Date(),
      ...options,
    },
  );
  running.push({ dispatcher, channel });
  dispatcher.start();
  return dispatcher;
}

const append = (type: Parameters<typeof appendOrderEvent>[2], data = {}, snapshot = order) =>
  appendOrderEvent(database.db, organisationId, type, snapshot, data);

const mails = (n: number) =>
  eventually(() => (sink.received.length >= n ? sink.received : undefined), `${n} emails`);

const logged = (n: number) =>
  eventually(async () => {
    const entries = await notifications.listNotifications(order.id);
    return entries.length >= n && entries.every((entry) => entry.status !== "queued") ? entries : undefined;
  }, `${n} notifications settled`);

/** The unsubscribe endpoints, called with app.request (no network). */
function unsubscribeApi() {
  const app = new Hono<HttpEnv>().route("/api/v1/unsubscribe", unsubscribeRoutes(unsubscribe));
  app.onError(createErrorHandler(log));
  return app;
}

describe(NotificationDispatcher.name, () => {
  it("emails the customer each step through a real SMTP server, in order, with tracking and unsubscribe links", async () => {
    await append("order.created");
    await append("order.status_changed", { from: "ready", to: "planned" });
    await append("shipment.milestone_changed", { from: "in_transit", to: "out_for_delivery" });
    await append("shipment.milestone_changed", { from: "arriving", to: "delivered" });
    startDispatcher();

    const received = await mails(4);
    expect(received.map((mail) => mail.headers.get("subject"))).toEqual([
      "We have your order SO-1001",
      "Your delivery SO-1001 is scheduled",
      "Your order SO-1001 is out for delivery",
      "Your order SO-1001 has been delivered",
    ]);
    expect(received[0]!.to).toEqual(["ada@example.com"]);
    expect(received[0]!.headers.get("from")).toBe("Shop <shop@example.com>");
    expect(received[0]!.headers.get("list-unsubscribe")).toMatch(
      /^<https:\/\/waybill\.example\/api\/v1\/unsubscribe\/[\w-]+\.[\w-]+>$/,
    );
    expect(received[0]!.headers.get("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    expect(received[0]!.raw).toContain("https://track.example/track/");
    const entries = await logged(4);
    expect(entries.map((entry) => [entry.template, entry.status, entry.recipient])).toEqual([
      ["order_created", "sent", "ada@example.com"],
      ["order_scheduled", "sent", "ada@example.com"],
      ["out_for_delivery", "sent", "ada@example.com"],
      ["delivered", "sent", "ada@example.com"],
    ]);
  });

  it("never tells the same thing twice", async () => {
    await append("shipment.milestone_changed", { to: "delivered" });
    await append("shipment.milestone_changed", { to: "delivered" });
    await append("order.created");
    startDispatcher();

    await mails(2);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sink.received.map((mail) => mail.headers.get("subject"))).toEqual([
      "Your order SO-1001 has been delivered",
      "We have your order SO-1001",
    ]);
    expect(await notifications.listNotifications(order.id)).toHaveLength(2);
  });

  it("tells ETA changes beyond the threshold only, and not more than one per interval", async () => {
    const withEta = { ...order, eta: "2026-11-23T09:00:00Z" };
    await append("shipment.milestone_changed", { to: "out_for_delivery" }, withEta);
    await append("shipment.eta_updated", { eta: "2026-11-23T09:10:00Z", previousEta: withEta.eta });
    await append("shipment.eta_updated", {
      eta: "2026-11-23T09:40:00Z",
      previousEta: "2026-11-23T09:10:00Z",
    });
    await append("shipment.eta_updated", {
      eta: "2026-11-23T10:30:00Z",
      previousEta: "2026-11-23T09:40:00Z",
    });
    startDispatcher();

    await mails(2);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sink.received.map((mail) => mail.headers.get("subject"))).toEqual([
      "Your order SO-1001 is out for delivery",
      "New arrival time for SO-1001: 10:40",
    ]);
  });

  it("tells a re-route once, inside the ETA interval, and holds back the ETA changes after it", async () => {
    const withEta = { ...order, eta: "2026-11-23T09:00:00Z" };
    await append("shipment.milestone_changed", { to: "out_for_delivery" }, withEta);
    await append("shipment.eta_updated", { eta: "2026-11-23T09:40:00Z", previousEta: withEta.eta });
    // Two stops of the order moved by one proposal, minutes after the ETA was told.
    await append("shipment.rerouted", { eta: "2026-11-23T10:30:00Z", proposalId: "prp_1" });
    await append("shipment.rerouted", { eta: "2026-11-23T10:35:00Z", proposalId: "prp_1" });
    await append("shipment.eta_updated", {
      eta: "2026-11-23T11:30:00Z",
      previousEta: "2026-11-23T10:30:00Z",
    });
    startDispatcher();

    // Planned in one transaction: once three are settled, the held-back ETA change was decided too.
    expect((await logged(3)).map((entry) => entry.template)).toEqual([
      "out_for_delivery",
      "eta_changed",
      "rerouted",
    ]);
    expect(sink.received.map((mail) => mail.headers.get("subject"))).toEqual([
      "Your order SO-1001 is out for delivery",
      "New arrival time for SO-1001: 10:40",
      "Your delivery SO-1001 was re-planned: new arrival 11:30",
    ]);
  });

  it("stops at the customer's unsubscribe, done over HTTP with the link from the email", async () => {
    await append("order.created");
    startDispatcher();
    const [mail] = await mails(1);
    const link = new URL(/^<(.+)>$/.exec(mail!.headers.get("list-unsubscribe")!)![1]!);

    const shown = await unsubscribeApi().request(link.pathname);
    expect(shown.status).toBe(200);
    const page = await shown.text();
    expect(page).toContain("a***@example.com");
    expect(page).toContain('<form method="post">');
    const done = await unsubscribeApi().request(link.pathname, {
      method: "POST",
      body: "List-Unsubscribe=One-Click",
    });
    expect(await done.text()).toContain("gets no more emails");
    expect(await notifications.isOptedOut(organisationId, "ADA@example.com")).toBe(true);

    await append("shipment.milestone_changed", { to: "delivered" });
    const entries = await logged(2);
    expect(entries[1]).toMatchObject({
      template: "delivered",
      status: "skipped",
      reason: "the customer unsubscribed",
    });
    expect(sink.received).toHaveLength(1);
  });

  it("refuses a forged unsubscribe link", async () => {
    const response = await unsubscribeApi().request("/api/v1/unsubscribe/WyJvcmdfMSIsImFAYi5jIl0.forged", {
      method: "POST",
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({
      code: "not_found",
      detail: "this unsubscribe link is not valid",
    });
  });

  it("sends nothing for an order that asks for no notifications, and logs why", async () => {
    const quiet = { ...order, customer: { ...order.customer, notifications: false } };
    await append("order.created", {}, quiet);
    startDispatcher();

    const [entry] = await logged(1);
    expect(entry).toMatchObject({
      status: "skipped",
      reason: "the order asks for no customer notifications",
    });
    expect(sink.received).toHaveLength(0);
  });

  it("logs notifications as skipped when no SMTP server is configured", async () => {
    await append("order.created");
    startDispatcher("");

    const [entry] = await logged(1);
    expect(entry).toMatchObject({
      template: "order_created",
      status: "skipped",
      reason: "no SMTP server configured",
    });
  });

  it("retries while the SMTP server is down and sends once it is back", async () => {
    const port = Number(new URL(sink.url).port);
    await sink.close();
    await append("order.created");
    startDispatcher(`smtp://127.0.0.1:${port}`, { retryDelaysMs: Array.from({ length: 500 }, () => 20) });
    await eventually(async () => {
      const [entry] = await notifications.listNotifications(order.id);
      return entry && entry.attempts >= 2 ? entry : undefined;
    }, "a retry");
    sink = await startSmtpSink(port);

    await mails(1);
    const [entry] = await logged(1);
    expect(entry).toMatchObject({ status: "sent", reason: null });
    expect(entry!.attempts).toBeGreaterThanOrEqual(2);
  });

  it("gives up after the last retry and logs the failure", async () => {
    const port = Number(new URL(sink.url).port);
    await sink.close();
    await append("order.created");
    startDispatcher(`smtp://127.0.0.1:${port}`, { retryDelaysMs: [5, 5] });

    const [entry] = await logged(1);
    expect(entry).toMatchObject({ status: "failed", attempts: 3 });
    expect(entry!.reason).toMatch(/ECONNREFUSED/);
  });

  it("picks up events appended while no dispatcher ran, after a restart", async () => {
    startDispatcher();
    await append("order.created");
    await mails(1);
    const [first] = running.splice(0);
    await first!.dispatcher.stop();
    first!.channel.close();
    await append("shipment.milestone_changed", { to: "out_for_delivery" });
    await append("shipment.milestone_changed", { to: "delivered" });
    startDispatcher();

    await mails(3);
    expect(sink.received.map((mail) => mail.headers.get("subject"))).toEqual([
      "We have your order SO-1001",
      "Your order SO-1001 is out for delivery",
      "Your order SO-1001 has been delivered",
    ]);
  });
});
