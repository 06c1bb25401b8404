import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildRoadGraphFromExtract } from "../../domain/road/road-import";
import { generateSyntheticTown } from "../../domain/road/synthetic-town";
import { GraphFileError, loadGraph, readGraphHeader, saveGraph } from "./graph-file";

const dir = mkdtempSync(join(tmpdir(), "waybill-graph-file-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const { graph } = buildRoadGraphFromExtract(generateSyntheticTown({ seed: 42 }));
const source = { fileName: "town.osm.pbf", sizeBytes: 1234, modifiedAtMs: 1_700_000_000_000 };

/** Writes a damaged copy of a saved graph file. */
async function damaged(name: string, damage: (bytes: Buffer) => Buffer): Promise<string> {
  const good = join(dir, `${name}.good.graph`);
  await saveGraph(graph, good, source);
  const path = join(dir, `${name}.graph`);
  writeFileSync(path, damage(readFileSync(good)));
  return path;
}

describe(saveGraph.name, () => {
  it("round-trips every array and name, creating the folder", async () => {
    const path = join(dir, "nested", "graph", "town.graph");
    const bytes = await saveGraph(graph, path, source);
    expect(readFileSync(path).length).toBe(bytes);
    const loaded = await loadGraph(path);
    expect(loaded.nodeCount).toBe(graph.nodeCount);
    expect(loaded.edgeCount).toBe(graph.edgeCount);
    for (const key of Object.keys(graph) as (keyof typeof graph)[]) {
      const value = graph[key];
      expect(ArrayBuffer.isView(value) ? [...(value as Uint32Array)] : value).toEqual(
        ArrayBuffer.isView(loaded[key]) ? [...(loaded[key] as Uint32Array)] : loaded[key],
      );
    }
    expect(loaded.nodeLng).toBeInstanceOf(Float64Array);
    expect(loaded.edgeDistanceM).toBeInstanceOf(Float32Array);
    expect(loaded.wayClass).toBeInstanceOf(Uint8Array);
  });

  it("records the source and counts in a header readable on its own", async () => {
    const path = join(dir, "header.graph");
    await saveGraph(graph, path, source);
    const header = await readGraphHeader(path);
    expect(header).toMatchObject({
      format: "waybill-road-graph",
      version: 1,
      source,
      nodeCount: graph.nodeCount,
    });
    expect(header.wayCount).toBe(graph.wayOsmId.length);
  });
});

describe(loadGraph.name, () => {
  it.each<[string, (bytes: Buffer) => Buffer, RegExp]>([
    ["another kind of file", () => Buffer.from("PK\u0003\u0004 not a graph"), /not a Waybill graph file/],
    ["an empty file", () => Buffer.alloc(0), /not a Waybill graph file/],
    ["a truncated file", (bytes) => bytes.subarray(0, bytes.length - 100), /checksum mismatch|out of bounds/],
    ["a truncated header", (bytes) => bytes.subarray(0, 40), /truncated: header of \d+ bytes/],
    [
      "a flipped byte in the arrays",
      (bytes) => flip(bytes, bytes.length - 5000),
      /checksum mismatch: the file is corrupt/,
    ],
    ["a header that is not JSON", (bytes) => flip(bytes, 12), /header is not JSON/],
    [
      "a header of something else",
      (bytes) => flip(bytes, 14),
      /header does not describe a Waybill road graph/,
    ],
    [
      "another version",
      (bytes) => Buffer.from(bytes.toString("latin1").replace('"version":1', '"version":9'), "latin1"),
      /graph file version 9, this build reads 1/,
    ],
  ])("refuses %s with a clear error", async (name, damage, message) => {
    const path = await damaged(name.replaceAll(" ", "-"), damage);
    const loading = loadGraph(path);
    await expect(loading).rejects.toThrow(GraphFileError);
    await expect(loading).rejects.toThrow(message);
    await expect(loading).rejects.toThrow(path);
  });

  it("refuses a missing file naming it", async () => {
    await expect(loadGraph(join(dir, "missing.graph"))).rejects.toThrow(
      /missing\.graph: cannot read graph file/,
    );
  });

  it("refuses a consistent file whose graph breaks the invariants", async () => {
    const edgeTarget = graph.edgeTarget.slice();
    edgeTarget[0] = graph.nodeCount + 5;
    const path = join(dir, "invalid.graph");
    await saveGraph({ ...graph, edgeTarget }, path);
    await expect(loadGraph(path)).rejects.toThrow(
      `invalid graph: edge 0 targets node ${graph.nodeCount + 5}`,
    );
  });
});

function flip(bytes: Buffer, at: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[at] = copy[at]! ^ 0xff;
  return copy;
}
