import { type FileHandle, open } from "node:fs/promises";
import { promisify } from "node:util";
import { inflate } from "node:zlib";
import { OSMTransform, parse } from "osm-pbf-parser-node";
import { CAR_PROFILE_TAG_KEYS } from "../../domain/road/car-profile";
import type { OsmRelationMember } from "../../domain/road/osm-extract";
import { RESTRICTION_TAG_KEYS } from "../../domain/road/restriction-rules";
import { type OsmExtractCollector, OsmFileError } from "./osm-extract-collector";
import { ProtoError, readProtoFields } from "./proto-reader";

const inflateAsync = promisify(inflate);

/** Limits of the PBF format (https://wiki.openstreetmap.org/wiki/PBF_Format). */
const MAX_BLOB_HEADER_BYTES = 64 * 1024;
const MAX_BLOB_BYTES = 32 * 1024 * 1024;
const SUPPORTED_FEATURES = new Set(["OsmSchema-V0.6", "DenseNodes"]);

/** The items osm-pbf-parser-node's `parse` returns (its typings say only `object`; see its Readme). */
type PbfItem =
  | { readonly type: "node"; readonly id: number; readonly lat: number; readonly lon: number }
  | {
      readonly type: "way";
      readonly id: number;
      readonly refs: number[];
      readonly tags?: Record<string, string>;
    }
  | {
      readonly type: "relation";
      readonly id: number;
      readonly members: OsmRelationMember[];
      readonly tags?: Record<string, string>;
    };

/** One blob of the file: its type, where it starts, its payload and where the next one starts. */
interface FileBlock {
  readonly type: string;
  readonly offset: number;
  readonly blob: Buffer;
  readonly next: number;
}

/**
 * Streams an `.osm.pbf` file into `sink`, block by block (the framing is read here so every error
 * names its byte offset; the primitive blocks are decoded by osm-pbf-parser-node, keeping only the
 * tags the car profile and the restriction parser read). Memory: one block at a time.
 *
 * @throws OsmFileError naming the file and the byte offset of the bad block (truncated file, bad
 * length, unsupported compression or feature, corrupt data).
 */
export async function readPbfFile(
  path: string,
  sink: OsmExtractCollector,
  onProgress: (fraction: number) => void = () => {},
): Promise<void> {
  const file = await open(path);
  try {
    const sizeBytes = (await file.stat()).size;
    if (sizeBytes === 0) throw new OsmFileError(`${path}: empty file, expected OSM PBF data`);
    const options = new OSMTransform({
      withTags: { node: false, way: [...CAR_PROFILE_TAG_KEYS], relation: [...RESTRICTION_TAG_KEYS] },
      withInfo: false,
    });
    let offset = 0;
    while (offset < sizeBytes) {
      const block = await readFileBlock(file, path, offset, sizeBytes);
      if (offset === 0 && block.type !== "OSMHeader") {
        throw new OsmFileError(`${path}: byte 0: first block is "${block.type}", expected "OSMHeader"`);
      }
      await decodeBlock(path, block, options, sink);
      offset = block.next;
      onProgress(offset / sizeBytes);
    }
  } finally {
    await file.close();
  }
}

async function readFileBlock(
  file: FileHandle,
  path: string,
  offset: number,
  sizeBytes: number,
): Promise<FileBlock> {
  const fail = (reason: string) => new OsmFileError(`${path}: byte ${offset}: ${reason}`);
  const lengthBytes = await readExactly(file, offset, 4, sizeBytes, fail);
  const headerLength = lengthBytes.readUInt32BE(0);
  if (headerLength === 0 || headerLength > MAX_BLOB_HEADER_BYTES) {
    throw fail(
      `blob header length ${headerLength} is not in 1..${MAX_BLOB_HEADER_BYTES} (not a PBF file, or corrupt)`,
    );
  }
  const header = await readExactly(file, offset + 4, headerLength, sizeBytes, fail);
  let type = "";
  let dataSize = -1;
  for (const { field, value } of parseProto(header, fail)) {
    if (field === 1 && Buffer.isBuffer(value)) type = value.toString("utf8");
    if (field === 3 && typeof value === "number") dataSize = value;
  }
  if (type === "" || dataSize < 0 || dataSize > MAX_BLOB_BYTES) {
    throw fail(`bad blob header (type "${type}", size ${dataSize}; not a PBF file, or corrupt)`);
  }
  const blob = await readExactly(file, offset + 4 + headerLength, dataSize, sizeBytes, fail);
  return { type, offset, blob, next: offset + 4 + headerLength + dataSize };
}

