import type { CreatedWebhookDto, PageDto, WebhookDeliveryAttemptDto, WebhookDto } from "@waybill/shared";
import { Hono } from "hono";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orderFixture } from "../../../domain/notifications/testing/order-fixture";
import { AuthService } from "../../../services/auth.service";
import { WebhookService } from "../../../services/webhook.service";
import { newId } from "../../crypto/secrets";
import { IdentityRepository } from "../../db/repositories/identity.repository";
import { WebhookRepository } from "../../db/repositories/webhook.repository";
import { WebhookDeliveryRepository } from "../../db/repositories/webhook-delivery.repository";
import { openTestDatabase, type TestDatabase } from "../../db/testing/test-database";
import { appendOrderEvent, insertOrganisation } from "../../webhooks/testing/outbox-fixtures";
import { createErrorHandler } from "../error-handler";
import type { HttpEnv } from "../http-env";
import { webhookRoutes } from "./webhooks.routes";

/** A public address: no DNS needed, and private targets stay refused as in production. */
const TARGET = "https://93.184.216.34/hooks";

let database: TestDatabase;
let app: Hono<HttpEnv>;
let keyA: string;
let keyB: string;
let driverToken: string;
let organisationA: string;

beforeAll(async () => {
  database = await openTestDatabase();
  const identity = new IdentityRepository(database.db);
  const auth = new AuthService(identity, 3_600_000);
  organisationA = await insertOrganisation(database.db, "A");
  const organisationB = await insertOrganisation(database.db, "B");
  keyA = (await auth.createApiKey(organisationA, "order system", "integration")).key;
  keyB = (await auth.createApiKey(organisationB, "admin", "admin")).key;
  const email = `${newId("drv")}@example.com`;
  await auth.createUser(organisationA, { email, name: "Dee", password: "a long password", role: "driver" });
  driverToken = (await auth.signIn({ email, password: "a long password" })).token;
  app = new Hono<HttpEnv>().route(
    "/api/v1/webhooks",
    webhookRoutes(auth, new WebhookService(new WebhookRepository(database.db), false)),
  );
  app.onError(createErrorHandler(pino({ level: "silent" })));
});
afterAll(() => database.dispose());

function call(path: string, init: { method?: string; json?: unknown; key?: string | null } = {}) {
  const { method = "GET", json, key = keyA } = init;
  const headers = new Headers();
  if (key) headers.set("authorization", `Bearer ${key}`);
  if (json !== undefined) headers.set("content-type", "application/json");
  return app.request(`/api/v1/webhooks${path}`, {
    method,
    headers,
    ...(json === undefined ? {} : { body: JSON.stringify(json) }),
  });
}

async function create(key = keyA): Promise<CreatedWebhookDto> {
  const response = await call("", { method: "POST", key, json: { url: TARGET, events: ["order.created"] } });
  expect(response.status).toBe(201);
  return (await response.json()) as CreatedWebhookDto;
}

