import { randomBytes } from "node:crypto";
import { type Database, openDatabase } from "@waybill/server/adapters/db/database";
import { createScratchDatabase } from "@waybill/server/adapters/db/testing/test-database";
import { type AlertDto, nativeTelemetryTopic, type OrderDetailDto, type OrderDto } from "@waybill/shared";
import mqtt from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outboxEvents } from "../../server/src/adapters/db/schema";
import { type BBox, networkBox, pointIn } from "../support/road-network";
import { type ServerProcess, startServerProcess } from "../support/server-process";
import { eventually } from "../support/system";

const databaseUrl = process.env.DATABASE_URL ?? "";
const mqttUrl = process.env.MQTT_URL ?? "";
/** Unique per run: CI may run both modes against the same broker at once. */
const run = randomBytes(4).toString("hex");
const adminKey = `cluster-tracking-admin-${randomBytes(16).toString("hex")}`;

interface Point {
  readonly lat: number;
  readonly lng: number;
}

interface Fix extends Point {
  readonly fixAt: number;
  readonly speedKmh: number;
}

/** Fixes every 5 s on a straight line from `a` to `b` at 30 km/h, the first at `t`. */
function drive(a: Point, b: Point, t: number): Fix[] {
  const metres = Math.hypot(
    (b.lat - a.lat) * 111_320,
    (b.lng - a.lng) * 111_320 * Math.cos((a.lat * Math.PI) / 180),
  );
  const steps = Math.max(1, Math.ceil(metres / ((30 / 3.6) * 5)));
  return Array.from({ length: steps + 1 }, (_, i) => ({
    fixAt: t + i * 5000,
    lat: a.lat + ((b.lat - a.lat) * i) / steps,
    lng: a.lng + ((b.lng - a.lng) * i) / steps,
    speedKmh: 30,
  }));
}

/** Standing at `p` for 90 s (past the 45 s dwell), a fix every 5 s with a few metres of drift. */
const stand = (p: Point, t: number): Fix[] =>
  Array.from({ length: 19 }, (_, i) => ({
    fixAt: t + i * 5000,
    lat: p.lat + (i % 3) * 2e-5,
    lng: p.lng - (i % 2) * 2e-5,
    speedKmh: 0,
  }));

