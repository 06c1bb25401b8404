import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BBox, networkBox } from "../support/road-network";
import { startTestSystem, type TestSystem } from "../support/system";

let system: TestSystem;
let bbox: BBox;
beforeAll(async () => {
  system = await startTestSystem();
  bbox = await networkBox(system);
});
afterAll(() => system?.stop());

/** A point at fractions (fx, fy) of the network's bounding box. */
const at = (fx: number, fy: number): [number, number] => [
  bbox[0] + (bbox[2] - bbox[0]) * fx,
  bbox[1] + (bbox[3] - bbox[1]) * fy,
];
const param = (points: [number, number][]) => points.map((p) => p.join(",")).join(";");

interface Route {
  distanceM: number;
  durationS: number;
  osmNodeIds: number[];
  geometry: { type: string; coordinates: [number, number][] };
  steps: { type: string; instruction: string }[];
}

describe("routing API on the default network (the synthetic town)", () => {
  it("routes between two points with geometry, OSM node ids and turn-by-turn steps", async () => {
    const res = await system.api(`/api/v1/route?points=${param([at(0.2, 0.2), at(0.8, 0.7)])}`);
    expect(res.status).toBe(200);
    const route = (await res.json()) as Route;
    expect(route.distanceM).toBeGreaterThan(500);
    expect(route.durationS).toBeGreaterThan(30);
    expect(route.geometry.type).toBe("LineString");
    expect(route.geometry.coordinates.length).toBeGreaterThan(2);
    expect(route.osmNodeIds.length).toBeGreaterThan(2);
    expect(route.steps[0]?.type).toBe("depart");
    expect(route.steps.at(-1)?.type).toBe("arrive");
    expect(route.steps.every((s) => s.instruction.length > 0)).toBe(true);
  });

  it("routes through several points", async () => {
    const direct = (await (
      await system.api(`/api/v1/route?points=${param([at(0.2, 0.2), at(0.8, 0.8)])}`)
    ).json()) as Route;
    const via = (await (
      await system.api(`/api/v1/route?points=${param([at(0.2, 0.2), at(0.8, 0.2), at(0.8, 0.8)])}`)
    ).json()) as Route;
    expect(via.durationS).toBeGreaterThanOrEqual(direct.durationS);
  });

  it("names the point that is off the network (422) and refuses malformed points", async () => {
    const far = await system.api(`/api/v1/route?points=${param([at(0.5, 0.5), [0, 0]])}`);
    expect(far.status).toBe(422);
    expect(((await far.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe("points[1]");
    const bad = await system.api("/api/v1/route?points=7.4,43.7;oops");
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe("points.1");
    expect((await system.api("/api/v1/route?points=7.4,43.7")).status).toBe(422);
  });

  it("computes a travel-time and distance matrix", async () => {
    const points = [at(0.2, 0.2), at(0.5, 0.5), at(0.8, 0.3)];
    const res = await system.api("/api/v1/matrix", { method: "POST", json: { sources: points } });
    expect(res.status).toBe(200);
    const m = (await res.json()) as { durationsS: (number | null)[][]; distancesM: (number | null)[][] };
    expect(m.durationsS).toHaveLength(3);
    expect(m.durationsS[0]?.[0]).toBe(0);
    const route = (await (
      await system.api(`/api/v1/route?points=${param([points[0]!, points[2]!])}&steps=false`)
    ).json()) as Route;
    expect(m.durationsS[0]?.[2]).toBeCloseTo(route.durationS, 1);
    expect(m.distancesM[0]?.[2]).toBeCloseTo(route.distanceM, 0);
  });

  it("snaps a point to the nearest road", async () => {
    const res = await system.api(`/api/v1/snap?point=${param([at(0.5, 0.5)])}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ distanceM: expect.any(Number), name: expect.any(String) });
  });

  it("avoids a closed road, and routes over it again once the closure is removed", async () => {
    const points = param([at(0.2, 0.5), at(0.8, 0.5)]);
    const before = (await (await system.api(`/api/v1/route?points=${points}&steps=false`)).json()) as Route;
    const middle = Math.floor(before.geometry.coordinates.length / 2);
    const closedLine = before.geometry.coordinates.slice(Math.max(0, middle - 1), middle + 2);
    const created = await system.api("/api/v1/road-closures", {
      method: "POST",
      json: { geometry: { type: "LineString", coordinates: closedLine }, reason: "water main repair" },
    });
    expect(created.status).toBe(201);
    const closure = (await created.json()) as { id: string; edgesClosed: number; active: boolean };
    expect(closure.edgesClosed).toBeGreaterThan(0);
    expect(closure.active).toBe(true);
    const during = await system.api(`/api/v1/route?points=${points}&steps=false`);
    if (during.status === 200) {
      const detour = (await during.json()) as Route;
      expect(detour.durationS).toBeGreaterThan(before.durationS);
    } else {
      expect(during.status).toBe(404);
    }
    expect((await system.api(`/api/v1/road-closures/${closure.id}`, { method: "DELETE" })).status).toBe(204);
    const after = (await (await system.api(`/api/v1/route?points=${points}&steps=false`)).json()) as Route;
    expect(after.durationS).toBe(before.durationS);
  });

  it("slows a road with a speed factor: routes through it take longer, or go around", async () => {
    const points = param([at(0.3, 0.4), at(0.7, 0.4)]);
    const before = (await (await system.api(`/api/v1/route?points=${points}&steps=false`)).json()) as Route;
    const created = await system.api("/api/v1/road-closures", {
      method: "POST",
      json: { geometry: before.geometry, reason: "traffic jam", speedFactor: 0.2 },
    });
    expect(created.status).toBe(201);
    const slowdown = (await created.json()) as { id: string; kind: string; speedFactor: number };
    expect(slowdown).toMatchObject({ kind: "slowed", speedFactor: expect.closeTo(0.2, 5) });
    const during = (await (await system.api(`/api/v1/route?points=${points}&steps=false`)).json()) as Route;
    expect(during.durationS).toBeGreaterThan(before.durationS);
    expect((await system.api(`/api/v1/road-closures/${slowdown.id}`, { method: "DELETE" })).status).toBe(204);
    const bad = await system.api("/api/v1/road-closures", {
      method: "POST",
      json: { geometry: before.geometry, reason: "x", speedFactor: 0 },
    });
    expect(bad.status).toBe(422);
  });

  it("refuses a closure drawn where there is no road", async () => {
    const res = await system.api("/api/v1/road-closures", {
      method: "POST",
      json: {
        geometry: {
          type: "LineString",
          coordinates: [
            [0, 0],
            [0.001, 0.001],
          ],
        },
        reason: "nowhere",
      },
    });
    expect(res.status).toBe(422);
  });

  it("needs a token", async () => {
    expect(
      (await system.api(`/api/v1/route?points=${param([at(0.2, 0.2), at(0.3, 0.3)])}`, { key: null })).status,
    ).toBe(401);
    expect(
      (await system.api("/api/v1/matrix", { method: "POST", key: null, json: { sources: [at(0.2, 0.2)] } }))
        .status,
    ).toBe(401);
    expect((await system.api("/api/v1/road-closures", { key: null })).status).toBe(401);
  });
});
