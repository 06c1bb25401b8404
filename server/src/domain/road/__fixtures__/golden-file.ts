import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { expect } from "vitest";

/** A GeoJSON FeatureCollection written one feature per line, so a diff shows what moved. */
function formatCollection(collection: { type: string; features: readonly unknown[] }): string {
  const features = collection.features.map((feature) => JSON.stringify(feature)).join(",\n");
  return `{"type":"${collection.type}","features":[\n${features}\n]}\n`;
}

/**
 * Compares a FeatureCollection with `__fixtures__/out/<name>` (Turf's golden-file style): with
 * `REGEN=1`, or when the file is missing, writes it first. Open it on geojson.io to look.
 */
export function expectGoldenGeoJson(
  name: string,
  actual: { type: string; features: readonly unknown[] },
): void {
  const golden = new URL(`./out/${name}`, import.meta.url);
  if (process.env.REGEN === "1" || !existsSync(golden)) {
    mkdirSync(new URL(".", golden), { recursive: true });
    writeFileSync(golden, formatCollection(actual));
  }
  expect(JSON.parse(JSON.stringify(actual))).toEqual(JSON.parse(readFileSync(golden, "utf8")));
}

/** Reads `__fixtures__/in/<name>` as JSON. */
export function readFixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./in/${name}`, import.meta.url), "utf8")) as T;
}
