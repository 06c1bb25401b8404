import type { BusinessEvent } from "@waybill/shared";
import { sql } from "drizzle-orm";
import pino from "pino";
import { Registry } from "prom-client";
import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { WebhookRepository } from "../adapters/db/repositories/webhook.repository";
import { WebhookDeliveryRepository } from "../adapters/db/repositories/webhook-delivery.repository";
import { openTestDatabase, type TestDatabase } from "../adapters/db/testing/test-database";
import { eventually } from "../adapters/webhooks/testing/eventually";
import { appendOrderEvent, insertOrganisation } from "../adapters/webhooks/testing/outbox-fixtures";
import {
  type ReceivedWebhook,
  startWebhookReceiver,
  type WebhookReceiver,
} from "../adapters/webhooks/testing/webhook-receiver";
import { webhookDeliveriesCounter } from "../adapters/webhooks/webhook-metrics";
import { createWebhookSender } from "../adapters/webhooks/webhook-sender";
import { orderFixture } from "../domain/notifications/testing/order-fixture";
import { WebhookService } from "./webhook.service";
import {
  WEBHOOK_RETRY_DELAYS_MS,
  WebhookDispatcher,
  type WebhookDispatcherOptions,
} from "./webhook-dispatcher";

let database: TestDatabase;
let receiver: WebhookReceiver;
let service: WebhookService;
let organisationId: string;
let logged: { msg: string; reason?: string; subscriptionId?: string }[];
const running: WebhookDispatcher[] = [];

beforeAll(async () => {
  database = await openTestDatabase();
  service = new WebhookService(new WebhookRepository(database.db), true);
});
afterAll(() => database.dispose());
beforeEach(async () => {
  await database.db.execute(
    sql`truncate webhook_delivery_attempts, webhook_deliveries, webhook_subscriptions, outbox_consumptions, outbox_events restart identity cascade`,
  );
  organisationId = await insertOrganisation(database.db);
  receiver = await startWebhookReceiver();
  logged = [];
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((dispatcher) => dispatcher.stop()));
  await receiver.close();
});

/** A dispatcher on millisecond times, started; stopped after the test. */
function startDispatcher(options: Partial<WebhookDispatcherOptions> = {}): WebhookDispatcher {
  const log = pino({ level: "debug" }, { write: (line: string) => void logged.push(JSON.parse(line)) });
  const dispatcher = new WebhookDispatcher(
    new WebhookDeliveryRepository(database.db),
    createWebhookSender({ timeoutMs: 1000, allowPrivateTargets: true }),
    webhookDeliveriesCounter(new Registry()),
    log,
    {
      pollIntervalMs: 5,
      batchSize: 10,
      leaseMs: 2000,
      retryDelaysMs: Array.from({ length: 200 }, () => 15),
      random: () => 0.5,
      now: () => new Date(),
      ...options,
    },
  );
  running.push(dispatcher);
  dispatcher.start();
  return dispatcher;
}

const subscribe = (events: string[] = ["order.created", "order.status_changed"]) =>
  service.create(organisationId, { url: receiver.url, events: events as never });

const idOf = (request: ReceivedWebhook) => String(request.headers["webhook-id"]);
const headersOf = (request: ReceivedWebhook) => request.headers as Record<string, string>;

/** Appends `count` status changes of an order and returns their events, oldest first. */
async function statusChanges(orderId: string, count: number): Promise<BusinessEvent[]> {
  const events: BusinessEvent[] = [];
  for (let i = 0; i < count; i++)
    events.push(
      await appendOrderEvent(
        database.db,
        organisationId,
        "order.status_changed",
        orderFixture({ id: orderId }),
        {
          from: `s${i}`,
          to: `s${i + 1}`,
        },
      ),
    );
  return events;
}

const accepted = (n: number) =>
  eventually(
    () => (receiver.accepted.length >= n ? receiver.accepted : undefined),
    `${n} accepted deliveries`,
  );

