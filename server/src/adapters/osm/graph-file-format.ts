import { endianness } from "node:os";

/**
 * The road graph file: `WBGRAPH1` (8 bytes), the JSON header's byte length (uint32 LE), the JSON
 * header (padded with spaces to a multiple of 8), then each typed array at an 8-byte aligned
 * offset (little-endian, as typed arrays lie in memory here), then the way names as a JSON array.
 * The header lists every section's offset and length and a CRC-32 of everything after it.
 */
export const MAGIC = "WBGRAPH1";
export const FORMAT_VERSION = 1;
export const PREFIX_BYTES = 12;
/** Sanity bound of the JSON header, bytes (it is about 1 KB). */
export const MAX_HEADER_BYTES = 1024 * 1024;

/** Where the graph came from, to tell whether a graph file is stale. */
export interface GraphSource {
  readonly fileName: string;
  readonly sizeBytes: number;
  readonly modifiedAtMs: number;
}

/** One section of the file. */
export interface SectionEntry {
  readonly offset: number;
  readonly byteLength: number;
}

/** The JSON header of a graph file. */
export interface GraphFileHeader {
  readonly format: "waybill-road-graph";
  readonly version: number;
  readonly nodeCount: number;
  readonly edgeCount: number;
  readonly wayCount: number;
  readonly source: GraphSource | null;
  readonly createdAtMs: number;
  /** CRC-32 of every byte after the header. */
  readonly crc32: number;
  readonly sections: Readonly<Record<SectionName, SectionEntry>>;
}

export type TypedArray = Float64Array | Float32Array | Uint32Array | Uint8Array;
type TypedArrayConstructor = {
  new (buffer: ArrayBuffer, offset: number, length: number): TypedArray;
  BYTES_PER_ELEMENT: number;
};

/** The typed-array fields of a RoadGraph, their element type, and their length from the counts. */
export const ARRAYS = {
  nodeLng: [Float64Array, "nodes"],
  nodeLat: [Float64Array, "nodes"],
  nodeOsmId: [Float64Array, "nodes"],
  firstEdge: [Uint32Array, "nodes+1"],
  edgeTarget: [Uint32Array, "edges"],
  edgeDurationMs: [Uint32Array, "edges"],
  edgeDistanceM: [Float32Array, "edges"],
  edgeWay: [Uint32Array, "edges"],
  wayOsmId: [Float64Array, "ways"],
  wayClass: [Uint8Array, "ways"],
  wayFlags: [Uint8Array, "ways"],
} as const satisfies Record<string, readonly [TypedArrayConstructor, "nodes" | "nodes+1" | "edges" | "ways"]>;

export type ArrayName = keyof typeof ARRAYS;
export type SectionName = ArrayName | "wayNames";
export const ARRAY_NAMES = Object.keys(ARRAYS) as ArrayName[];

/** A graph file is missing, truncated, corrupt or of another version. */
export class GraphFileError extends Error {
  override readonly name = "GraphFileError";
}

/** The prefix (magic, header length, padded JSON header) of a file with this header. */
export function encodePrefix(header: GraphFileHeader): Buffer {
  let json = JSON.stringify(header);
  // Section offsets count from the end of the prefix; pad so the body starts 8-byte aligned.
  json += " ".repeat((8 - ((PREFIX_BYTES + Buffer.byteLength(json)) % 8)) % 8);
  const prefix = Buffer.alloc(PREFIX_BYTES);
  prefix.write(MAGIC, 0, "latin1");
  prefix.writeUInt32LE(Buffer.byteLength(json), 8);
  return Buffer.concat([prefix, Buffer.from(json, "utf8")]);
}

/** The header of a graph file and where its body starts; `fail` builds the error to throw. */
export function decodePrefix(
  file: Buffer,
  fail: (reason: string) => Error,
): { header: GraphFileHeader; bodyOffset: number } {
  if (file.length < PREFIX_BYTES || file.toString("latin1", 0, 8) !== MAGIC) {
    throw fail(`not a Waybill graph file (expected "${MAGIC}" at byte 0)`);
  }
  if (endianness() !== "LE") throw fail("graph files are little-endian; this machine is not");
  const headerBytes = file.readUInt32LE(8);
  if (headerBytes > MAX_HEADER_BYTES) throw fail(`header length ${headerBytes} is implausible: corrupt file`);
  if (PREFIX_BYTES + headerBytes > file.length)
    throw fail(`truncated: header of ${headerBytes} bytes, file has ${file.length}`);
  let header: GraphFileHeader;
  try {
    header = JSON.parse(file.toString("utf8", PREFIX_BYTES, PREFIX_BYTES + headerBytes)) as GraphFileHeader;
  } catch (error) {
    throw fail(`header is not JSON (${(error as Error).message})`);
  }
  if (typeof header !== "object" || header === null || header.format !== "waybill-road-graph") {
    throw fail("header does not describe a Waybill road graph: corrupt file");
  }
  if (header.version !== FORMAT_VERSION) {
    throw fail(`graph file version ${header.version}, this build reads ${FORMAT_VERSION}: re-run import-osm`);
  }
  return { header, bodyOffset: PREFIX_BYTES + headerBytes };
}

/** The way names section: a JSON array of `wayCount` strings. */
export function decodeNames(
  body: Buffer,
  entry: SectionEntry,
  wayCount: number,
  fail: (reason: string) => Error,
): string[] {
  let names: unknown;
  try {
    names = JSON.parse(body.toString("utf8", entry.offset, entry.offset + entry.byteLength));
  } catch (error) {
    throw fail(`way names are not JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(names) || names.length !== wayCount || !names.every((n) => typeof n === "string")) {
    throw fail(`way names: expected ${wayCount} strings`);
  }
  return names;
}
