import { constants } from "node:fs";
import { access } from "node:fs/promises";
import type { OsmExtract } from "../../domain/road/osm-extract";
import { OsmExtractCollector, OsmFileError, type OsmReadCounts } from "./osm-extract-collector";
import { readPbfFile } from "./pbf-reader";
import { readOsmXmlFile } from "./xml-reader";

/** The file formats {@link readOsmFile} reads, by file name ending. */
export const SUPPORTED_OSM_EXTENSIONS = [".osm.pbf", ".osm", ".osm.gz"] as const;

/** Options of {@link readOsmFile}. */
export interface ReadOsmOptions {
  /** Called as the file is read with the share of it done, 0 … 1 (bytes of the file on disk). */
  readonly onProgress?: (fraction: number) => void;
}

/** What {@link readOsmFile} returns: the extract and how much the file held. */
export interface OsmReadResult {
  readonly extract: OsmExtract;
  readonly counts: OsmReadCounts;
  readonly format: "pbf" | "xml" | "xml.gz";
}

/**
 * Reads an OSM file into the graph builder's input: all node coordinates, the ways the car
 * profile accepts (with the tags it reads), and the restriction relations. The format comes from
 * the name: `.osm.pbf` (PBF), `.osm` (XML), `.osm.gz` (gzipped XML).
 *
 * @throws OsmFileError for an unknown extension (listing the supported ones) or a malformed file
 * (the message names the file and the byte offset, or line:column for XML).
 * @example
 * const { extract, counts } = await readOsmFile("monaco.osm.pbf", { onProgress: (f) => bar.update(f) });
 */
export async function readOsmFile(path: string, options: ReadOsmOptions = {}): Promise<OsmReadResult> {
  const format = osmFileFormat(path);
  await access(path, constants.R_OK).catch((error: unknown) => {
    throw new OsmFileError(`${path}: cannot read (${(error as Error).message})`, { cause: error });
  });
  const sink = new OsmExtractCollector();
  if (format === "pbf") await readPbfFile(path, sink, options.onProgress);
  else await readOsmXmlFile(path, format === "xml.gz", sink, options.onProgress);
  return { extract: sink.finish(), counts: sink.counts, format };
}

/**
 * The format of an OSM file by its name.
 *
 * @throws OsmFileError naming the supported extensions.
 */
export function osmFileFormat(path: string): OsmReadResult["format"] {
  const name = path.toLowerCase();
  if (name.endsWith(".osm.pbf") || name.endsWith(".pbf")) return "pbf";
  if (name.endsWith(".osm.gz")) return "xml.gz";
  if (name.endsWith(".osm") || name.endsWith(".xml")) return "xml";
  throw new OsmFileError(
    `${path}: unknown OSM file type; supported: ${SUPPORTED_OSM_EXTENSIONS.join(", ")} (also .pbf, .xml)`,
  );
}

export { OsmFileError };
