import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { createOSMStream } from "osm-pbf-parser-node";
import { afterAll, describe, expect, it } from "vitest";
import { evaluateCarWay } from "../../domain/road/car-profile";
import { checkRoadGraph } from "../../domain/road/graph-checks";
import { edgeSources, osmEdgePairs } from "../../domain/road/graph-inspection";
import type { OsmRelationMember } from "../../domain/road/osm-extract";
import { parseRestrictionRelation, type ViaNodeRestriction } from "../../domain/road/restriction-rules";
import type { RoadGraph } from "../../domain/road/road-graph";
import { buildRoadGraphFromExtract } from "../../domain/road/road-import";
import { RouteEngine } from "../../domain/road/route-engine";
import { loadGraph, saveGraph } from "./graph-file";
import { OsmFileError, readOsmFile } from "./osm-reader";

/*
 * Imports the OSM extracts of ../shared/data/osm (see SOURCES.md there; © OpenStreetMap
 * contributors, ODbL) and checks the graphs against the source read independently with
 * osm-pbf-parser-node's own streaming API. Each suite is skipped, saying which file is missing,
 * when the data is absent (a fresh machine without ../shared).
 */
const OSM_DATA = new URL("../../../../../shared/data/osm/", import.meta.url);
const dataPath = (name: string) => fileURLToPath(new URL(name, OSM_DATA));
const isMissing = (name: string) => !existsSync(dataPath(name));
const titled = (name: string, what = "") =>
  `${name}${what}${isMissing(name) ? ` (skipped: ${dataPath(name)} not found)` : ""}`;

