import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { OrderDto, PlanDto, VehicleDto } from "@waybill/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, startTestSystem, type TestSystem, uniqueDeviceId } from "../support/system";

/*
 * A day of orders in Monaco, planned on the real road network imported from OpenStreetMap
 * (../shared/data/osm/monaco.osm.pbf; © OpenStreetMap contributors, ODbL): the plan's distances
 * are the road matrix's, every stop keeps its window and capacity, and the plan is far shorter
 * than the same stops shared out in the order they came in.
 */
const MONACO = fileURLToPath(new URL("../../../shared/data/osm/monaco.osm.pbf", import.meta.url));
const missing = !existsSync(MONACO);

type LngLat = [number, number];
const DAY = "2026-11-23";
const STOPS = 40;
const VANS = 4;
const DEPOT: LngLat = [7.4203, 43.7311]; // Fontvieille, the industrial quarter
const WINDOWS = [
  ["08:00", "11:00"],
  ["10:00", "13:00"],
  ["12:00", "15:00"],
  ["08:00", "16:00"],
] as const;

let system: TestSystem;

/** Deterministic points on Monaco's streets: every k-th vertex of the served street network. */
async function streetPoints(count: number): Promise<LngLat[]> {
  const streets = (await (await system.api("/api/v1/map/streets")).json()) as {
    features: { geometry: { coordinates: LngLat[] } }[];
  };
  const vertices = streets.features.flatMap((f) => f.geometry.coordinates);
  const step = Math.floor(vertices.length / count);
  return Array.from({ length: count }, (_, i) => vertices[i * step + Math.floor(step / 2)]!);
}

async function roadMatrix(points: LngLat[]): Promise<number[][]> {
  const res = await system.api("/api/v1/matrix", { method: "POST", json: { sources: points } });
  expect(res.status).toBe(200);
  const { distancesM } = (await res.json()) as { distancesM: (number | null)[][] };
  return distancesM.map((row) => row.map((d) => d ?? Number.POSITIVE_INFINITY));
}

