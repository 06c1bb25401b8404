import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { UsageError } from "@waybill/telematics/simulator/usage-error";
import { afterAll, describe, expect, it } from "vitest";
import { driveAlong } from "../domain/matching/__fixtures__/drive";
import type { GpsFix } from "../domain/matching/match-types";
import { DijkstraSearch } from "../domain/road/dijkstra";
import { buildRoadGraphFromExtract } from "../domain/road/road-import";
import { generateSyntheticTown } from "../domain/road/synthetic-town";
import { runMatchCommand } from "./match.command";

const dir = mkdtempSync(join(tmpdir(), "waybill-match-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Without --osm, OSM_FILE or an imported graph the command matches on the synthetic town (seed 7).
const { graph } = buildRoadGraphFromExtract(generateSyntheticTown({ seed: 7 }));
const route = new DijkstraSearch(graph).shortestPath(10, 600)!;

function writeGpx(name: string, fixes: readonly GpsFix[]): string {
  const points = fixes.map(
    (f) => `<trkpt lat="${f.lat}" lon="${f.lng}"><time>${new Date(f.fixAt!).toISOString()}</time></trkpt>`,
  );
  const path = join(dir, name);
  writeFileSync(path, `<gpx version="1.1"><trk><trkseg>${points.join("")}</trkseg></trk></gpx>`);
  return path;
}

async function run(argv: string[]): Promise<string[]> {
  const lines: string[] = [];
  await runMatchCommand(argv, { log: (line) => lines.push(line), dataDir: join(dir, "data"), osmFile: "" });
  return lines;
}

describe(runMatchCommand.name, () => {
  const fixes = driveAlong(graph, route.edges, { speedMps: 12, intervalS: 5 });
  const track = writeGpx("drive.gpx", fixes);

  it("prints the matched path as a GeoJSON Feature with the route's OSM nodes and a point per fix", async () => {
    const [line, ...rest] = await run([track, "--json"]);
    expect(rest).toEqual([]);
    const feature = JSON.parse(line!);
    expect(feature).toMatchObject({ type: "Feature", geometry: { type: "LineString" } });
    expect(feature.properties.osmNodeIds).toEqual(route.nodes.map((v) => graph.nodeOsmId[v]));
    expect(feature.properties.points).toHaveLength(fixes.length);
    expect(feature.properties.points[0]).toEqual([
      Math.round(fixes[0]!.lng * 1e6) / 1e6,
      Math.round(fixes[0]!.lat * 1e6) / 1e6,
    ]);
    expect(feature.geometry.coordinates.length).toBeGreaterThanOrEqual(route.nodes.length);
  });

  it("prints a summary without --json", async () => {
    const lines = await run([track, "--sigma", "8"]);
    expect(lines[0]).toBe(`${fixes.length} fixes on synthetic town: ${fixes.length} matched, 0 skipped`);
    expect(lines[1]).toMatch(/^path: \d+ road segments, about \d+\.\d\d km, \d+ OSM nodes, 0 breaks/);
  });

  it("rejects a missing track, an unknown flag and a bad sigma as usage errors", async () => {
    await expect(run(["--json"])).rejects.toThrow(new UsageError(undefined, "give the GPX track to match"));
    await expect(run([track, "--fast"])).rejects.toThrow("--fast: unknown flag");
    await expect(run([track, "--sigma", "-3"])).rejects.toThrow(UsageError);
    await expect(run([track, track])).rejects.toThrow(/one track at a time/);
  });
});
