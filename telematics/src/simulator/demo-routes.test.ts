import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import type { LngLat } from "@waybill/shared";
import { describe, expect, it } from "vitest";
import { demoStreetGrid, generateDemoRoutes } from "./demo-routes";
import { createLocalProjection } from "./local-projection";
import { createRouteWalker } from "./route-walker";

const monaco: LngLat = [7.4246, 43.7384];
const projection = createLocalProjection(monaco);
const GOLDEN = new URL("./__fixtures__/out/demo-routes-seed-42.geojson", import.meta.url);

describe(generateDemoRoutes.name, () => {
  const routes = generateDemoRoutes({ center: monaco, count: 25, seed: 42 });
  const grid = demoStreetGrid(monaco, 42);
  const avenueLngs = new Set(
    grid.features
      .filter((f) => f.properties.orientation === "north-south")
      .map((f) => f.geometry.coordinates[0]![0]),
  );
  const streetLats = new Set(
    grid.features
      .filter((f) => f.properties.orientation === "east-west")
      .map((f) => f.geometry.coordinates[0]![1]),
  );

  it("is deterministic by seed", () => {
    expect(generateDemoRoutes({ center: monaco, count: 25, seed: 42 })).toEqual(routes);
    expect(generateDemoRoutes({ center: monaco, count: 25, seed: 43 })).not.toEqual(routes);
    expect(generateDemoRoutes({ center: monaco, count: 0, seed: 42 })).toEqual([]);
  });

  it("makes closed loops of 3 to 8 km", () => {
    expect(routes).toHaveLength(25);
    for (const route of routes) {
      const walker = createRouteWalker(route);
      expect(walker.closed).toBe(true);
      expect(walker.lengthM).toBeGreaterThan(2_990);
      expect(walker.lengthM).toBeLessThan(8_010);
    }
  });

  it("turns only at right angles at crossings of the grid's streets", () => {
    for (const route of routes) {
      route.forEach(([lng, lat], i) => {
        expect(avenueLngs.has(lng) && streetLats.has(lat), `vertex ${i} on a crossing`).toBe(true);
        const next = route[i + 1];
        if (next) expect(next[0] === lng || next[1] === lat, `segment ${i} axis-aligned`).toBe(true);
      });
    }
  });

  it("stays within the 3 km x 3 km grid", () => {
    for (const [x, y] of routes.flat().map(projection.toMeters)) {
      expect(Math.abs(x)).toBeLessThanOrEqual(1_500);
      expect(Math.abs(y)).toBeLessThanOrEqual(1_500);
    }
  });

  it("refuses a negative or fractional count", () => {
    expect(() => generateDemoRoutes({ center: monaco, count: 1.5, seed: 1 })).toThrow(
      "count: expected an integer >= 0, got 1.5",
    );
  });

  it("matches the golden file (REGEN=1 rewrites it; open it on geojson.io to look)", () => {
    const actual = goldenCollection(generateDemoRoutes({ center: monaco, count: 3, seed: 42 }), grid);
    if (process.env.REGEN === "1" || !existsSync(GOLDEN)) {
      mkdirSync(new URL(".", GOLDEN), { recursive: true });
      writeFileSync(GOLDEN, `${JSON.stringify(actual, null, 2)}\n`);
    }
    expect(actual).toEqual(JSON.parse(readFileSync(GOLDEN, "utf8")));
  });
});

describe(demoStreetGrid.name, () => {
  it("lays streets 150-250 m apart over about 3 km in both directions", () => {
    const grid = demoStreetGrid(monaco, 7);
    for (const orientation of ["north-south", "east-west"] as const) {
      const offsetsM = grid.features
        .filter((feature) => feature.properties.orientation === orientation)
        .map(
          (feature) =>
            projection.toMeters(feature.geometry.coordinates[0]!)[orientation === "north-south" ? 0 : 1],
        );
      const gapsM = offsetsM.slice(1).map((offset, i) => offset - offsetsM[i]!);
      for (const gapM of gapsM) expect(gapM).toBeGreaterThan(148);
      for (const gapM of gapsM) expect(gapM).toBeLessThan(252);
      expect(offsetsM[offsetsM.length - 1]! - offsetsM[0]!).toBeGreaterThan(2_700);
    }
  });

  it("is deterministic by seed", () => {
    expect(demoStreetGrid(monaco, 7)).toEqual(demoStreetGrid(monaco, 7));
    expect(demoStreetGrid(monaco, 7)).not.toEqual(demoStreetGrid(monaco, 8));
  });
});

/** Routes in red over the grid in grey, styled for geojson.io. */
function goldenCollection(routes: LngLat[][], grid: ReturnType<typeof demoStreetGrid>) {
  return {
    type: "FeatureCollection",
    features: [
      ...grid.features.map((street) => ({
        ...street,
        properties: { ...street.properties, stroke: "#999999", "stroke-width": 1 },
      })),
      ...routes.map((coordinates, i) => ({
        type: "Feature",
        geometry: { type: "LineString", coordinates },
        properties: { name: `Demo loop ${i + 1}`, stroke: "#d62728", "stroke-width": 3 },
      })),
    ],
  };
}