describe("webhook subscriptions over HTTP", () => {
  it("creates a subscription and shows its whsec_ secret this once", async () => {
    const response = await call("", {
      method: "POST",
      json: { url: TARGET, events: ["order.status_changed", "stop.failed"], description: "ERP" },
    });
    expect(response.status).toBe(201);
    const created = (await response.json()) as CreatedWebhookDto;
    expect(response.headers.get("location")).toBe(`/api/v1/webhooks/${created.id}`);
    expect(created).toMatchObject({
      url: TARGET,
      events: ["order.status_changed", "stop.failed"],
      description: "ERP",
      enabled: true,
      disabledReason: null,
    });
    expect(Buffer.from(created.secret.replace(/^whsec_/, ""), "base64")).toHaveLength(32);

    const listed = (await (await call("")).json()) as WebhookDto[];
    expect(listed.find((w) => w.id === created.id)).not.toHaveProperty("secret");
    expect(await (await call(`/${created.id}`)).json()).not.toHaveProperty("secret");
  });

  it("answers 404 for another organisation's subscription, whatever the operation", async () => {
    const { id } = await create(keyB);
    const attempts = [
      call(`/${id}`),
      call(`/${id}`, { method: "PATCH", json: { enabled: false } }),
      call(`/${id}`, { method: "DELETE" }),
      call(`/${id}/rotate-secret`, { method: "POST" }),
      call(`/${id}/deliveries`),
      call(`/${id}/replay`, { method: "POST", json: { since: "2026-01-01T00:00:00Z" } }),
    ];
    for (const response of await Promise.all(attempts)) expect(response.status).toBe(404);
    expect(((await (await call("")).json()) as WebhookDto[]).map((w) => w.id)).not.toContain(id);
    expect((await call(`/${id}`, { key: keyB })).status).toBe(200);
  });

  it("lets admins, dispatchers and integrations in, and nobody else", async () => {
    expect((await call("", { key: null })).status).toBe(401);
    const driver = await call("", { key: driverToken });
    expect(driver.status).toBe(403);
  });

  it.each([
    [{ url: "ftp://93.184.216.34/", events: ["order.created"] }, "url"],
    [{ url: "not a url", events: ["order.created"] }, "url"],
    [{ url: TARGET, events: ["order.teleported"] }, "events.0"],
    [{ url: TARGET, events: [] }, "events"],
    [{ url: TARGET, events: ["order.created", "order.created"] }, "events"],
    [{ url: TARGET, events: ["order.created"], secret: "mine" }, "secret"],
  ])("refuses %j naming the field %s", async (json, field) => {
    const response = await call("", { method: "POST", json });
    expect(response.status).toBe(422);
    const problem = (await response.json()) as { errors: { field: string }[] };
    expect(problem.errors.map((e) => e.field)).toContain(field);
  });

  it.each([
    "http://127.0.0.1:8080/hooks",
    "http://[::1]/hooks",
    "http://169.254.169.254/latest/meta-data",
    "http://localhost/hooks",
  ])("refuses the internal target %s", async (url) => {
    const response = await call("", { method: "POST", json: { url, events: ["order.created"] } });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ errors: [{ field: "url" }] });
  });

  it("refuses a body that is not JSON", async () => {
    const response = await app.request("/api/v1/webhooks", {
      method: "POST",
      headers: { authorization: `Bearer ${keyA}`, "content-type": "application/json" },
      body: "{",
    });
    expect(response.status).toBe(400);
  });

  it("changes, disables, re-enables, rotates and deletes a subscription", async () => {
    const { id, secret } = await create();
    const changed = await call(`/${id}`, {
      method: "PATCH",
      json: { events: ["stop.completed"], url: "https://93.184.216.35/v2", description: null },
    });
    expect(await changed.json()).toMatchObject({
      events: ["stop.completed"],
      url: "https://93.184.216.35/v2",
    });
    const disabled = await call(`/${id}`, { method: "PATCH", json: { enabled: false } });
    expect(await disabled.json()).toMatchObject({
      enabled: false,
      disabledReason: "disabled through the API",
    });
    const enabled = await call(`/${id}`, { method: "PATCH", json: { enabled: true } });
    expect(await enabled.json()).toMatchObject({ enabled: true, disabledReason: null, disabledAt: null });
    expect((await call(`/${id}`, { method: "PATCH", json: {} })).status).toBe(422);

    const rotated = (await (await call(`/${id}/rotate-secret`, { method: "POST" })).json()) as {
      secret: string;
    };
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(secret);

    expect((await call(`/${id}`, { method: "DELETE" })).status).toBe(204);
    expect((await call(`/${id}`)).status).toBe(404);
  });

  it("pages through the delivery log, newest first", async () => {
    const { id } = await create();
    const deliveries = new WebhookDeliveryRepository(database.db);
    await appendOrderEvent(database.db, organisationA, "order.created", orderFixture());
    await deliveries.fanOut(100, new Date());
    for (let attempt = 1; attempt <= 3; attempt++) {
      const [claimed] = (await deliveries.claimDue(100, new Date(Date.now() + 60_000 * attempt), 1)).filter(
        (d) => d.subscription.id === id,
      );
      await deliveries.record(
        claimed!,
        { statusCode: 500 + attempt, error: null, durationMs: attempt, attemptedAt: new Date() },
        { outcome: "retrying", nextAttemptAt: new Date() },
      );
    }

    const first = (await (
      await call(`/${id}/deliveries?limit=2`)
    ).json()) as PageDto<WebhookDeliveryAttemptDto>;
    expect(first.items.map((item) => [item.attempt, item.statusCode])).toEqual([
      [3, 503],
      [2, 502],
    ]);
    expect(first.items[0]).toMatchObject({
      eventType: "order.created",
      outcome: "retrying",
      orderId: "ord_1",
    });
    const second = (await (
      await call(`/${id}/deliveries?limit=2&cursor=${first.nextCursor}`)
    ).json()) as PageDto<WebhookDeliveryAttemptDto>;
    expect(second.items.map((item) => item.attempt)).toEqual([1]);
    expect(second.nextCursor).toBeNull();
    expect((await call(`/${id}/deliveries?limit=0`)).status).toBe(422);
  });
});
