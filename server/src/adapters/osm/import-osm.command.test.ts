import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { UsageError } from "@waybill/telematics/simulator/usage-error";
import { afterAll, describe, expect, it } from "vitest";
import { exitsAfter } from "../../domain/road/graph-inspection";
import { loadGraph, readGraphHeader } from "./graph-file";
import { graphBaseName, type ImportOsmSummary, runImportOsmCommand } from "./import-osm.command";

const dir = mkdtempSync(join(tmpdir(), "waybill-import-osm-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A 3 x 1 block of streets with a one-way and a no_left_turn, as OSM XML. */
const TOWN_XML = `<?xml version="1.0"?>
<osm version="0.6">
  <node id="1" lat="43.7300" lon="7.4200"/><node id="2" lat="43.7300" lon="7.4212"/><node id="3" lat="43.7300" lon="7.4224"/>
  <node id="4" lat="43.7309" lon="7.4200"/><node id="5" lat="43.7309" lon="7.4212"/><node id="6" lat="43.7309" lon="7.4224"/>
  <way id="10"><nd ref="1"/><nd ref="2"/><nd ref="3"/><tag k="highway" v="residential"/><tag k="name" v="Low Street"/></way>
  <way id="11"><nd ref="4"/><nd ref="5"/><nd ref="6"/><tag k="highway" v="residential"/><tag k="oneway" v="yes"/></way>
  <way id="12"><nd ref="1"/><nd ref="4"/><tag k="highway" v="tertiary"/></way>
  <way id="13"><nd ref="2"/><nd ref="5"/><tag k="highway" v="tertiary"/></way>
  <way id="14"><nd ref="3"/><nd ref="6"/><tag k="highway" v="tertiary"/></way>
  <relation id="20"><member type="way" ref="12" role="from"/><member type="node" ref="4" role="via"/><member type="way" ref="11" role="to"/>
    <tag k="type" v="restriction"/><tag k="restriction" v="no_right_turn"/></relation>
  <relation id="21"><member type="way" ref="12" role="from"/><member type="way" ref="13" role="via"/><member type="way" ref="11" role="to"/>
    <tag k="type" v="restriction"/><tag k="restriction" v="no_u_turn"/></relation>
</osm>
`;
const townPath = join(dir, "tiny-town.osm");
writeFileSync(townPath, TOWN_XML);

async function run(argv: string[], dataDir = join(dir, "data")) {
  const lines: string[] = [];
  const phases = new Set<string>();
  const summary = await runImportOsmCommand(argv, {
    log: (line) => lines.push(line),
    progress: (_, label) => phases.add(label),
    dataDir,
  });
  return { summary, lines, phases };
}

describe(runImportOsmCommand.name, () => {
  it("imports into <DATA_DIR>/graph/<name>.graph and prints a summary with the attribution", async () => {
    const { summary, lines, phases } = await run([townPath]);
    expect(summary.output).toBe(join(dir, "data", "graph", "tiny-town.graph"));
    expect(existsSync(summary.output)).toBe(true);
    // 12 edges less the forbidden right turn 4 → 5; node 4 has one approach, so nothing to split.
    expect(summary.graph).toMatchObject({ nodeCount: 6, edgeCount: 11, wayCount: 5, restrictionsApplied: 1 });
    expect(summary.graph.restrictionsNotParsed).toEqual({ via_way: 1 });
    expect([...phases]).toEqual(["read", "build", "save"]);
    expect(lines[0]).toMatch(/^import-osm: .*tiny-town\.osm -> .*tiny-town\.graph \(0\.00 MB\)$/);
    expect(lines.join("\n")).toContain("restrictions  1 applied, skipped: via_way 1");
    expect(lines.join("\n")).toContain("© OpenStreetMap contributors");
    const graph = await loadGraph(summary.output);
    expect(exitsAfter(graph, 1, 4)).toEqual([new Set([1])]);
    expect((await readGraphHeader(summary.output)).source?.fileName).toBe("tiny-town.osm");
  });

  it("writes where --out says and prints one JSON object with --json", async () => {
    const out = join(dir, "elsewhere", "x.graph");
    const { lines } = await run([townPath, "--json", "--out", out]);
    expect(lines).toHaveLength(1);
    const summary = JSON.parse(lines[0]!) as ImportOsmSummary;
    expect(summary.output).toBe(out);
    expect(summary.timingsMs.total).toBeGreaterThanOrEqual(0);
    expect(existsSync(out)).toBe(true);
  });

  it.each([
    [[], "FILE is missing"],
    [["--fast", townPath], "--fast: unknown flag"],
    [[townPath, "--out"], "--out: expected a file path"],
    [[townPath, "other.osm"], "one input file expected"],
    [[join(dir, "absent.osm.pbf")], "absent.osm.pbf: cannot read"],
  ])("refuses %j as a usage error", async (argv, message) => {
    const running = run(argv);
    await expect(running).rejects.toThrow(UsageError);
    await expect(running).rejects.toThrow(message);
  });
});

describe(graphBaseName.name, () => {
  it.each([
    ["/data/monaco.osm.pbf", "monaco"],
    ["liechtenstein-latest.osm.pbf", "liechtenstein-latest"],
    ["monaco-gh.osm.gz", "monaco-gh"],
    ["town.osm", "town"],
    ["extract.pbf", "extract"],
  ])("names the graph of %s after %s", (path, name) => {
    expect(graphBaseName(path)).toBe(name);
  });
});
