import type { ContractionHierarchy } from "./ch-preprocess";
import type { RoadGraph } from "./road-graph";

/**
 * Binary form of a hierarchy's topology, to store beside the graph file so that a restart skips
 * the ordering (the metric is not stored: customization takes milliseconds). Layout: eight uint32
 * header words (magic "WBCH", version, node, arc and edge counts, graph fingerprint, 2 reserved),
 * then rank, parent, upFirst, upHead, edgeArc (4 bytes each) and edgeUpward (1 byte), in the
 * platform's byte order (little-endian everywhere we run, as for the graph file).
 */

const MAGIC = 0x48434257; // "WBCH" read as little-endian uint32
const VERSION = 1;
const HEADER_WORDS = 8;

/**
 * A 32-bit FNV-1a hash of the graph's topology (CSR offsets and edge heads): a hierarchy only fits
 * the graph it was built for.
 *
 * @example
 * graphFingerprint(graph); // e.g. 2166136261
 */
export function graphFingerprint(graph: RoadGraph): number {
  let h = 0x811c9dc5;
  const mix = (values: Uint32Array) => {
    for (let i = 0; i < values.length; i++) h = Math.imul(h ^ values[i]!, 0x01000193) >>> 0;
  };
  mix(graph.firstEdge);
  mix(graph.edgeTarget);
  return h >>> 0;
}

/**
 * Serializes a hierarchy's topology to bytes.
 *
 * @example
 * const bytes = serializeHierarchy(ch, graph); // write next to the graph file
 */
export function serializeHierarchy(ch: ContractionHierarchy, graph: RoadGraph): Uint8Array {
  const n = ch.nodeCount;
  const words = HEADER_WORDS + n + n + (n + 1) + ch.arcCount + graph.edgeCount;
  const out = new Uint8Array(words * 4 + graph.edgeCount);
  const u32 = new Uint32Array(out.buffer, 0, words);
  u32.set([MAGIC, VERSION, n, ch.arcCount, graph.edgeCount, graphFingerprint(graph), 0, 0]);
  let at = HEADER_WORDS;
  for (const part of [
    ch.rank,
    new Uint32Array(ch.parent.buffer, ch.parent.byteOffset, n),
    ch.upFirst,
    ch.upHead,
  ]) {
    u32.set(part, at);
    at += part.length;
  }
  u32.set(new Uint32Array(ch.edgeArc.buffer, ch.edgeArc.byteOffset, graph.edgeCount), at);
  out.set(ch.edgeUpward, words * 4);
  return out;
}

/**
 * Reads a hierarchy written by {@link serializeHierarchy} for this graph. Throws when the bytes
 * are not a hierarchy, come from another format version, or were built for another graph.
 *
 * @example
 * const ch = deserializeHierarchy(bytes, graph); // then new RouteEngine(graph, { hierarchy: ch })
 */
export function deserializeHierarchy(bytes: Uint8Array, graph: RoadGraph): ContractionHierarchy {
  const copy = bytes.slice(); // own, aligned buffer
  if (copy.byteLength < HEADER_WORDS * 4) throw new Error("hierarchy data is truncated (no header)");
  const header = new Uint32Array(copy.buffer, 0, HEADER_WORDS);
  const [n, arcCount] = [header[2]!, header[3]!];
  if (header[0] !== MAGIC) throw new Error("not a hierarchy (bad magic number)");
  if (header[1] !== VERSION)
    throw new Error(`hierarchy format version ${header[1]} is not supported (expected ${VERSION})`);
  if (n !== graph.nodeCount || header[4] !== graph.edgeCount || header[5] !== graphFingerprint(graph)) {
    throw new Error("hierarchy was built for another graph (node/edge counts or topology differ)");
  }
  const words = HEADER_WORDS + 3 * n + 1 + arcCount + graph.edgeCount;
  if (copy.byteLength !== words * 4 + graph.edgeCount)
    throw new Error("hierarchy data is truncated or has trailing bytes");
  let at = HEADER_WORDS * 4;
  const next = (length: number): number => {
    const offset = at;
    at += length * 4;
    return offset;
  };
  const rank = new Uint32Array(copy.buffer, next(n), n);
  const parent = new Int32Array(copy.buffer, next(n), n);
  const upFirst = new Uint32Array(copy.buffer, next(n + 1), n + 1);
  const upHead = new Uint32Array(copy.buffer, next(arcCount), arcCount);
  const edgeArc = new Int32Array(copy.buffer, next(graph.edgeCount), graph.edgeCount);
  const edgeUpward = new Uint8Array(copy.buffer, at, graph.edgeCount);
  const nodeAtRank = new Uint32Array(n);
  for (let v = 0; v < n; v++) nodeAtRank[rank[v]!] = v;
  return { nodeCount: n, arcCount, rank, nodeAtRank, parent, upFirst, upHead, edgeArc, edgeUpward };
}