const tmp = mkdtempSync(join(tmpdir(), "waybill-osm-int-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

type StreamItem =
  | { type: "node"; id: number; lat: number; lon: number }
  | { type: "way"; id: number; refs: number[]; tags?: Record<string, string> }
  | { type: "relation"; id: number; members: OsmRelationMember[]; tags?: Record<string, string> };

/** The source seen without our reader: allowed steps, one-way steps, drivable ways, restrictions. */
interface SourceIndex {
  /** `"a>b"` for every step a car may drive between consecutive nodes of a drivable way. */
  readonly allowed: Set<string>;
  /** Steps of one-way ways, in their direction of travel. */
  readonly oneWaySteps: [number, number][];
  readonly wayRefs: Map<number, number[]>;
  readonly restrictions: ViaNodeRestriction[];
}

async function indexSource(path: string): Promise<SourceIndex> {
  const index: SourceIndex = { allowed: new Set(), oneWaySteps: [], wayRefs: new Map(), restrictions: [] };
  for await (const raw of createOSMStream(path, { withTags: { node: false } })) {
    const item = raw as StreamItem;
    if (item.type === "way") indexWay(index, item.id, item.refs, item.tags ?? {});
    if (item.type === "relation") {
      const parsed = parseRestrictionRelation({ id: item.id, tags: item.tags ?? {}, members: item.members });
      if (parsed.ok) index.restrictions.push(parsed.restriction);
    }
  }
  return index;
}

function indexWay(index: SourceIndex, id: number, refs: number[], tags: Record<string, string>): void {
  const profile = evaluateCarWay(tags);
  if (!profile) return;
  index.wayRefs.set(id, refs);
  for (let k = 1; k < refs.length; k++) {
    const [a, b] = [refs[k - 1]!, refs[k]!];
    if (a === b) continue;
    if (profile.forward) index.allowed.add(`${a}>${b}`);
    if (profile.backward) index.allowed.add(`${b}>${a}`);
    if (profile.forward !== profile.backward) index.oneWaySteps.push(profile.forward ? [a, b] : [b, a]);
  }
}

/** Restrictions whose ways are drivable and meet at the via node, with what they forbid checked. */
function checkRestrictions(graph: RoadGraph, source: SourceIndex): { checked: number; arrivals: number } {
  const sources = edgeSources(graph);
  const onVia = (way: number, via: number) => source.wayRefs.get(way)?.includes(via) === true;
  let checked = 0;
  let arrivals = 0;
  for (const r of source.restrictions) {
    const fromWays = new Set(r.fromWayIds.filter((w) => onVia(w, r.viaNodeId)));
    const toWays = new Set(r.toWayIds.filter((w) => onVia(w, r.viaNodeId)));
    if (fromWays.size === 0 || toWays.size === 0) continue;
    checked++;
    for (let e = 0; e < graph.edgeCount; e++) {
      const via = graph.edgeTarget[e]!;
      if (graph.nodeOsmId[via] !== r.viaNodeId || !fromWays.has(graph.wayOsmId[graph.edgeWay[e]!]!)) continue;
      arrivals++;
      const cameFrom = graph.nodeOsmId[sources[e]!];
      for (let o = graph.firstEdge[via]!; o < graph.firstEdge[via + 1]!; o++) {
        const exitWay = graph.wayOsmId[graph.edgeWay[o]!]!;
        const back = graph.nodeOsmId[graph.edgeTarget[o]!] === cameFrom;
        const sameWay = fromWays.has(exitWay);
        const isTarget = toWays.has(exitWay) && (!sameWay || (r.turn === "u_turn" ? back : !back));
        expect(isTarget, `relation ${r.relationId} (${r.kind}_${r.turn}) exit via way ${exitWay}`).toBe(
          r.kind === "only",
        );
      }
    }
  }
  return { checked, arrivals };
}

const PBF_CASES = [
  { file: "monaco.osm.pbf", nodes: [12_000, 25_000], edges: [20_000, 45_000], restrictions: 20 },
  { file: "liechtenstein.osm.pbf", nodes: [12_000, 30_000], edges: [25_000, 60_000], restrictions: 2 },
  { file: "andorra.osm.pbf", nodes: [10_000, 30_000], edges: [20_000, 60_000], restrictions: 0 },
] as const;

describe.each(PBF_CASES)("import of $file", (c) => {
  describe.skipIf(isMissing(c.file))(titled(c.file), () => {
    const path = dataPath(c.file);
    const imported = (async () => {
      const { extract } = await readOsmFile(path);
      const { graph, stats } = buildRoadGraphFromExtract(extract);
      const graphPath = join(tmp, `${c.file}.graph`);
      await saveGraph(graph, graphPath);
      return { graph, stats, graphPath };
    })();
    const source = indexSource(path);

    // Import time is measured by `pnpm bench routing`, not asserted here (a loaded machine is slower).
    it("reads, builds and saves a valid graph of plausible size", async () => {
      const { graph, stats } = await imported;
      expect(checkRoadGraph(graph)).toEqual([]);
      expect(graph.nodeCount).toBeGreaterThan(c.nodes[0]);
      expect(graph.nodeCount).toBeLessThan(c.nodes[1]);
      expect(graph.edgeCount).toBeGreaterThan(c.edges[0]);
      expect(graph.edgeCount).toBeLessThan(c.edges[1]);
      expect(stats.restrictionsApplied).toBeGreaterThanOrEqual(c.restrictions);
      expect(stats.missingNodeRefs).toBe(0);
    });

    it("loads the saved graph identical", async () => {
      const { graph, graphPath } = await imported;
      const loaded = await loadGraph(graphPath);
      expect([...loaded.edgeTarget]).toEqual([...graph.edgeTarget]);
      expect([...loaded.nodeOsmId]).toEqual([...graph.nodeOsmId]);
    });

    it("joins only consecutive nodes of a drivable way, in an allowed direction, and misses none", async () => {
      const { graph } = await imported;
      const { allowed } = await source;
      const pairs = osmEdgePairs(graph);
      const notInSource = [...pairs].filter((pair) => !allowed.has(pair));
      const notInGraph = [...allowed].filter((pair) => !pairs.has(pair));
      expect(notInSource.slice(0, 5)).toEqual([]);
      expect(notInGraph.slice(0, 5)).toEqual([]);
      expect(pairs.size).toBeGreaterThan(c.edges[0] * 0.9);
    });

    it("has no reverse edge on one-way streets", async () => {
      const { graph } = await imported;
      const { allowed, oneWaySteps } = await source;
      const pairs = osmEdgePairs(graph);
      const strict = oneWaySteps.filter(([a, b]) => !allowed.has(`${b}>${a}`));
      expect(strict.length).toBeGreaterThan(500);
      for (const [a, b] of strict) {
        expect(pairs.has(`${a}>${b}`)).toBe(true);
        expect(pairs.has(`${b}>${a}`)).toBe(false);
      }
    });

    it("routes only along the source: every consecutive pair of a route's OSM nodes is an allowed step", async () => {
      const { graph } = await imported;
      const { allowed } = await source;
      const engine = new RouteEngine(graph);
      let seed = 17;
      const random = () => {
        seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
        return seed / 2_147_483_648;
      };
      const node = () => Math.floor(random() * graph.nodeCount);
      let routes = 0;
      for (let i = 0; i < 300; i++) {
        const [a, b] = [node(), node()];
        const route = engine.route(
          [
            [graph.nodeLng[a]!, graph.nodeLat[a]!],
            [graph.nodeLng[b]!, graph.nodeLat[b]!],
          ],
          { steps: false },
        );
        if ("error" in route) continue;
        routes++;
        const ids = route.osmNodeIds;
        const bad = ids
          .slice(1)
          .map((id, k) => `${ids[k]}>${id}`)
          .filter((step) => !allowed.has(step));
        expect(bad, `route ${i}`).toEqual([]);
      }
      expect(routes).toBeGreaterThan(250);
    });

    it("honours every via-node turn restriction of the source", async () => {
      const { graph } = await imported;
      const { checked, arrivals } = checkRestrictions(graph, await source);
      expect(checked).toBeGreaterThanOrEqual(c.restrictions);
      if (c.restrictions > 0) expect(arrivals).toBeGreaterThan(0);
    });
  });
});

describe.skipIf(isMissing("monaco.osm.pbf"))(titled("monaco.osm.pbf", ": a known restriction"), () => {
  it("never turns left from the link road (way 176527122) into Avenue des Castelans at node 25177185", async () => {
    const { extract } = await readOsmFile(dataPath("monaco.osm.pbf"));
    const relation = extract.relations.find((r) => r.id === 4261963);
    expect(relation?.tags.restriction).toBe("no_left_turn");
    const { graph } = buildRoadGraphFromExtract(extract);
    const sources = edgeSources(graph);
    let arrivals = 0;
    for (let e = 0; e < graph.edgeCount; e++) {
      const via = graph.edgeTarget[e]!;
      if (graph.nodeOsmId[via] !== 25177185 || graph.wayOsmId[graph.edgeWay[e]!] !== 176527122) continue;
      arrivals++;
      const exitWays = [];
      for (let o = graph.firstEdge[via]!; o < graph.firstEdge[via + 1]!; o++)
        exitWays.push(graph.wayOsmId[graph.edgeWay[o]!]);
      expect(exitWays).not.toContain(166399477);
      expect(exitWays.length).toBeGreaterThan(0);
      expect(graph.nodeOsmId[sources[e]!]).not.toBe(25177185);
    }
    expect(arrivals).toBe(1);
  });
});

describe.skipIf(isMissing("monaco.osm.pbf"))(titled("monaco.osm.pbf", " as XML"), () => {
  it("gives exactly the PBF's graph when the same data is read from .osm and .osm.gz", async () => {
    const pbf = buildRoadGraphFromExtract((await readOsmFile(dataPath("monaco.osm.pbf"))).extract);
    const xml = await pbfToXml(dataPath("monaco.osm.pbf"));
    writeFileSync(join(tmp, "monaco.osm"), xml);
    writeFileSync(join(tmp, "monaco.osm.gz"), gzipSync(xml));
    for (const name of ["monaco.osm", "monaco.osm.gz"]) {
      const fromXml = buildRoadGraphFromExtract((await readOsmFile(join(tmp, name))).extract);
      expect(fromXml.stats).toEqual(pbf.stats);
      expect(osmEdgePairs(fromXml.graph)).toEqual(osmEdgePairs(pbf.graph));
      expect([...fromXml.graph.nodeLat]).toEqual([...pbf.graph.nodeLat]);
    }
  });
});

describe.skipIf(isMissing("monaco-gh.osm.gz"))(titled("monaco-gh.osm.gz", " (older XML extract)"), () => {
  it("imports a valid, plausible graph that overlaps the PBF's Monaco", async () => {
    const { extract, counts } = await readOsmFile(dataPath("monaco-gh.osm.gz"));
    expect(counts).toEqual({ nodes: 13_739, ways: 1_944, relations: 77 });
    const { graph } = buildRoadGraphFromExtract(extract);
    expect(checkRoadGraph(graph)).toEqual([]);
    expect(graph.nodeCount).toBeGreaterThan(2_000);
    expect(graph.edgeCount).toBeGreaterThan(3_500);
    const palace = { lng: 7.4203, lat: 43.7314 };
    const near = [...graph.nodeLat.keys()].filter(
      (v) =>
        Math.abs(graph.nodeLat[v]! - palace.lat) < 0.01 && Math.abs(graph.nodeLng[v]! - palace.lng) < 0.01,
    );
    expect(near.length).toBeGreaterThan(500);
  });

  it("names the compressed byte offset when the file is cut short", async () => {
    const cut = join(tmp, "monaco-gh-cut.osm.gz");
    const bytes = readFileSync(dataPath("monaco-gh.osm.gz"));
    writeFileSync(cut, bytes.subarray(0, 200_000));
    await expect(readOsmFile(cut)).rejects.toThrow(
      /monaco-gh-cut\.osm\.gz: byte \d+ \(XML line \d+, column \d+\)/,
    );
  });
});

describe.skipIf(isMissing("monaco.osm.pbf"))(titled("monaco.osm.pbf", " damaged"), () => {
  const bytes = isMissing("monaco.osm.pbf") ? Buffer.alloc(0) : readFileSync(dataPath("monaco.osm.pbf"));

  it.each([
    ["truncated", () => bytes.subarray(0, 1_000_000), /monaco-truncated\.osm\.pbf: byte \d+: truncated file/],
    [
      "corrupted",
      () => flipped(bytes, 900_000),
      /monaco-corrupted\.osm\.pbf: byte \d+: OSMData block: zlib data is corrupt/,
    ],
  ])("fails with the file and byte offset when %s, without hanging", async (kind, damage, message) => {
    const path = join(tmp, `monaco-${kind}.osm.pbf`);
    writeFileSync(path, damage());
    const reading = readOsmFile(path);
    await expect(reading).rejects.toThrow(OsmFileError);
    await expect(reading).rejects.toThrow(message);
  });
});

function flipped(bytes: Buffer, at: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[at] = copy[at]! ^ 0x5a;
  return copy;
}

const escapeXml = (value: string) =>
  value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const tagsXml = (tags: Record<string, string> = {}) =>
  Object.entries(tags)
    .map(([k, v]) => `<tag k="${escapeXml(k)}" v="${escapeXml(v)}"/>`)
    .join("");

/** The PBF file as OSM XML, every node, way and relation with all tags. */
async function pbfToXml(path: string): Promise<string> {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<osm version="0.6" generator="waybill test">'];
  for await (const raw of createOSMStream(path)) {
    const item = raw as StreamItem;
    if (item.type === "node") lines.push(`<node id="${item.id}" lat="${item.lat}" lon="${item.lon}"/>`);
    else if (item.type === "way") {
      lines.push(
        `<way id="${item.id}">${item.refs.map((ref) => `<nd ref="${ref}"/>`).join("")}${tagsXml(item.tags)}</way>`,
      );
    } else if (item.type === "relation") {
      const members = item.members.map(
        (m) => `<member type="${m.type}" ref="${m.ref}" role="${escapeXml(m.role)}"/>`,
      );
      lines.push(`<relation id="${item.id}">${members.join("")}${tagsXml(item.tags)}</relation>`);
    }
  }
  lines.push("</osm>");
  return lines.join("\n");
}
