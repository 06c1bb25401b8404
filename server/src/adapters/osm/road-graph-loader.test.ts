import { mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readGraphHeader, saveGraph } from "./graph-file";
import { openRoadGraph } from "./road-graph-loader";

const dir = mkdtempSync(join(tmpdir(), "waybill-road-graph-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const XML = `<osm>
<node id="1" lat="43.73" lon="7.42"/><node id="2" lat="43.731" lon="7.42"/><node id="3" lat="43.732" lon="7.42"/>
<way id="10"><nd ref="1"/><nd ref="2"/><nd ref="3"/><tag k="highway" v="residential"/></way>
</osm>`;

describe(openRoadGraph.name, () => {
  it("falls back to the synthetic town when no file is configured", async () => {
    const opened = await openRoadGraph();
    expect(opened.origin).toBe("synthetic-town");
    expect(opened.graph.nodeCount).toBeGreaterThan(700);
  });

  it("imports an OSM file once, then loads its graph until the OSM file changes", async () => {
    const osmFile = join(dir, "street.osm");
    writeFileSync(osmFile, XML);
    const dataDir = join(dir, "data");
    const first = await openRoadGraph({ osmFile, dataDir });
    expect(first.description).toContain("imported");
    expect(first.graph.edgeCount).toBe(4);
    const second = await openRoadGraph({ osmFile, dataDir });
    expect(second.description).toContain("loaded");
    const later = new Date(statSync(osmFile).mtimeMs + 60_000);
    utimesSync(osmFile, later, later);
    const third = await openRoadGraph({ osmFile, dataDir });
    expect(third.description).toContain("imported");
    const header = await readGraphHeader(join(dataDir, "graph", "street.graph"));
    expect(header.source?.modifiedAtMs).toBeCloseTo(later.getTime(), -1);
  });

  it("loads a graph file as given", async () => {
    const town = await openRoadGraph({ seed: 3 });
    const graphFile = join(dir, "town.graph");
    await saveGraph(town.graph, graphFile);
    const opened = await openRoadGraph({ graphFile });
    expect(opened.origin).toBe("graph-file");
    expect(opened.graph.edgeCount).toBe(town.graph.edgeCount);
  });
});
