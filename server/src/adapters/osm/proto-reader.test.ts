import { describe, expect, it } from "vitest";
import { ProtoError, readProtoFields } from "./proto-reader";

describe(readProtoFields.name, () => {
  it("reads varints (also above 2^32) and length-delimited fields, skipping fixed-width ones", () => {
    const message = Buffer.from([
      0x08,
      0x96,
      0x01, // field 1 varint 150
      0x12,
      0x03,
      0x61,
      0x62,
      0x63, // field 2 bytes "abc"
      0x1d,
      1,
      2,
      3,
      4, // field 3 fixed32 (skipped)
      0x21,
      1,
      2,
      3,
      4,
      5,
      6,
      7,
      8, // field 4 fixed64 (skipped)
      0x28,
      0x80,
      0x80,
      0x80,
      0x80,
      0x80,
      0x01, // field 5 varint 2^35
    ]);
    const fields = readProtoFields(message);
    expect(fields).toEqual([
      { field: 1, value: 150 },
      { field: 2, value: Buffer.from("abc") },
      { field: 5, value: 2 ** 35 },
    ]);
  });

  it.each([
    ["a truncated varint", [0x08, 0x96], "truncated or overlong varint"],
    ["bytes running past the end", [0x12, 0x05, 0x61], "field 2 needs 5 bytes, 1 left"],
    ["a fixed64 past the end", [0x21, 1, 2], "field 4 runs past the end"],
    ["wire type 3 (groups)", [0x0b], "unsupported wire type 3"],
    ["field number 0", [0x00, 0x01], "field number 0"],
  ])("fails on %s", (_, bytes, message) => {
    expect(() => readProtoFields(Buffer.from(bytes))).toThrow(ProtoError);
    expect(() => readProtoFields(Buffer.from(bytes))).toThrow(message);
  });
});
