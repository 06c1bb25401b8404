import { stat } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { UsageError } from "@waybill/telematics/simulator/usage-error";
import { buildRoadGraphFromExtract, type RoadImportStats } from "../../domain/road/road-import";
import { saveGraph } from "./graph-file";
import type { OsmReadCounts } from "./osm-extract-collector";
import { readOsmFile } from "./osm-reader";

/** `pnpm waybill import-osm --help`. */
export const IMPORT_OSM_USAGE: readonly string[] = [
  "Usage: waybill import-osm FILE [--out PATH] [--json]",
  "  FILE          OpenStreetMap data: .osm.pbf, .osm or .osm.gz (XML)",
  "  --out PATH    graph file to write (default <DATA_DIR>/graph/<name>.graph)",
  "  --json        print the summary as one JSON object",
];

/** What the command talks to. */
export interface ImportOsmIo {
  /** One line of output (the summary). */
  log(line: string): void;
  /** Progress of the current phase (`read`, `build`, `save`), 0 … 1; see `createProgressReporter`. */
  progress?(fraction: number, label: string): void;
  /** DATA_DIR of the configuration, for the default output (default `.waybill`). */
  readonly dataDir?: string;
}

/** The outcome of an import, printed as the summary. */
export interface ImportOsmSummary {
  readonly input: string;
  readonly output: string;
  readonly graphBytes: number;
  readonly read: OsmReadCounts;
  readonly graph: RoadImportStats;
  readonly timingsMs: {
    readonly read: number;
    readonly build: number;
    readonly save: number;
    readonly total: number;
  };
}

/**
 * `waybill import-osm FILE`: reads an OSM file, builds the car road graph and saves it beside the
 * database, reporting progress and a summary (counts, restrictions applied and skipped, time per
 * phase).
 *
 * @throws UsageError for bad arguments or a missing input file; OsmFileError for a malformed one.
 */
export async function runImportOsmCommand(
  argv: readonly string[],
  io: ImportOsmIo,
): Promise<ImportOsmSummary> {
  const args = parseImportArgs(argv);
  const input = resolve(args.file);
  await stat(input).catch((error: unknown) => {
    throw new UsageError(undefined, `${args.file}: cannot read (${(error as Error).message})`, {
      cause: error,
    });
  });
  const output = resolve(
    args.out ?? join(io.dataDir ?? ".waybill", "graph", `${graphBaseName(input)}.graph`),
  );
  const summary = await importOsmFile(input, output, io.progress);
  if (args.json) io.log(JSON.stringify(summary));
  else for (const line of formatSummary(summary)) io.log(line);
  return summary;
}

/**
 * Reads `input`, builds the graph and saves it to `output` (recording the source's name, size and
 * modification time in the file header), timing each phase.
 *
 * @throws OsmFileError for a malformed input file.
 */
export async function importOsmFile(
  input: string,
  output: string,
  progress: (fraction: number, label: string) => void = () => {},
): Promise<ImportOsmSummary> {
  const inputStat = await stat(input);
  const startedAt = performance.now();
  const { extract, counts } = await readOsmFile(input, { onProgress: (f) => progress(f, "read") });
  progress(1, "read");
  const readAt = performance.now();
  progress(0, "build");
  const { graph, stats } = buildRoadGraphFromExtract(extract);
  progress(1, "build");
  const builtAt = performance.now();
  const source = { fileName: basename(input), sizeBytes: inputStat.size, modifiedAtMs: inputStat.mtimeMs };
  const graphBytes = await saveGraph(graph, output, source);
  progress(1, "save");
  const savedAt = performance.now();
  const timingsMs = {
    read: Math.round(readAt - startedAt),
    build: Math.round(builtAt - readAt),
    save: Math.round(savedAt - builtAt),
    total: Math.round(savedAt - startedAt),
  };
  return { input, output, graphBytes, read: counts, graph: stats, timingsMs };
}

/** The file name without the OSM extensions: `monaco.osm.pbf` → `monaco`. */
export function graphBaseName(path: string): string {
  return basename(path).replace(/(\.osm)?\.(pbf|gz|xml)$|\.osm$/i, "");
}

function parseImportArgs(argv: readonly string[]): { file: string; out: string | undefined; json: boolean } {
  let file: string | undefined;
  let out: string | undefined;
  let json = false;
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k]!;
    if (arg === "--json") json = true;
    else if (arg === "--out") {
      out = argv[++k];
      if (out === undefined || out.startsWith("--")) throw new UsageError("--out", "expected a file path");
    } else if (arg.startsWith("--")) throw new UsageError(arg, "unknown flag");
    else if (file === undefined) file = arg;
    else throw new UsageError(undefined, `one input file expected, got "${file}" and "${arg}"`);
  }
  if (file === undefined) throw new UsageError(undefined, "FILE is missing: which OSM file to import?");
  return { file, out, json };
}

const count = (n: number) => n.toLocaleString("en-US");

function formatSummary(summary: ImportOsmSummary): string[] {
  const { read, graph, timingsMs: ms } = summary;
  const notParsed = Object.entries(graph.restrictionsNotParsed);
  const notApplied = Object.entries(graph.restrictionsSkipped).filter(([, n]) => n > 0);
  const skipped = [...notParsed, ...notApplied].map(([reason, n]) => `${reason} ${n}`);
  return [
    `import-osm: ${summary.input} -> ${summary.output} (${(summary.graphBytes / 1e6).toFixed(2)} MB)`,
    `  read          ${count(read.nodes)} nodes, ${count(read.ways)} ways, ${count(read.relations)} relations in ${ms.read} ms`,
    `  graph         ${count(graph.nodeCount)} nodes (${graph.splitNodeCount} copies for restrictions), ${count(graph.edgeCount)} edges, ${count(graph.wayCount)} drivable ways in ${ms.build} ms`,
    `  restrictions  ${graph.restrictionsApplied} applied, ${skipped.length > 0 ? `skipped: ${skipped.join(", ")}` : "none skipped"}`,
    ...(graph.missingNodeRefs > 0
      ? [`  warning       ${graph.missingNodeRefs} way node refs without coordinates (ways cut there)`]
      : []),
    `  save          ${ms.save} ms; total ${ms.total} ms`,
    "  © OpenStreetMap contributors, ODbL 1.0 (https://www.openstreetmap.org/copyright)",
  ];
}
