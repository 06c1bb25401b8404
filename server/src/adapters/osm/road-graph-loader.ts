import { existsSync } from "node:fs";
import { stat } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import type { RoadGraph } from "../../domain/road/road-graph";
import { buildRoadGraphFromExtract } from "../../domain/road/road-import";
import { generateSyntheticTown } from "../../domain/road/synthetic-town";
import { loadGraph, readGraphHeader } from "./graph-file";
import { graphBaseName, importOsmFile } from "./import-osm.command";

/** Where the server's road graph comes from. */
export interface RoadGraphOptions {
  /** A graph file written by `import-osm`: loaded as is. */
  readonly graphFile?: string;
  /** An OSM file: its graph under `<dataDir>/graph/` is loaded, or (re)built when missing or stale. */
  readonly osmFile?: string;
  /** DATA_DIR (default `.waybill`). */
  readonly dataDir?: string;
  /** Seed of the synthetic town used when neither file is given (default 42). */
  readonly seed?: number;
}

/** The graph and a line saying where it came from, for the startup log. */
export interface OpenedRoadGraph {
  readonly graph: RoadGraph;
  readonly origin: "graph-file" | "osm-file" | "synthetic-town";
  readonly description: string;
}

/**
 * The road graph to route on: a graph file; else the graph of an OSM file, imported once and
 * re-imported when the OSM file's name, size or modification time no longer match the graph's
 * header; else the synthetic town (no files needed, so `pnpm start` works on a fresh machine).
 *
 * @throws GraphFileError / OsmFileError when a given file is unreadable or malformed.
 */
export async function openRoadGraph(options: RoadGraphOptions = {}): Promise<OpenedRoadGraph> {
  if (options.graphFile) {
    const graph = await loadGraph(options.graphFile);
    return { graph, origin: "graph-file", description: `road graph ${options.graphFile}` };
  }
  if (options.osmFile) {
    const osmFile = resolve(options.osmFile);
    const graphFile = resolve(options.dataDir ?? ".waybill", "graph", `${graphBaseName(osmFile)}.graph`);
    const fresh = await isGraphFresh(graphFile, osmFile);
    if (!fresh) await importOsmFile(osmFile, graphFile);
    const graph = await loadGraph(graphFile);
    const how = fresh ? "loaded" : "imported";
    return {
      graph,
      origin: "osm-file",
      description: `road graph of ${osmFile} (${how}, ${join(graphFile)})`,
    };
  }
  const seed = options.seed ?? 42;
  const { graph } = buildRoadGraphFromExtract(generateSyntheticTown({ seed }));
  return {
    graph,
    origin: "synthetic-town",
    description: `synthetic town (seed ${seed}), no OSM file configured`,
  };
}

async function isGraphFresh(graphFile: string, osmFile: string): Promise<boolean> {
  if (!existsSync(graphFile)) return false;
  const [header, osm] = await Promise.all([readGraphHeader(graphFile).catch(() => null), stat(osmFile)]);
  const source = header?.source;
  return (
    source !== undefined &&
    source !== null &&
    source.fileName === basename(osmFile) &&
    source.sizeBytes === osm.size &&
    source.modifiedAtMs === osm.mtimeMs
  );
}
