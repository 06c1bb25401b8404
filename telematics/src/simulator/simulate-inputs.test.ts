import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadCredentialsFile, loadDriversFile, loadRoutesFile, loadScenarioFile } from "./simulate-inputs";
import { UsageError } from "./usage-error";

const dir = mkdtempSync(join(tmpdir(), "waybill-sim-inputs-"));
let fileCount = 0;
const fileWith = (content: unknown): string => {
  const path = join(dir, `input-${fileCount++}.json`);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
};
const line = (coordinates: number[][]) => ({
  type: "Feature",
  properties: {},
  geometry: { type: "LineString", coordinates },
});

describe(loadCredentialsFile.name, () => {
  it("reads an array of device ids and secrets", async () => {
    const listed = [
      { deviceId: "sim-1", secret: "a" },
      { deviceId: "alice/pixel7", secret: "b" },
    ];
    expect(await loadCredentialsFile(fileWith(listed))).toEqual(listed);
  });

  it("names --credentials, the file and the faulty entry", async () => {
    const path = fileWith([{ deviceId: "sim-1", secret: "a" }, { deviceId: "sim-2" }]);
    await expect(loadCredentialsFile(path)).rejects.toThrow(`--credentials: ${path}: [1].secret:`);
    await expect(loadCredentialsFile(fileWith([]))).rejects.toThrow("must list at least one device");
    await expect(loadCredentialsFile(fileWith("{nope"))).rejects.toThrow(
      /--credentials: .* is not valid JSON/,
    );
    await expect(loadCredentialsFile(join(dir, "missing.json"))).rejects.toThrow(UsageError);
  });
});

describe(loadRoutesFile.name, () => {
  it("reads the LineStrings of a FeatureCollection, dropping altitude and skipping other geometries", async () => {
    const point = {
      type: "Feature",
      properties: {},
      geometry: { type: "Point", coordinates: [7.42, 43.73] },
    };
    const path = fileWith({
      type: "FeatureCollection",
      features: [
        line([
          [7.42, 43.73, 12],
          [7.43, 43.73, 15],
        ]),
        point,
      ],
    });
    expect(await loadRoutesFile(path)).toEqual([
      [
        [7.42, 43.73],
        [7.43, 43.73],
      ],
    ]);
  });

  it("reads a single Feature or a bare LineString", async () => {
    const coordinates = [
      [7.42, 43.73],
      [7.42, 43.74],
    ];
    expect(await loadRoutesFile(fileWith(line(coordinates)))).toEqual([coordinates]);
    expect(await loadRoutesFile(fileWith({ type: "LineString", coordinates }))).toEqual([coordinates]);
  });

  it("names --routes, the file and the faulty feature", async () => {
    const outOfRange = fileWith({
      type: "FeatureCollection",
      features: [
        line([
          [7.42, 43.73],
          [7.42, 95],
        ]),
      ],
    });
    await expect(loadRoutesFile(outOfRange)).rejects.toThrow(
      `--routes: ${outOfRange}: feature 0: coordinates[1]: lng/lat out of range`,
    );
    const degenerate = fileWith({
      type: "FeatureCollection",
      features: [
        line([
          [7.42, 43.73],
          [7.42, 43.73],
        ]),
      ],
    });
    await expect(loadRoutesFile(degenerate)).rejects.toThrow(
      "feature 0: a route needs at least 2 distinct points",
    );
    await expect(loadRoutesFile(fileWith({ type: "FeatureCollection", features: [] }))).rejects.toThrow(
      "contains no LineString",
    );
    await expect(loadRoutesFile(fileWith([1, 2]))).rejects.toThrow(
      "expected a GeoJSON FeatureCollection, Feature or LineString",
    );
  });
});

describe(loadScenarioFile.name, () => {
  const scenarioDir = join(import.meta.dirname, "scenarios");

  it("reads every scenario shipped with the simulator", async () => {
    const files = readdirSync(scenarioDir).filter((file) => file.endsWith(".json"));
    expect(files.sort()).toEqual([
      "arterial-jam.json",
      "breakdown.json",
      "closed-bridge.json",
      "urgent-orders.json",
    ]);
    for (const file of files) {
      const scenario = await loadScenarioFile(join(scenarioDir, file));
      expect(scenario.name).toBe(file.replace(".json", ""));
      expect(scenario.fleet.vehicles).toBe(20);
      expect(scenario.orders.count).toBe(300);
      expect(scenario.events).toHaveLength(1);
    }
  });

  it("names --scenario, the file and every faulty field", async () => {
    const path = fileWith({ name: "Bad Name", seed: -1 });
    await expect(loadScenarioFile(path)).rejects.toThrow(
      new RegExp(
        `^--scenario: ${path}: name: expected 1-80 of a-z 0-9 - \\(kebab-case\\); extract: .*; seed: `,
      ),
    );
  });
});

describe(loadDriversFile.name, () => {
  it("reads the drivers of vehicles and names the faulty entry", async () => {
    const drivers = [{ vehicle: 4, email: "bo@example.com", password: "secret" }];
    expect(await loadDriversFile(fileWith(drivers))).toEqual(drivers);
    const path = fileWith([{ vehicle: 0, email: "bo@example.com", password: "x" }]);
    await expect(loadDriversFile(path)).rejects.toThrow(
      `--drivers: ${path}: [0].vehicle: vehicles are numbered from 1`,
    );
  });
});
