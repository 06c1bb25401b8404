import { mkdir, open, readFile, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { crc32 } from "node:zlib";
import { checkRoadGraph } from "../../domain/road/graph-checks";
import type { RoadGraph } from "../../domain/road/road-graph";
import {
  ARRAY_NAMES,
  ARRAYS,
  type ArrayName,
  decodeNames,
  decodePrefix,
  encodePrefix,
  FORMAT_VERSION,
  GraphFileError,
  type GraphFileHeader,
  type GraphSource,
  MAGIC,
  MAX_HEADER_BYTES,
  PREFIX_BYTES,
  type SectionEntry,
  type SectionName,
  type TypedArray,
} from "./graph-file-format";

export { GraphFileError, type GraphFileHeader, type GraphSource };

/**
 * Writes `graph` to `path` (creating the folder; written to a temporary name and renamed, so a
 * reader never sees half a file).
 *
 * @returns the size of the file, bytes.
 */
export async function saveGraph(
  graph: RoadGraph,
  path: string,
  source: GraphSource | null = null,
): Promise<number> {
  const { body, sections } = encodeBody(graph);
  const header: GraphFileHeader = {
    format: "waybill-road-graph",
    version: FORMAT_VERSION,
    nodeCount: graph.nodeCount,
    edgeCount: graph.edgeCount,
    wayCount: graph.wayOsmId.length,
    source,
    createdAtMs: Date.now(),
    crc32: crc32(body),
    sections,
  };
  const file = Buffer.concat([encodePrefix(header), body]);
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, file);
  await rename(temporary, path);
  return file.length;
}

/** The typed arrays and the names back to back, each padded to 8 bytes, and where each lies. */
function encodeBody(graph: RoadGraph): { body: Buffer; sections: GraphFileHeader["sections"] } {
  const sections: Partial<Record<SectionName, SectionEntry>> = {};
  const parts: Buffer[] = [];
  let offset = 0;
  const place = (name: SectionName, bytes: Buffer) => {
    sections[name] = { offset, byteLength: bytes.length };
    const padding = (8 - (bytes.length % 8)) % 8;
    parts.push(bytes, Buffer.alloc(padding));
    offset += bytes.length + padding;
  };
  for (const name of ARRAY_NAMES) {
    const array = graph[name];
    place(name, Buffer.from(array.buffer, array.byteOffset, array.byteLength));
  }
  place("wayNames", Buffer.from(JSON.stringify(graph.wayName), "utf8"));
  // Every section was placed above.
  return { body: Buffer.concat(parts), sections: sections as GraphFileHeader["sections"] };
}

/**
 * Loads a graph written by {@link saveGraph}: one read, the typed arrays are views into it (no
 * copy). Checks the magic, version, byte order, section bounds and lengths against the counts, the
 * CRC-32, and the graph invariants ({@link checkRoadGraph}).
 *
 * @throws GraphFileError naming the file and what is wrong.
 */
export async function loadGraph(path: string): Promise<RoadGraph> {
  const file = await readFile(path).catch((error: unknown) => {
    throw new GraphFileError(`${path}: cannot read graph file (${(error as Error).message})`, {
      cause: error,
    });
  });
  const fail = (reason: string) => new GraphFileError(`${path}: ${reason}`);
  const { header, bodyOffset } = decodePrefix(file, fail);
  // Typed array views need aligned offsets; copy once if the buffer is not 8-byte aligned.
  const bytes =
    (file.byteOffset + bodyOffset) % 8 === 0
      ? file
      : Buffer.from(file.buffer.slice(file.byteOffset, file.byteOffset + file.length));
  const body = bytes.subarray(bodyOffset);
  if (crc32(body) !== header.crc32) throw fail("checksum mismatch: the file is corrupt");
  const graph = assembleGraph(header, body, fail);
  const problems = checkRoadGraph(graph);
  if (problems.length > 0) throw fail(`invalid graph: ${problems.join("; ")}`);
  return graph;
}

/**
 * The header of a graph file (source, counts) without loading the arrays.
 *
 * @throws GraphFileError when the file is not a graph file.
 */
export async function readGraphHeader(path: string): Promise<GraphFileHeader> {
  const file = await open(path);
  try {
    const prefix = Buffer.alloc(PREFIX_BYTES);
    await file.read(prefix, 0, PREFIX_BYTES, 0);
    const headerBytes = prefix.toString("latin1", 0, 8) === MAGIC ? prefix.readUInt32LE(8) : 0;
    const head = Buffer.alloc(PREFIX_BYTES + Math.min(headerBytes, MAX_HEADER_BYTES));
    const { bytesRead } = await file.read(head, 0, head.length, 0);
    return decodePrefix(head.subarray(0, bytesRead), (reason) => new GraphFileError(`${path}: ${reason}`))
      .header;
  } finally {
    await file.close();
  }
}

function assembleGraph(header: GraphFileHeader, body: Buffer, fail: (reason: string) => Error): RoadGraph {
  const counts = {
    nodes: header.nodeCount,
    "nodes+1": header.nodeCount + 1,
    edges: header.edgeCount,
    ways: header.wayCount,
  };
  const section = (name: SectionName, byteLength: number): SectionEntry => {
    const entry = header.sections?.[name];
    if (!entry || entry.offset % 8 !== 0 || entry.offset + entry.byteLength > body.length) {
      throw fail(`section ${name} is missing or out of bounds (file truncated?)`);
    }
    if (byteLength >= 0 && entry.byteLength !== byteLength) {
      throw fail(`section ${name} has ${entry.byteLength} bytes, expected ${byteLength}`);
    }
    return entry;
  };
  const arrays: Partial<Record<ArrayName, TypedArray>> = {};
  for (const name of ARRAY_NAMES) {
    const [Type, count] = ARRAYS[name];
    const length = counts[count];
    const entry = section(name, length * Type.BYTES_PER_ELEMENT);
    arrays[name] = new Type(body.buffer as ArrayBuffer, body.byteOffset + entry.offset, length);
  }
  const wayName = decodeNames(body, section("wayNames", -1), header.wayCount, fail);
  // Every array was created above with the type and length the RoadGraph field needs.
  return { nodeCount: header.nodeCount, edgeCount: header.edgeCount, ...arrays, wayName } as RoadGraph;
}
