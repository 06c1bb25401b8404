/**
 * Just enough protobuf to read the framing of an OSM PBF file (BlobHeader, Blob, HeaderBlock):
 * varints and length-delimited fields. The primitive blocks themselves are decoded by
 * osm-pbf-parser-node. Every read is bounds-checked and fails with a `ProtoError` naming the offset.
 */

/** A protobuf message could not be read; `offset` is relative to the buffer given to the reader. */
export class ProtoError extends Error {
  override readonly name = "ProtoError";
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_BYTES = 2;
const WIRE_FIXED32 = 5;

/** One field of a message: its number, and its value as a number (varint) or bytes. */
export interface ProtoField {
  readonly field: number;
  readonly value: number | Buffer;
}

/**
 * The fields of the message in `buffer`, in order (varints as numbers, length-delimited fields as
 * sub-buffers without copying; fixed32/64 fields are skipped).
 *
 * @example
 * for (const { field, value } of readProtoFields(headerBytes)) if (field === 3) datasize = value;
 */
export function readProtoFields(buffer: Buffer): ProtoField[] {
  const fields: ProtoField[] = [];
  let offset = 0;
  while (offset < buffer.length) {
    const key = readVarint(buffer, offset);
    offset = key.next;
    const field = Math.floor(key.value / 8);
    const wireType = key.value % 8;
    if (field === 0) throw new ProtoError("field number 0", offset);
    if (wireType === WIRE_VARINT) {
      const value = readVarint(buffer, offset);
      fields.push({ field, value: value.value });
      offset = value.next;
    } else if (wireType === WIRE_BYTES) {
      const length = readVarint(buffer, offset);
      const end = length.next + length.value;
      if (end > buffer.length) {
        throw new ProtoError(
          `field ${field} needs ${length.value} bytes, ${buffer.length - length.next} left`,
          offset,
        );
      }
      fields.push({ field, value: buffer.subarray(length.next, end) });
      offset = end;
    } else if (wireType === WIRE_FIXED64 || wireType === WIRE_FIXED32) {
      offset += wireType === WIRE_FIXED64 ? 8 : 4;
      if (offset > buffer.length) throw new ProtoError(`field ${field} runs past the end`, offset);
    } else {
      throw new ProtoError(`unsupported wire type ${wireType}`, offset);
    }
  }
  return fields;
}

function readVarint(buffer: Buffer, start: number): { value: number; next: number } {
  let value = 0;
  let scale = 1;
  for (let offset = start; offset < buffer.length && offset < start + 10; offset++) {
    const byte = buffer[offset]!;
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return { value, next: offset + 1 };
    scale *= 128;
  }
  throw new ProtoError("truncated or overlong varint", start);
}