describe(WebhookDispatcher.name, () => {
  it("delivers the subscribed events of the organisation, signed so that standardwebhooks verifies them", async () => {
    const { secret } = await subscribe(["order.created"]);
    const otherOrganisation = await insertOrganisation(database.db, "Other");
    const order = orderFixture();
    const created = await appendOrderEvent(database.db, organisationId, "order.created", order);
    await appendOrderEvent(database.db, organisationId, "stop.arrived", order);
    await appendOrderEvent(
      database.db,
      otherOrganisation,
      "order.created",
      orderFixture({ id: "ord_other" }),
    );
    startDispatcher();

    const [request] = await accepted(1);
    const payload = new Webhook(secret).verify(request!.body, headersOf(request!));
    expect(payload).toEqual({ type: "order.created", timestamp: created.occurredAt, data: { order } });
    expect(idOf(request!)).toBe(created.id);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(receiver.requests).toHaveLength(1);
  });

  it("retries while the receiver is down and then delivers everything, each order in order", async () => {
    const { id } = await subscribe();
    await receiver.down();
    const a = await statusChanges("ord_a", 3);
    const b = await statusChanges("ord_b", 2);
    startDispatcher();
    await eventually(async () => {
      const log = await service.deliveries(organisationId, id, { limit: 1 });
      return log.items.some((entry) => entry.outcome === "retrying" && /ECONNREFUSED/.test(entry.error!))
        ? true
        : undefined;
    }, "a refused attempt in the delivery log");
    await receiver.up();

    await accepted(5);
    const ids = receiver.accepted.map(idOf);
    expect(ids.filter((eventId) => a.some((e) => e.id === eventId))).toEqual(a.map((e) => e.id));
    expect(ids.filter((eventId) => b.some((e) => e.id === eventId))).toEqual(b.map((e) => e.id));
  });

  it("loses, repeats and reorders nothing through a receiver down for an hour, on the production schedule", async () => {
    // Simulated time: the dispatcher's clock moves a minute per step; each step leaves it a few
    // rounds of real time to attempt what fell due.
    let clockMs = Date.now();
    const minute = async (n = 1) => {
      for (let i = 0; i < n; i++) {
        clockMs += 60_000;
        await new Promise((resolve) => setTimeout(resolve, 40));
      }
    };
    const { id } = await subscribe();
    await receiver.down();
    startDispatcher({
      retryDelaysMs: WEBHOOK_RETRY_DELAYS_MS,
      leaseMs: 60_000,
      now: () => new Date(clockMs),
    });
    // Events keep coming during the outage: three orders, two changes every ten minutes.
    const sent: BusinessEvent[] = [];
    for (let step = 0; step < 6; step++) {
      sent.push(...(await statusChanges(`ord_${step % 3}`, 2)));
      await minute(10);
    }
    const attemptsDuringOutage = (await service.deliveries(organisationId, id, { limit: 100 })).items.length;
    const downFor = clockMs;
    await receiver.up();

    let recoveredAfterMs = 0;
    await eventually(
      async () => {
        recoveredAfterMs = clockMs - downFor;
        if (receiver.accepted.length >= sent.length) return true;
        await minute();
        return clockMs - downFor > 4 * 3_600_000 ? true : undefined; // give up after 4 simulated hours
      },
      "every event delivered after the outage",
      60_000,
    );

    const delivered = receiver.accepted.map(idOf);
    expect(new Set(delivered).size, "duplicates").toBe(delivered.length);
    expect([...delivered].sort(), "lost").toEqual(sent.map((event) => event.id).sort());
    for (const order of ["ord_0", "ord_1", "ord_2"]) {
      const ofOrder = sent.filter((event) => event.orderId === order).map((event) => event.id);
      expect(
        delivered.filter((eventId) => ofOrder.includes(eventId)),
        `${order} in order`,
      ).toEqual(ofOrder);
    }
    expect((await service.get(organisationId, id)).enabled, "still enabled after an hour").toBe(true);
    expect(attemptsDuringOutage).toBeGreaterThan(3); // it kept trying, on its backoff
    console.info(
      `webhook receiver down 60 min: ${sent.length} events, ${delivered.length} delivered once, ` +
        `0 lost, in order per order; ${attemptsDuringOutage} refused attempts during the outage; ` +
        `all delivered ${Math.round(recoveredAfterMs / 60_000)} simulated min after the receiver came back`,
    );
  }, 120_000);

  it("holds back an order behind its failing delivery while other orders go on", async () => {
    await subscribe();
    const [a1, a2] = await statusChanges("ord_a", 2);
    let a1Fails = true;
    receiver.answer((request) => (idOf(request) === a1!.id && a1Fails ? 503 : 204));
    startDispatcher();
    await statusChanges("ord_b", 1);
    await accepted(1);
    const triesOfA1 = () => receiver.requests.filter((request) => idOf(request) === a1!.id).length;
    await eventually(() => (triesOfA1() >= 3 ? true : undefined), "three tries of the failing event");
    expect(receiver.requests.map(idOf)).not.toContain(a2!.id);

    a1Fails = false;
    await accepted(3);
    expect(receiver.accepted.map(idOf).slice(1)).toEqual([a1!.id, a2!.id]);
  });

  it("loses nothing when stopped mid-way and replaced by a new dispatcher", async () => {
    await subscribe();
    const events = [
      ...(await statusChanges("ord_a", 8)),
      ...(await statusChanges("ord_b", 8)),
      ...(await statusChanges("ord_c", 8)),
    ];
    receiver.answer(() => new Promise((resolve) => setTimeout(() => resolve(204), 5)));
    const first = startDispatcher({ batchSize: 2 });
    await accepted(4);
    await first.stop();
    const deliveredBeforeRestart = receiver.accepted.length;
    expect(deliveredBeforeRestart).toBeLessThan(events.length);
    startDispatcher({ batchSize: 2 });

    await accepted(events.length);
    const firstSeen = [...new Set(receiver.accepted.map(idOf))];
    expect([...firstSeen].sort()).toEqual(events.map((e) => e.id).sort());
    for (const orderId of ["ord_a", "ord_b", "ord_c"]) {
      const ofOrder = events.filter((e) => e.orderId === orderId).map((e) => e.id);
      expect(firstSeen.filter((id) => ofOrder.includes(id))).toEqual(ofOrder);
    }
  });

  it("retries a delivery whose dispatcher died while sending once its lease ends, with the same webhook-id", async () => {
    await subscribe();
    const [event] = await statusChanges("ord_a", 1);
    const crashed = new WebhookDeliveryRepository(database.db);
    await crashed.fanOut(10, new Date());
    const [claimed] = await crashed.claimDue(10, new Date(), 1000);
    expect(claimed?.event.id).toBe(event!.id);
    startDispatcher({ leaseMs: 1000 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(receiver.requests).toHaveLength(0);

    const [request] = await accepted(1);
    expect(idOf(request!)).toBe(event!.id);
  });

  it("fans each event out once with two dispatchers running at once", async () => {
    await subscribe();
    const events = [...(await statusChanges("ord_a", 10)), ...(await statusChanges("ord_b", 10))];
    startDispatcher({ batchSize: 3 });
    startDispatcher({ batchSize: 3 });
    await accepted(events.length);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(receiver.accepted.map(idOf).sort()).toEqual(events.map((e) => e.id).sort());
  });

  it("disables the subscription when every attempt failed, says why, and resumes the rest when re-enabled", async () => {
    const { id } = await subscribe();
    const [a1, a2] = await statusChanges("ord_a", 2);
    receiver.answer((request) => (idOf(request) === a1!.id ? 500 : 204));
    startDispatcher({ retryDelaysMs: [5, 5] });

    const disabled = await eventually(async () => {
      const subscription = await service.get(organisationId, id);
      return subscription.enabled ? undefined : subscription;
    }, "the subscription disabled");
    expect(disabled.disabledReason).toBe("no delivery succeeded in 3 attempts; the last one got HTTP 500");
    expect(logged).toContainEqual(
      expect.objectContaining({ msg: "webhook subscription disabled", subscriptionId: id }),
    );
    const log = await service.deliveries(organisationId, id, { limit: 10 });
    expect(log.items.map((entry) => [entry.attempt, entry.statusCode, entry.outcome])).toEqual([
      [3, 500, "failed"],
      [2, 500, "retrying"],
      [1, 500, "retrying"],
    ]);
    expect(receiver.accepted).toHaveLength(0);

    await service.update(organisationId, id, { enabled: true });
    const [request] = await accepted(1);
    expect(idOf(request!)).toBe(a2!.id);
    expect((await service.get(organisationId, id)).disabledReason).toBeNull();
  });

  it("disables the subscription at once when the receiver answers 410 Gone", async () => {
    const { id } = await subscribe();
    receiver.answer(() => 410);
    await statusChanges("ord_a", 2);
    startDispatcher();

    await eventually(
      async () => ((await service.get(organisationId, id)).enabled ? undefined : true),
      "disabled",
    );
    expect((await service.get(organisationId, id)).disabledReason).toBe("the receiver answered 410 Gone");
    expect(receiver.requests).toHaveLength(1);
  });

  it("replays events in order with their original webhook-id", async () => {
    const { id, secret } = await subscribe();
    const events = await statusChanges("ord_a", 3);
    startDispatcher();
    await accepted(3);

    const since = new Date(Date.parse(events[0]!.occurredAt) - 1).toISOString();
    expect(await service.replay(organisationId, id, { since })).toEqual({
      eventIds: events.map((e) => e.id),
    });
    await accepted(6);
    expect(receiver.accepted.slice(3).map(idOf)).toEqual(events.map((e) => e.id));
    for (const request of receiver.accepted)
      expect(new Webhook(secret).verify(request.body, headersOf(request))).toBeTruthy();

    await service.replay(organisationId, id, { eventIds: [events[1]!.id] });
    await accepted(7);
    expect(idOf(receiver.accepted[6]!)).toBe(events[1]!.id);
    await expect(service.replay(organisationId, id, { eventIds: ["evt_unknown"] })).rejects.toThrow(
      /no such events of the subscribed types: evt_unknown/,
    );
  });

  it("signs with the previous secret too for a while after a rotation", async () => {
    const { id, secret: previous } = await subscribe();
    const { secret } = await service.rotateSecret(organisationId, id);
    await statusChanges("ord_a", 1);
    startDispatcher();

    const [request] = await accepted(1);
    expect(new Webhook(secret).verify(request!.body, headersOf(request!))).toBeTruthy();
    expect(new Webhook(previous).verify(request!.body, headersOf(request!))).toBeTruthy();
  });
});
