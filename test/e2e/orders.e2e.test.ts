import type { OrderDetailDto, OrderDto, PageDto, StopDto, TrackingViewDto } from "@waybill/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outboxEvents } from "../../server/src/adapters/db/schema";
import { startTestSystem, type TestSystem, uniqueDeviceId } from "../support/system";

let system: TestSystem;
let otherOrgKey: string;
let vehicleId: string;
const PASSWORD = "a long enough password";

/** A 1x1 PNG and the first bytes of a JPEG: real image signatures. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1]);

beforeAll(async () => {
  system = await startTestSystem();
  const res = await system.api("/api/v1/organisations", {
    method: "POST",
    json: {
      name: "Other Shop",
      admin: { email: `${uniqueDeviceId("o")}@example.com`, name: "O", password: PASSWORD },
    },
  });
  otherOrgKey = ((await res.json()) as { apiKey: { key: string } }).apiKey.key;
  vehicleId = (
    (await (await system.api("/api/v1/vehicles", { method: "POST", json: { name: "Van 1" } })).json()) as {
      id: string;
    }
  ).id;
});
afterAll(() => system?.stop());

async function driver(): Promise<{ id: string; token: string }> {
  const email = `${uniqueDeviceId("driver")}@example.com`;
  const created = await system.api("/api/v1/users", {
    method: "POST",
    json: { email, name: "Dee", password: PASSWORD, role: "driver" },
  });
  const { id } = (await created.json()) as { id: string };
  const session = await system.api("/api/v1/auth/sessions", {
    method: "POST",
    key: null,
    json: { email, password: PASSWORD },
  });
  return { id, token: ((await session.json()) as { token: string }).token };
}

const orderBody = (externalRef = uniqueDeviceId("SO")) => ({
  channel: "web",
  externalRef,
  customer: { name: "Ada Lovelace", email: "ada@example.com", phone: "+377 93 15 00 00" },
  destination: { address: "2 Avenue de Monte-Carlo, Monaco", lat: 43.7394, lng: 7.4276 },
  timeWindows: [{ start: "2026-11-23T09:00:00+01:00", end: "2026-11-23T12:00:00+01:00" }],
  items: [{ sku: "BOOK-1", quantity: 2, weightKg: 1.2 }],
});

async function createOrder(
  body: unknown = orderBody(),
  headers: Record<string, string> = {},
): Promise<OrderDto> {
  const res = await system.api("/api/v1/orders", { method: "POST", json: body, headers });
  expect(res.status).toBe(201);
  return (await res.json()) as OrderDto;
}

const post = (path: string, json: unknown, key?: string) =>
  system.api(path, { method: "POST", json, ...(key ? { key } : {}) });

async function json<T>(res: Response, status: number): Promise<T> {
  const body = await res.json();
  expect({ status: res.status, body }).toMatchObject({ status });
  return body as T;
}

const detail = async (id: string) => json<OrderDetailDto>(await system.api(`/api/v1/orders/${id}`), 200);

async function outboxTypes(orderId: string): Promise<string[]> {
  const rows = await system.database.db.select().from(outboxEvents).orderBy(outboxEvents.seq);
  return rows.filter((row) => row.orderId === orderId).map((row) => row.type);
}

/** A ready order whose stop is on the van, driven by `who`. */
async function plannedOrder(who: { id: string }): Promise<{ order: OrderDto; stop: StopDto }> {
  const order = await createOrder();
  await json(await post(`/api/v1/orders/${order.id}/status`, { status: "ready" }), 200);
  const stopId = order.stops[0]!.id;
  const stop = await json<StopDto>(
    await post(`/api/v1/stops/${stopId}/assign`, { vehicleId, driverId: who.id, sequence: 0 }),
    200,
  );
  return { order, stop };
}