describe.skipIf(!databaseUrl || !mqttUrl)(
  "live tracking on two server processes (skipped: needs real PostgreSQL and an MQTT 5 broker)",
  () => {
    let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
    let database: Database;
    const servers: ServerProcess[] = [];
    const clientIds = [`wbt-${run}-ta`, `wbt-${run}-tb`];

    beforeAll(async () => {
      scratch = await createScratchDatabase(databaseUrl);
      const start = (name: string, clientId: string) =>
        startServerProcess(name, {
          DATABASE_URL: scratch.url,
          MQTT_URL: mqttUrl,
          MQTT_SHARE_GROUP: `wbt-${run}`,
          MQTT_CLIENT_ID: clientId,
          WAYBILL_ADMIN_KEY: adminKey,
          LOG_LEVEL: "warn",
          CLUSTER_CHECK_INTERVAL_SECONDS: "0.5",
          DEVICE_RATE_LIMIT_PER_SECOND: "0",
        });
      // One after the other: the first start creates the schema and the operator organisation.
      servers.push(await start("a", clientIds[0] as string));
      servers.push(await start("b", clientIds[1] as string));
      database = await openDatabase({ kind: "postgres", url: scratch.url, maxConnections: 2 });
    });

    afterAll(async () => {
      await Promise.all(
        servers.map(async (server) => {
          const killer = setTimeout(() => server.child.kill("SIGKILL"), 10_000);
          await server.stop("SIGTERM");
          clearTimeout(killer);
        }),
      );
      for (const clientId of clientIds) {
        // A clean start with no expiry discards the session this run left on the broker.
        const client = await mqtt
          .connectAsync(mqttUrl, { clientId, clean: true, protocolVersion: 5, reconnectPeriod: 0 })
          .catch(() => null);
        await client?.endAsync();
      }
      await database?.close();
      await scratch?.drop();
    });

    const api = (server: ServerProcess) => ({
      api: (path: string, init: RequestInit & { json?: unknown } = {}) => {
        const { json, ...rest } = init;
        const headers = new Headers(rest.headers);
        headers.set("authorization", `Bearer ${adminKey}`);
        if (json !== undefined) headers.set("content-type", "application/json");
        return fetch(`${server.url}${path}`, {
          ...rest,
          headers,
          ...(json ? { body: JSON.stringify(json) } : {}),
        });
      },
    });

    it("evaluates each vehicle on one instance, in fix order, and hands it over when that instance dies", async () => {
      const [a, b] = servers as [ServerProcess, ServerProcess];
      const http = api(a);
      // Both instances see each other before the first fix: from then on each vehicle has one owner.
      await eventually(
        async () =>
          (await a.metric("waybill_cluster_members")) === 2 &&
          (await b.metric("waybill_cluster_members")) === 2
            ? true
            : undefined,
        15_000,
        "both instances to see two members",
      );
      const bbox: BBox = await networkBox(http);
      const depot = pointIn(bbox, 0.5, 0.5);
      const places = [pointIn(bbox, 0.56, 0.53), pointIn(bbox, 0.62, 0.57), pointIn(bbox, 0.68, 0.62)];
      const deviceId = `trk-${run}`;
      const created = await http.api("/api/v1/vehicles", { method: "POST", json: { name: "Van", deviceId } });
      expect(created.status).toBe(201);
      const vanId = ((await created.json()) as { id: string }).id;
      const now = Date.now();
      const iso = (ms: number) => new Date(ms).toISOString();
      const open = { start: iso(now - 3_600_000), end: iso(now + 3 * 3_600_000) };
      // The second stop's window closed ten minutes ago: a delay, whatever the road.
      const windows = [open, { start: iso(now - 3_600_000), end: iso(now - 600_000) }, open];
      const orders: OrderDto[] = [];
      for (const [sequence, place] of places.entries()) {
        const response = await http.api("/api/v1/orders", {
          method: "POST",
          json: {
            channel: "web",
            externalRef: `ct-${run}-${sequence}`,
            customer: { name: `Customer ${sequence}` },
            destination: { address: "on the map", ...place },
            timeWindows: [windows[sequence]],
            items: [{ sku: "BOX", quantity: 1 }],
            serviceTimeSeconds: 60,
          },
        });
        const order = (await response.json()) as OrderDto;
        await http.api(`/api/v1/orders/${order.id}/status`, { method: "POST", json: { status: "ready" } });
        await http.api(`/api/v1/stops/${order.stops[0]?.id}/assign`, {
          method: "POST",
          json: { vehicleId: vanId, sequence },
        });
        orders.push(order);
      }
      const detail = async (server: ServerProcess, id: string) =>
        (await (await api(server).api(`/api/v1/orders/${id}`)).json()) as OrderDetailDto;

      const device = await mqtt.connectAsync(mqttUrl, {
        clientId: `wbt-${run}-van`,
        protocolVersion: 5,
        reconnectPeriod: 0,
      });
      let published = 0;
      let t = now - 20 * 60_000;
      let from = depot;
      /** Drives to the next stop and stands there: the broker shares the fixes between a and b. */
      const driveTo = async (place: Point) => {
        const fixes = [...drive(from, place, t)];
        fixes.push(...stand(place, (fixes.at(-1)?.fixAt ?? t) + 5000));
        for (const fix of fixes) {
          await device.publishAsync(nativeTelemetryTopic(deviceId), JSON.stringify(fix), { qos: 1 });
          published++;
        }
        t = (fixes.at(-1)?.fixAt ?? t) + 5000;
        from = place;
      };
      /** Waits for tracking to recognise the arrival, then the driver completes the stop. */
      const arriveAndComplete = async (server: ServerProcess, index: number) => {
        const stopId = orders[index]?.stops[0]?.id;
        await eventually(
          async () =>
            (await detail(server, orders[index]?.id as string)).stops[0]?.status === "arrived"
              ? true
              : undefined,
          20_000,
          `arrival at stop ${index + 1}`,
        );
        const done = await api(server).api(`/api/v1/stops/${stopId}/status`, {
          method: "POST",
          json: { status: "completed", outcome: "succeeded" },
        });
        expect(done.status).toBe(200);
      };

      await driveTo(places[0] as Point);
      await arriveAndComplete(a, 0);
      await driveTo(places[1] as Point);
      await arriveAndComplete(b, 1);
      const fixesBeforeKill = published;

      // One instance owns the van: it evaluated its fixes, those the other stored were handed to it.
      const evaluated = await Promise.all(
        servers.map((s) => s.metric("waybill_tracking_positions_evaluated_total")),
      );
      const owner = (evaluated[0] ?? 0) > 0 ? a : b;
      const other = owner === a ? b : a;
      expect(await other.metric("waybill_tracking_positions_evaluated_total")).toBe(0);
      const ownerStored = await owner.metric("waybill_positions_stored_total");
      const otherStored = await other.metric("waybill_positions_stored_total");
      expect(ownerStored).toBeGreaterThan(0);
      expect(otherStored).toBeGreaterThan(0);
      // Everything the other stored reaches the owner (sent at most 100 ms after it was stored).
      await eventually(
        async () =>
          (await other.metric("waybill_tracking_forwarded_total")) === otherStored &&
          (await owner.metric("waybill_tracking_forward_received_total")) === otherStored
            ? true
            : undefined,
        10_000,
        "every position the other instance stored to be handed to the owner",
      );
      const ownerEvaluated = await owner.metric("waybill_tracking_positions_evaluated_total");
      console.info(
        `cluster tracking: ${fixesBeforeKill} fixes, ${ownerStored} stored by the owner and ${otherStored} by the other ` +
          `(handed over); the owner evaluated ${ownerEvaluated} in fix order`,
      );
      // Evaluated in fix order: a fix arriving after a newer one would be skipped as old news.
      expect(ownerEvaluated).toBeGreaterThanOrEqual(fixesBeforeKill * 0.9);

      // The owner dies; the survivor sees one member, takes over its MQTT session and the van.
      owner.child.kill("SIGKILL");
      expect(await owner.exited).toBe("SIGKILL");
      servers.splice(servers.indexOf(owner), 1);
      await eventually(
        async () =>
          (await other.metric("waybill_cluster_members")) === 1 &&
          (await other.metric("waybill_mqtt_sessions_adopted_total")) === 1
            ? true
            : undefined,
        20_000,
        "the survivor to see itself alone and take over the dead instance's session",
      );
      await driveTo(places[2] as Point);
      await arriveAndComplete(other, 2);
      await device.endAsync();
      expect(await other.metric("waybill_tracking_rebuilt_vehicles_total")).toBeGreaterThanOrEqual(1);
      expect(await other.metric("waybill_tracking_positions_evaluated_total")).toBeGreaterThan(0);

      // Each stop arrived at once, each order left the depot once, one delay (alert and event).
      for (const order of orders) {
        const timeline = (await detail(other, order.id)).timeline;
        const to = (type: string, status: string) =>
          timeline.filter((e) => e.type === type && e.to === status);
        expect(to("stop.status_changed", "arrived"), order.externalRef ?? order.id).toHaveLength(1);
        expect(to("stop.status_changed", "en_route").length).toBeLessThanOrEqual(1);
        expect(to("order.status_changed", "out_for_delivery")).toHaveLength(1);
      }
      const late = orders[1] as OrderDto;
      const alerts = (await (await api(other).api("/api/v1/alerts")).json()) as AlertDto[];
      expect(
        alerts.filter((alert) => alert.kind === "late_for_window" && alert.orderId === late.id),
      ).toHaveLength(1);
      const delayed = (await database.db.select().from(outboxEvents)).filter(
        (event) => event.orderId === late.id && event.type === "shipment.delayed",
      );
      expect(delayed).toHaveLength(1);
    });
  },
);