async function readExactly(
  file: FileHandle,
  position: number,
  length: number,
  sizeBytes: number,
  fail: (reason: string) => Error,
): Promise<Buffer> {
  if (position + length > sizeBytes) {
    throw fail(
      `truncated file: the block needs ${length} bytes at byte ${position}, the file ends at ${sizeBytes}`,
    );
  }
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.read(buffer, 0, length, position);
  if (bytesRead !== length) throw fail(`short read: ${bytesRead} of ${length} bytes at byte ${position}`);
  return buffer;
}

async function decodeBlock(
  path: string,
  block: FileBlock,
  options: OSMTransform,
  sink: OsmExtractCollector,
): Promise<void> {
  const fail = (reason: string) =>
    new OsmFileError(`${path}: byte ${block.offset}: ${block.type} block: ${reason}`);
  const data = await inflateBlob(block.blob, fail);
  if (block.type === "OSMHeader") checkHeaderFeatures(data, fail);
  if (block.type !== "OSMData") return; // other block types are skipped, as the format asks
  let items: PbfItem[];
  try {
    items = parse(data, options) as PbfItem[];
  } catch (error) {
    throw fail(`corrupt data (${error instanceof Error ? error.message : String(error)})`);
  }
  for (const item of items) {
    if (item.type === "node") sink.addNode(item.id, item.lon, item.lat);
    else if (item.type === "way") sink.addWay(item.id, item.refs, item.tags ?? {});
    else if (item.type === "relation") sink.addRelation(item.id, item.tags ?? {}, item.members);
  }
}

async function inflateBlob(blob: Buffer, fail: (reason: string) => Error): Promise<Buffer> {
  let raw: Buffer | undefined;
  let zlib: Buffer | undefined;
  let rawSize = -1;
  const unsupported: string[] = [];
  for (const { field, value } of parseProto(blob, fail)) {
    if (field === 1 && Buffer.isBuffer(value)) raw = value;
    else if (field === 2 && typeof value === "number") rawSize = value;
    else if (field === 3 && Buffer.isBuffer(value)) zlib = value;
    else if (field >= 4 && field <= 7) unsupported.push(["lzma", "bzip2", "lz4", "zstd"][field - 4]!);
  }
  if (raw) return raw;
  if (!zlib)
    throw fail(`unsupported compression ${unsupported.join(", ") || "(none given)"}; only zlib is read`);
  if (rawSize > MAX_BLOB_BYTES) throw fail(`uncompressed size ${rawSize} exceeds ${MAX_BLOB_BYTES}`);
  let data: Buffer;
  try {
    data = await inflateAsync(zlib, { maxOutputLength: MAX_BLOB_BYTES });
  } catch (error) {
    throw fail(`zlib data is corrupt (${error instanceof Error ? error.message : String(error)})`);
  }
  if (rawSize >= 0 && data.length !== rawSize)
    throw fail(`inflated to ${data.length} bytes, header says ${rawSize}`);
  return data;
}

function checkHeaderFeatures(data: Buffer, fail: (reason: string) => Error): void {
  for (const { field, value } of parseProto(data, fail)) {
    if (field !== 4 || !Buffer.isBuffer(value)) continue;
    const feature = value.toString("utf8");
    if (!SUPPORTED_FEATURES.has(feature))
      throw fail(`the file requires "${feature}", which this reader does not support`);
  }
}

function parseProto(buffer: Buffer, fail: (reason: string) => Error): ReturnType<typeof readProtoFields> {
  try {
    return readProtoFields(buffer);
  } catch (error) {
    if (error instanceof ProtoError) throw fail(`${error.message} at offset ${error.offset} of the block`);
    throw error;
  }
}