describe.skipIf(missing)(
  `route plans on Monaco's roads${missing ? ` (skipped: ${MONACO} not found)` : ""}`,
  () => {
    beforeAll(async () => {
      system = await startTestSystem({ env: { OSM_FILE: MONACO } });
    }, 120_000);
    afterAll(() => system?.stop());

    it("plans 40 stops on 4 vans with road distances, keeping windows and capacity, then applies them", async () => {
      // Street points the depot can reach and be reached from; the extract also holds bits of
      // French road that join Monaco's only outside it: one of those becomes an order too.
      const candidates = await streetPoints(2 * STOPS);
      const fromDepot = await roadMatrix([DEPOT, ...candidates]);
      const connected = candidates.filter((_, i) =>
        Number.isFinite(fromDepot[0]![i + 1]! + fromDepot[i + 1]![0]!),
      );
      const isolated = candidates.find((_, i) => !Number.isFinite(fromDepot[0]![i + 1]!));
      expect(isolated, "a street point cut off from the depot").toBeDefined();
      const points = connected.slice(0, STOPS);
      expect(points).toHaveLength(STOPS);
      const vans: string[] = [];
      for (let v = 0; v < VANS; v++) {
        const res = await system.api("/api/v1/vehicles", {
          method: "POST",
          json: { name: `Monaco ${v + 1}`, capacityKg: 150 },
        });
        vans.push(((await res.json()) as VehicleDto).id);
      }
      const orders: OrderDto[] = [];
      for (const [i, [lng, lat]] of points.entries()) {
        const [start, end] = WINDOWS[i % WINDOWS.length]!;
        const res = await system.api("/api/v1/orders", {
          method: "POST",
          json: {
            channel: "web",
            externalRef: uniqueDeviceId(`MC${i}`),
            customer: { name: `Customer ${i}` },
            destination: { address: `stop ${i}`, lat, lng },
            timeZone: "Europe/Monaco",
            timeWindows: [{ start: `${DAY}T${start}`, end: `${DAY}T${end}` }],
            items: [{ sku: "BOX", quantity: 1, weightKg: 10 + (i % 5) * 2 }],
            serviceTimeSeconds: 180,
          },
        });
        expect(res.status).toBe(201);
        const order = (await res.json()) as OrderDto;
        await system.api(`/api/v1/orders/${order.id}/status`, { method: "POST", json: { status: "ready" } });
        orders.push(order);
      }
      const cutOff = (await (
        await system.api("/api/v1/orders", {
          method: "POST",
          json: {
            channel: "phone",
            customer: { name: "Across the border" },
            destination: { address: "cut off", lat: isolated![1], lng: isolated![0] },
            items: [{ sku: "BOX", quantity: 1, weightKg: 5 }],
          },
        })
      ).json()) as OrderDto;
      await system.api(`/api/v1/orders/${cutOff.id}/status`, { method: "POST", json: { status: "ready" } });
      const depot = { lng: DEPOT[0], lat: DEPOT[1] };
      const res = await system.api("/api/v1/plans", {
        method: "POST",
        json: {
          date: DAY,
          timeZone: "Europe/Monaco",
          stopIds: [...orders, cutOff].map((o) => o.stops[0]!.id),
          vehicles: vans.map((vehicleId) => ({
            vehicleId,
            start: depot,
            end: depot,
            shift: { start: "07:30", end: "17:00" },
          })),
          timeLimitSeconds: 3,
        },
      });
      expect(res.status).toBe(202);
      const { id } = (await res.json()) as PlanDto;
      const plan = await eventually(
        async () => {
          const p = (await (await system.api(`/api/v1/plans/${id}`)).json()) as PlanDto;
          return p.status === "running" ? undefined : p;
        },
        60_000,
        "the plan to finish",
      );
      expect(plan.status).toBe("succeeded");
      expect(plan.unassigned).toEqual([
        { stopId: cutOff.stops[0]!.id, orderId: cutOff.id, reason: "no_road_connection" },
      ]);

      // Windows and capacity hold on every route; the geometry follows the roads.
      const weightOf = new Map(orders.map((o, i) => [o.stops[0]!.id, 10 + (i % 5) * 2]));
      const windowOf = new Map(orders.map((o, i) => [o.stops[0]!.id, WINDOWS[i % WINDOWS.length]!]));
      const hhmm = (iso: string) =>
        new Intl.DateTimeFormat("en-GB", {
          timeZone: "Europe/Monaco",
          hour: "2-digit",
          minute: "2-digit",
        }).format(new Date(iso));
      for (const route of plan.routes) {
        expect(route.warnings).toEqual([]);
        expect(route.geometry!.coordinates.length).toBeGreaterThan(route.stops.length + 1);
        for (const stop of route.stops) {
          const [start, end] = windowOf.get(stop.stopId)!;
          expect(
            hhmm(stop.serviceAt) >= start && hhmm(stop.serviceAt) <= end,
            `${stop.stopId} at ${stop.serviceAt}`,
          ).toBe(true);
          expect(stop.lateS).toBe(0);
        }
        const carried = route.stops.reduce((kg, s) => kg + weightOf.get(s.stopId)!, 0);
        expect(carried).toBeLessThanOrEqual(150);
      }

      // The plan's distances are the road network's: recomputed from the matrix, depot to depot.
      const all: LngLat[] = [DEPOT, ...points];
      const matrix = await roadMatrix(all);
      const indexOf = new Map(orders.map((o, i) => [o.stops[0]!.id, i + 1]));
      const tourLength = (sequence: number[]) =>
        [0, ...sequence, 0].reduce((sum, to, k, seq) => (k === 0 ? 0 : sum + matrix[seq[k - 1]!]![to]!), 0);
      const planned = plan.routes.reduce(
        (sum, route) => sum + tourLength(route.stops.map((s) => indexOf.get(s.stopId)!)),
        0,
      );
      expect(Math.abs(planned - plan.summary!.distanceM) / planned).toBeLessThan(0.02);

      // Far shorter than sharing the stops out round-robin in the order they arrived.
      const naive = Array.from({ length: VANS }, (_, v) =>
        tourLength(points.map((_, i) => i + 1).filter((i) => i % VANS === v)),
      ).reduce((a, b) => a + b, 0);
      expect(plan.summary!.distanceM).toBeLessThan(0.6 * naive);

      const applied = (await (await system.api(`/api/v1/plans/${id}/apply`, { method: "POST" })).json()) as {
        applied: number;
      };
      expect(applied.applied).toBe(STOPS);
    }, 150_000);
  },
);