describe("orders API", () => {
  it("creates an order from the contract body: received, pre_transit, a tracking link and a timeline", async () => {
    const order = await createOrder();
    expect(order).toMatchObject({
      status: "received",
      milestone: "pre_transit",
      channel: "web",
      timeZone: "UTC+1",
      timeWindows: [{ start: "2026-11-23T09:00:00.000+01:00", end: "2026-11-23T12:00:00.000+01:00" }],
      stops: [{ kind: "delivery", status: "unassigned" }],
    });
    expect(order.trackingUrl).toMatch(/\/track\/trk_[0-9a-z]+\.[\w-]{22}$/);
    const full = await detail(order.id);
    expect(full.timeline.map((entry) => entry.type)).toEqual([
      "order.created",
      "stop.created",
      "milestone.changed",
    ]);
    expect(full.timeline[0]?.actor.kind).toBe("api_key");
    expect(await outboxTypes(order.id)).toEqual(["order.created", "shipment.milestone_changed"]);
  });

  it("returns the first result to a retry with the same Idempotency-Key and creates nothing new", async () => {
    const body = orderBody();
    const headers = { "idempotency-key": uniqueDeviceId("key") };
    const first = await createOrder(body, headers);
    const retry = await system.api("/api/v1/orders", { method: "POST", json: body, headers });
    expect(retry.status).toBe(201);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(((await retry.json()) as OrderDto).id).toBe(first.id);
    const page = await json<PageDto<OrderDto>>(
      await system.api(`/api/v1/orders?externalRef=${body.externalRef}`),
      200,
    );
    expect(page.items.map((order) => order.id)).toEqual([first.id]);
    const other = await system.api("/api/v1/orders", { method: "POST", json: orderBody(), headers });
    expect(await json(other, 422)).toMatchObject({ errors: [{ field: "Idempotency-Key" }] });
  });

  it("answers concurrent retries with one order", async () => {
    const body = orderBody();
    const headers = { "idempotency-key": uniqueDeviceId("race") };
    const responses = await Promise.all(
      [1, 2, 3, 4].map(() => system.api("/api/v1/orders", { method: "POST", json: body, headers })),
    );
    expect(responses.map((res) => res.status)).toEqual([201, 201, 201, 201]);
    const ids = new Set(await Promise.all(responses.map(async (res) => ((await res.json()) as OrderDto).id)));
    expect(ids.size).toBe(1);
    const page = await json<PageDto<OrderDto>>(
      await system.api(`/api/v1/orders?externalRef=${body.externalRef}`),
      200,
    );
    expect(page.items).toHaveLength(1);
  });

  it("refuses a second order with the same external reference (409 naming the existing order)", async () => {
    const body = orderBody();
    const first = await createOrder(body);
    expect(await json(await post("/api/v1/orders", body), 409)).toMatchObject({
      code: "conflict",
      orderId: first.id,
      errors: [{ field: "externalRef" }],
    });
  });

  it("rejects bad orders naming each field", async () => {
    const noCoordinates = { ...orderBody(), destination: { address: "somewhere" } };
    const res = await json<{ errors: { field: string; reason: string }[] }>(
      await post("/api/v1/orders", noCoordinates),
      422,
    );
    expect(res.errors.map((e) => e.field).sort()).toEqual(["destination.lat", "destination.lng"]);
    expect(res.errors[0]?.reason).toMatch(/without coordinates/);
    const backwards = {
      ...orderBody(),
      timeWindows: [{ start: "2026-11-23T12:00:00Z", end: "2026-11-23T09:00:00Z" }],
    };
    expect(await json(await post("/api/v1/orders", backwards), 422)).toMatchObject({
      errors: [{ field: "timeWindows.0.end", reason: "must be after start" }],
    });
    expect(await json(await post("/api/v1/orders", { ...orderBody(), colour: "red" }), 422)).toMatchObject({
      errors: [{ field: "colour", reason: "unknown field" }],
    });
    expect(
      (
        await system.api("/api/v1/orders", {
          method: "POST",
          body: "{",
          headers: { "content-type": "application/json" },
        })
      ).status,
    ).toBe(400);
  });

  it("refuses illegal transitions with the current state", async () => {
    const order = await createOrder();
    await json(
      await post(`/api/v1/orders/${order.id}/status`, { status: "cancelled", reason: "customer" }),
      200,
    );
    const again = await json<{ detail: string; currentState: string }>(
      await post(`/api/v1/orders/${order.id}/status`, { status: "ready" }),
      409,
    );
    expect(again.currentState).toBe("cancelled");
    expect(again.detail).toMatch(/is cancelled; it cannot become ready/);
    expect(
      await json(await post(`/api/v1/orders/${order.id}/status`, { status: "delivered" }), 422),
    ).toMatchObject({
      errors: [{ field: "status" }],
    });
  });

  it("delivers with proof: the driver sees only their route, the customer follows the link", async () => {
    const dee = await driver();
    const other = await driver();
    const { order, stop } = await plannedOrder(dee);
    expect(stop).toMatchObject({ status: "assigned", vehicleId, driverId: dee.id });
    const onVan = await json<PageDto<OrderDto>>(
      await system.api(`/api/v1/orders?vehicleId=${vehicleId}&limit=200`),
      200,
    );
    expect(onVan.items.map((o) => o.id)).toContain(order.id);
    expect(onVan.items.every((o) => o.stops.some((s) => s.vehicleId === vehicleId))).toBe(true);
    expect((await detail(order.id)).milestone).toBe("in_transit");

    const mine = await json<StopDto[]>(await system.api("/api/v1/stops", { key: dee.token }), 200);
    expect(mine.map((s) => s.id)).toEqual([stop.id]);
    expect(await json<StopDto[]>(await system.api("/api/v1/stops", { key: other.token }), 200)).toEqual([]);
    await json(await post(`/api/v1/stops/${stop.id}/status`, { status: "en_route" }, other.token), 404);
    expect((await system.api(`/api/v1/orders/${order.id}`, { key: dee.token })).status).toBe(403);

    await json(await post(`/api/v1/stops/${stop.id}/status`, { status: "en_route" }, dee.token), 200);
    expect(await detail(order.id)).toMatchObject({ status: "out_for_delivery", milestone: "arriving" });

    const form = new FormData();
    form.append("signature", new Blob([PNG], { type: "image/png" }), "signature.png");
    form.append("photos", new Blob([JPEG], { type: "image/jpeg" }), "door.jpg");
    form.append("recipientName", "Ada");
    form.append("lat", "43.7394");
    form.append("lng", "7.4276");
    await json(
      await system.api(`/api/v1/stops/${stop.id}/proof`, { method: "POST", body: form, key: dee.token }),
      201,
    );

    const done = await json<StopDto>(
      await post(`/api/v1/stops/${stop.id}/status`, { status: "completed", outcome: "succeeded" }, dee.token),
      200,
    );
    expect(done).toMatchObject({ status: "completed", outcome: "succeeded" });
    const delivered = await detail(order.id);
    expect(delivered).toMatchObject({ status: "delivered", milestone: "delivered", attempts: 1 });
    expect(delivered.proofs).toMatchObject([
      { stopId: stop.id, recipientName: "Ada", position: { lat: 43.7394 } },
    ]);
    const files = delivered.proofs[0]!.files;
    expect(files.map((f) => f.kind).sort()).toEqual(["photo", "signature"]);
    const signature = files.find((f) => f.kind === "signature")!;
    const image = await system.api(signature.url);
    expect(image.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await image.arrayBuffer())).toEqual(PNG);
    expect((await system.api(signature.url, { key: otherOrgKey })).status).toBe(404);
    expect(delivered.timeline.filter((e) => e.type === "order.status_changed").map((e) => e.to)).toEqual([
      "ready",
      "planned",
      "out_for_delivery",
      "delivered",
    ]);
    expect(await outboxTypes(order.id)).toContain("stop.completed");

    const token = new URL(order.trackingUrl!).pathname.split("/").pop()!;
    const view = await json<TrackingViewDto>(await system.api(`/api/v1/track/${token}`, { key: null }), 200);
    expect(view).toMatchObject({ milestone: "delivered", reference: order.externalRef, feedbackOpen: true });
    expect(view.history.map((h) => h.milestone)).toEqual([
      "pre_transit",
      "in_transit",
      "arriving",
      "delivered",
    ]);
    expect(JSON.stringify(view)).not.toContain(dee.id);
    const photo = await system.api(view.proofs[0]!.files[0]!.url, { key: null });
    expect(photo.status).toBe(200);
    await json(await post(`/api/v1/track/${token}/feedback`, { rating: 5, comment: "quick" }, ""), 201);
    expect(
      await json(
        await system.api(`/api/v1/track/${token}/feedback`, {
          method: "POST",
          key: null,
          json: { rating: 4 },
        }),
        409,
      ),
    ).toMatchObject({
      detail: expect.stringMatching(/already given/),
    });
    expect((await detail(order.id)).feedback).toMatchObject({ rating: 5, comment: "quick" });
  });

  it("fails a delivery with a reason, reschedules it, and sends another back to the sender", async () => {
    const dee = await driver();
    const { order, stop } = await plannedOrder(dee);
    expect(
      await json(
        await post(`/api/v1/stops/${stop.id}/status`, { status: "completed", outcome: "failed" }, dee.token),
        422,
      ),
    ).toMatchObject({ errors: [{ field: "failureReason" }] });
    await json(
      await post(
        `/api/v1/stops/${stop.id}/status`,
        { status: "completed", outcome: "failed", failureReason: "customer_absent" },
        dee.token,
      ),
      200,
    );
    expect(await detail(order.id)).toMatchObject({ status: "delivery_failed", milestone: "delivery_failed" });
    const again = await json<OrderDto>(
      await post(`/api/v1/orders/${order.id}/reschedule`, {
        timeWindows: [{ start: "2026-11-24T14:00", end: "2026-11-24T16:00" }],
      }),
      200,
    );
    expect(again).toMatchObject({
      status: "ready",
      timeWindows: [{ start: "2026-11-24T14:00:00.000+01:00" }],
    });
    expect(again.stops.map((s) => [s.purpose, s.status])).toEqual([
      ["delivery", "completed"],
      ["redelivery", "unassigned"],
    ]);

    const second = await plannedOrder(dee);
    await post(
      `/api/v1/stops/${second.stop.id}/status`,
      { status: "completed", outcome: "failed", failureReason: "refused" },
      dee.token,
    );
    const back = await json<OrderDto>(
      await post(`/api/v1/orders/${second.order.id}/return-to-sender`, {}),
      200,
    );
    expect([back.status, back.milestone]).toEqual(["returned", "return_to_sender"]);
  });

  it("turns a return request into a pickup stop that returns the order", async () => {
    const dee = await driver();
    const { order, stop } = await plannedOrder(dee);
    await post(`/api/v1/stops/${stop.id}/status`, { status: "completed", outcome: "succeeded" }, dee.token);
    const returning = await json<OrderDto>(
      await post(`/api/v1/orders/${order.id}/return`, { reason: "wrong_item" }),
      200,
    );
    expect(returning.milestone).toBe("return_to_sender");
    const pickup = returning.stops.find((s) => s.purpose === "return_pickup")!;
    expect(pickup).toMatchObject({ kind: "pickup", status: "unassigned" });
    await json(await post(`/api/v1/stops/${pickup.id}/assign`, { vehicleId, driverId: dee.id }), 200);
    await json(
      await post(
        `/api/v1/stops/${pickup.id}/status`,
        { status: "completed", outcome: "succeeded" },
        dee.token,
      ),
      200,
    );
    expect((await detail(order.id)).status).toBe("returned");
  });

  it("withdraws and reissues tracking links; forged tokens are not found", async () => {
    const order = await createOrder();
    const token = new URL(order.trackingUrl!).pathname.split("/").pop()!;
    expect((await system.api(`/api/v1/track/${token}`, { key: null })).status).toBe(200);
    expect((await system.api(`/api/v1/orders/${order.id}/tracking-link`, { method: "DELETE" })).status).toBe(
      204,
    );
    expect(await json(await system.api(`/api/v1/track/${token}`, { key: null }), 410)).toMatchObject({
      code: "gone",
    });
    const fresh = await json<{ trackingUrl: string }>(
      await post(`/api/v1/orders/${order.id}/tracking-link`, {}),
      201,
    );
    expect(
      (
        await system.api(new URL(fresh.trackingUrl).pathname.replace("/track/", "/api/v1/track/"), {
          key: null,
        })
      ).status,
    ).toBe(200);
    const forged = `${token.split(".")[0]}.AAAAAAAAAAAAAAAAAAAAAA`;
    expect((await system.api(`/api/v1/track/${forged}`, { key: null })).status).toBe(404);
    expect((await system.api("/api/v1/track/nonsense", { key: null })).status).toBe(404);
  });

  it("keeps organisations apart", async () => {
    const order = await createOrder();
    expect((await system.api(`/api/v1/orders/${order.id}`, { key: otherOrgKey })).status).toBe(404);
    const theirs = await json<PageDto<OrderDto>>(
      await system.api("/api/v1/orders", { key: otherOrgKey }),
      200,
    );
    expect(theirs.items).toEqual([]);
    expect((await post(`/api/v1/orders/${order.id}/status`, { status: "ready" }, otherOrgKey)).status).toBe(
      404,
    );
    expect(
      (await post(`/api/v1/stops/${order.stops[0]!.id}/assign`, { vehicleId }, otherOrgKey)).status,
    ).toBe(404);
  });

  it("pages through the list with cursors and filters by status and channel", async () => {
    const channel = `c${Date.now().toString(36)}`;
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push((await createOrder({ ...orderBody(), channel })).id);
    await post(`/api/v1/orders/${made[0]}/status`, { status: "ready" });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: PageDto<OrderDto> = await json(
        await system.api(`/api/v1/orders?channel=${channel}&limit=2${cursor ? `&cursor=${cursor}` : ""}`),
        200,
      );
      seen.push(...page.items.map((o) => o.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...made].reverse());
    const found = await json<PageDto<OrderDto>>(
      await system.api(`/api/v1/orders?channel=${channel}&q=ada%20LOVE`),
      200,
    );
    expect(found.items).toHaveLength(5);
    const none = await json<PageDto<OrderDto>>(
      await system.api(`/api/v1/orders?channel=${channel}&q=zebra`),
      200,
    );
    expect(none.items).toEqual([]);
    const ready = await json<PageDto<OrderDto>>(
      await system.api(`/api/v1/orders?channel=${channel}&status=ready`),
      200,
    );
    expect(ready.items.map((o) => o.id)).toEqual([made[0]]);
    expect(await json(await system.api("/api/v1/orders?status=lost"), 422)).toMatchObject({
      errors: [{ field: "status.0" }],
    });
    expect((await system.api("/api/v1/orders?cursor=zzz")).status).toBe(422);
  });

  it("imports a day's orders from CSV (one line per item) with a per-row error report", async () => {
    const ref = uniqueDeviceId("CSV");
    const csv = [
      "channel,externalRef,customerName,customerEmail,address,lat,lng,timeZone,windowStart,windowEnd,sku,quantity,weightKg",
      `store,${ref}-1,Bea,bea@example.com,1 Rue Grimaldi,43.731,7.419,Europe/Monaco,2026-11-23T09:00,2026-11-23T11:00,MUG,2,0.4`,
      `store,${ref}-1,Bea,bea@example.com,1 Rue Grimaldi,43.731,7.419,Europe/Monaco,2026-11-23T09:00,2026-11-23T11:00,TEA,1,0.2`,
      `store,${ref}-2,Cy,,9 Boulevard,north,7.42,Europe/Monaco,,,PEN,1,`,
      `phone,${ref}-3,Di,,3 Quai,43.735,7.421,Europe/Monaco,2026-11-23T14:00,2026-11-23T13:00,INK,1,`,
    ].join("\n");
    const res = await system.api("/api/v1/orders/import", {
      method: "POST",
      body: csv,
      headers: { "content-type": "text/csv" },
    });
    const report = await json<{
      created: number;
      failed: number;
      results: { rows: number[]; orderId: string | null; errors: { field: string }[] }[];
    }>(res, 200);
    expect([report.created, report.failed]).toEqual([1, 2]);
    expect(report.results.map((r) => [r.rows, r.errors.map((e) => e.field)])).toEqual([
      [[2, 3], []],
      [[4], ["destination.lat"]],
      [[5], ["timeWindows.0.end"]],
    ]);
    const created = await detail(report.results[0]!.orderId!);
    expect(created.items.map((i) => i.sku)).toEqual(["MUG", "TEA"]);
    expect(created.timeWindows[0]?.start).toBe("2026-11-23T09:00:00.000+01:00");
    const again = await json<{ created: number }>(
      await system.api("/api/v1/orders/import", {
        method: "POST",
        body: csv,
        headers: { "content-type": "text/csv" },
      }),
      422,
    );
    expect(again.created).toBe(0);
  });

  it("imports a JSON array the same way", async () => {
    const report = await json<{ created: number; failed: number }>(
      await post("/api/v1/orders/import", [orderBody(), { ...orderBody(), items: [] }]),
      200,
    );
    expect([report.created, report.failed]).toEqual([1, 1]);
  });

  it("reports KPIs over the organisation's orders", async () => {
    const kpis = await json<{
      overall: { orders: number; delivered: number; firstAttemptSuccessRate: number | null };
    }>(await system.api("/api/v1/kpis"), 200);
    expect(kpis.overall.orders).toBeGreaterThan(5);
    expect(kpis.overall.delivered).toBeGreaterThanOrEqual(2);
    expect(kpis.overall.firstAttemptSuccessRate).toBeGreaterThan(0);
    expect(await json(await system.api("/api/v1/kpis?from=2026-12-01&to=2026-11-01"), 422)).toMatchObject({
      errors: [{ field: "to" }],
    });
  });
});
