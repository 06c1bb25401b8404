import { type SmtpSink, startSmtpSink } from "@waybill/server/adapters/mail/testing/smtp-sink";
import {
  type ReceivedWebhook,
  startWebhookReceiver,
  verifiedPayload,
  type WebhookReceiver,
} from "@waybill/server/adapters/webhooks/testing/webhook-receiver";
import type { CreatedWebhookDto, OrderDto, PageDto, WebhookDeliveryAttemptDto } from "@waybill/shared";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eventually, startTestSystem, type TestSystem, uniqueDeviceId } from "../support/system";

let receiver: WebhookReceiver;
let sink: SmtpSink;
const systems: TestSystem[] = [];

beforeEach(async () => {
  receiver = await startWebhookReceiver();
  sink = await startSmtpSink();
});
afterEach(async () => {
  await Promise.all(systems.splice(0).map((system) => system.stop()));
  await receiver.close();
  await sink.close();
});

async function start(reuse?: TestSystem["storage"]): Promise<TestSystem> {
  const system = await startTestSystem({
    env: { WEBHOOK_ALLOW_PRIVATE_TARGETS: "true", SMTP_URL: sink.url },
    ...(reuse ? { reuse } : {}),
  });
  systems.push(system);
  return system;
}

async function subscribe(system: TestSystem): Promise<CreatedWebhookDto> {
  const res = await system.api("/api/v1/webhooks", {
    method: "POST",
    json: { url: receiver.url, events: ["order.created", "order.status_changed"] },
  });
  expect(res.status).toBe(201);
  return (await res.json()) as CreatedWebhookDto;
}

async function createOrder(system: TestSystem): Promise<OrderDto> {
  const res = await system.api("/api/v1/orders", {
    method: "POST",
    json: {
      channel: "web",
      externalRef: uniqueDeviceId("SO"),
      customer: { name: "Ada Lovelace", email: "ada@example.com" },
      destination: { address: "2 Avenue de Monte-Carlo, Monaco", lat: 43.7394, lng: 7.4276 },
      timeWindows: [{ start: "2026-11-23T09:00:00+01:00", end: "2026-11-23T12:00:00+01:00" }],
      items: [{ sku: "BOOK-1", quantity: 2 }],
    },
  });
  expect(res.status).toBe(201);
  return (await res.json()) as OrderDto;
}

const received = (type: string) =>
  eventually(
    () => receiver.accepted.find((request) => JSON.parse(request.body).type === type),
    15_000,
    `a ${type} webhook`,
  );

describe("webhooks and customer notifications", () => {
  it("tells the order system by signed webhook and the customer by email; the email's unsubscribe link works", async () => {
    const system = await start();
    const { id, secret } = await subscribe(system);
    const order = await createOrder(system);

    const created: ReceivedWebhook = await received("order.created");
    expect(verifiedPayload(secret, created)).toMatchObject({
      type: "order.created",
      data: { order: { id: order.id } },
    });
    await system.api(`/api/v1/orders/${order.id}/status`, { method: "POST", json: { status: "ready" } });
    const changed = await received("order.status_changed");
    expect(verifiedPayload(secret, changed)).toMatchObject({ data: { from: "received", to: "ready" } });
    // The dispatcher records an attempt once the receiver's answer is in, a moment after the
    // receiver has the request: wait for both entries.
    const log = await eventually(
      async () => {
        const page = (await (
          await system.api(`/api/v1/webhooks/${id}/deliveries`)
        ).json()) as PageDto<WebhookDeliveryAttemptDto>;
        return page.items.length >= 2 ? page : undefined;
      },
      15_000,
      "two logged deliveries",
    );
    expect(log.items.map((entry) => [entry.eventType, entry.outcome])).toEqual([
      ["order.status_changed", "succeeded"],
      ["order.created", "succeeded"],
    ]);

    const mail = await eventually(() => sink.received[0], 15_000, "the order email");
    expect(mail.to).toEqual(["ada@example.com"]);
    expect(mail.headers.get("subject")).toBe(`We have your order ${order.externalRef}`);
    const link = new URL(/^<(.+)>$/.exec(mail.headers.get("list-unsubscribe")!)![1]!);
    expect(link.port).toBe(new URL(system.url).port);
    expect((await fetch(`${system.url}${link.pathname}`)).status).toBe(200);
    const done = await fetch(`${system.url}${link.pathname}`, { method: "POST" });
    expect(await done.text()).toContain("gets no more emails");
  }, 90_000);

  it("delivers after a restart what the receiver refused before it", async () => {
    receiver.answer(() => 503);
    const first = await start();
    await subscribe(first);
    const order = await createOrder(first);
    const ofOrder = () =>
      receiver.requests.find((request) => JSON.parse(request.body).data.order?.id === order.id);
    await eventually(ofOrder, 15_000, "a first, refused attempt");
    await first.close();
    systems.splice(systems.indexOf(first), 1);
    receiver.answer(() => 204);

    await start(first.storage);
    const created = await received("order.created");
    expect(JSON.parse(created.body).data.order.id).toBe(order.id);
    expect(created.headers["webhook-id"]).toBe(ofOrder()?.headers["webhook-id"]);
  }, 90_000);
});
