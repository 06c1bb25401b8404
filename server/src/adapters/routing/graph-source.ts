import { existsSync, readdirSync, statSync } from "node:fs";
import { stat } from "node:fs/promises";
import { basename, join } from "node:path";
import type { RoadGraph } from "../../domain/road/road-graph";
import { buildRoadGraphFromExtract } from "../../domain/road/road-import";
import { generateSyntheticTown } from "../../domain/road/synthetic-town";
import { loadGraph, readGraphHeader } from "../osm/graph-file";
import { graphBaseName, importOsmFile } from "../osm/import-osm.command";

/** Which road network the server routes on. */
export type GraphSourceSpec =
  | { readonly kind: "osm"; readonly osmFile: string; readonly graphDir: string }
  | { readonly kind: "last-import"; readonly graphDir: string }
  | { readonly kind: "synthetic"; readonly seed: number };

/** A loaded road network and where it came from, for logs and `/api/v1/map`. */
export interface LoadedGraph {
  readonly graph: RoadGraph;
  readonly name: string;
  readonly origin: "imported" | "graph-file" | "synthetic";
  readonly loadMs: number;
}

/**
 * Picks the network: `OSM_FILE` when set (imported once, then reused while its graph file matches
 * the source's name, size and modification time), else the newest graph in `<DATA_DIR>/graph`,
 * else the synthetic demo town (so a fresh machine routes without any download).
 */
export function graphSourceFor(osmFile: string, dataDir: string): GraphSourceSpec {
  const graphDir = join(dataDir, "graph");
  if (osmFile) return { kind: "osm", osmFile, graphDir };
  if (newestGraphFile(graphDir)) return { kind: "last-import", graphDir };
  return { kind: "synthetic", seed: 7 };
}

/** Loads (importing when needed) the graph a {@link GraphSourceSpec} names. Runs in a worker. */
export async function loadGraphSource(
  spec: GraphSourceSpec,
  onProgress?: (fraction: number, label: string) => void,
): Promise<LoadedGraph> {
  const startedAt = performance.now();
  const took = () => Math.round(performance.now() - startedAt);
  if (spec.kind === "synthetic") {
    const { graph } = buildRoadGraphFromExtract(generateSyntheticTown({ seed: spec.seed }));
    return { graph, name: "synthetic town", origin: "synthetic", loadMs: took() };
  }
  if (spec.kind === "last-import") {
    const path = newestGraphFile(spec.graphDir)!;
    return {
      graph: await loadGraph(path),
      name: basename(path, ".graph"),
      origin: "graph-file",
      loadMs: took(),
    };
  }
  const graphPath = join(spec.graphDir, `${graphBaseName(spec.osmFile)}.graph`);
  if (await isCurrent(graphPath, spec.osmFile)) {
    return {
      graph: await loadGraph(graphPath),
      name: graphBaseName(spec.osmFile),
      origin: "graph-file",
      loadMs: took(),
    };
  }
  await importOsmFile(spec.osmFile, graphPath, onProgress);
  return {
    graph: await loadGraph(graphPath),
    name: graphBaseName(spec.osmFile),
    origin: "imported",
    loadMs: took(),
  };
}

async function isCurrent(graphPath: string, osmFile: string): Promise<boolean> {
  if (!existsSync(graphPath)) return false;
  const [header, source] = await Promise.all([readGraphHeader(graphPath).catch(() => null), stat(osmFile)]);
  const recorded = header?.source;
  return (
    !!recorded &&
    recorded.fileName === basename(osmFile) &&
    recorded.sizeBytes === source.size &&
    recorded.modifiedAtMs === source.mtimeMs
  );
}

function newestGraphFile(graphDir: string): string | null {
  if (!existsSync(graphDir)) return null;
  const files = readdirSync(graphDir)
    .filter((name) => name.endsWith(".graph"))
    .map((name) => join(graphDir, name))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  return files[0] ?? null;
}
