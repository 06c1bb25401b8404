import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { OsmFileError, readOsmFile } from "./osm-reader";

/*
 * A tiny protobuf writer, enough to make small but real PBF files: BlobHeader + Blob framing, a
 * HeaderBlock and one PrimitiveBlock with dense nodes, a way and a relation.
 */
const varint = (value: number): number[] => {
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest % 128) | 0x80);
    rest = Math.floor(rest / 128);
  }
  bytes.push(rest);
  return bytes;
};
const zigzag = (value: number): number => (value >= 0 ? value * 2 : -value * 2 - 1);
const bytesField = (field: number, payload: Buffer | number[]): number[] => [
  ...varint(field * 8 + 2),
  ...varint(payload.length),
  ...payload,
];
const varintField = (field: number, value: number): number[] => [...varint(field * 8), ...varint(value)];
const packed = (field: number, values: number[]): number[] => bytesField(field, values.flatMap(varint));
const deltas = (values: number[]): number[] => values.map((v, k) => zigzag(v - (k > 0 ? values[k - 1]! : 0)));
const text = (value: string) => Buffer.from(value, "utf8");

function block(type: string, data: Buffer, compression: "zlib" | "raw" | "lzma" = "zlib"): Buffer {
  const blob = Buffer.from(
    compression === "zlib"
      ? [...varintField(2, data.length), ...bytesField(3, deflateSync(data))]
      : compression === "raw"
        ? bytesField(1, data)
        : [...varintField(2, data.length), ...bytesField(4, data)],
  );
  const header = Buffer.from([...bytesField(1, text(type)), ...varintField(3, blob.length)]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(header.length);
  return Buffer.concat([length, header, blob]);
}

const headerBlock = (features: string[]) => Buffer.from(features.flatMap((f) => bytesField(4, text(f))));

/** Nodes 1-3 near Monaco, way 10 (residential, oneway) over them, a footway 11, restriction 20. */
function dataBlock(): Buffer {
  const strings = [
    "",
    "highway",
    "residential",
    "oneway",
    "yes",
    "footway",
    "type",
    "restriction",
    "no_u_turn",
    "from",
    "via",
    "to",
  ];
  const stringTable = strings.flatMap((s) => bytesField(1, text(s)));
  const lat = [437_300_000, 437_301_000, 437_302_000];
  const lon = [74_200_000, 74_201_000, 74_202_000];
  const dense = [...packed(1, deltas([1, 2, 3])), ...packed(8, deltas(lat)), ...packed(9, deltas(lon))];
  const way = (id: number, refs: number[], keys: number[], vals: number[]) =>
    bytesField(3, [
      ...varintField(1, id),
      ...packed(2, keys),
      ...packed(3, vals),
      ...packed(8, deltas(refs)),
    ]);
  const relation = [
    ...varintField(1, 20),
    ...packed(2, [6, 7]),
    ...packed(3, [7, 8]),
    ...packed(8, [9, 10, 11]),
    ...packed(9, deltas([10, 2, 10])),
    ...packed(10, [1, 0, 1]),
  ];
  const groups = [
    ...bytesField(2, bytesField(2, dense)),
    ...bytesField(2, [...way(10, [1, 2, 3], [1, 3], [2, 4]), ...way(11, [1, 3], [1], [5])]),
    ...bytesField(2, bytesField(4, relation)),
  ];
  return Buffer.from([...bytesField(1, stringTable), ...groups]);
}

const VALID = Buffer.concat([
  block("OSMHeader", headerBlock(["OsmSchema-V0.6", "DenseNodes"])),
  block("OSMData", dataBlock()),
]);

const dir = mkdtempSync(join(tmpdir(), "waybill-osm-pbf-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function write(name: string, content: Buffer | string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe("readOsmFile (PBF)", () => {
  it("reads nodes, drivable ways with their tags, and restrictions from a small PBF", async () => {
    const fractions: number[] = [];
    const { extract, counts, format } = await readOsmFile(write("small.osm.pbf", VALID), {
      onProgress: (fraction) => fractions.push(fraction),
    });
    expect(format).toBe("pbf");
    expect(counts).toEqual({ nodes: 3, ways: 2, relations: 1 });
    expect([...extract.nodes.ids]).toEqual([1, 2, 3]);
    expect(extract.nodes.lat[2]).toBeCloseTo(43.7302, 9);
    expect(extract.nodes.lng[0]).toBeCloseTo(7.42, 9);
    expect(extract.ways).toEqual([
      { id: 10, nodeRefs: [1, 2, 3], tags: { highway: "residential", oneway: "yes" } },
    ]);
    expect(extract.relations[0]?.members).toEqual([
      { type: "way", ref: 10, role: "from" },
      { type: "node", ref: 2, role: "via" },
      { type: "way", ref: 10, role: "to" },
    ]);
    expect(fractions.at(-1)).toBe(1);
  });

  it("reads uncompressed (raw) blocks too", async () => {
    const raw = Buffer.concat([
      block("OSMHeader", headerBlock(["OsmSchema-V0.6"]), "raw"),
      block("OSMData", dataBlock(), "raw"),
    ]);
    const { counts } = await readOsmFile(write("raw.osm.pbf", raw));
    expect(counts.nodes).toBe(3);
  });

  it("skips blocks of unknown type, as the format asks", async () => {
    const withExtra = Buffer.concat([
      block("OSMHeader", headerBlock([])),
      block("Index", Buffer.from("x")),
      block("OSMData", dataBlock()),
    ]);
    const { counts } = await readOsmFile(write("extra.osm.pbf", withExtra));
    expect(counts.ways).toBe(2);
  });

  const headerLength = block("OSMHeader", headerBlock(["OsmSchema-V0.6", "DenseNodes"])).length;
  it.each<[string, Buffer | string, RegExp]>([
    [
      "a file cut inside a block",
      VALID.subarray(0, VALID.length - 10),
      new RegExp(`byte ${headerLength}: truncated file: the block needs \\d+ bytes`),
    ],
    [
      "a file cut inside a length",
      VALID.subarray(0, headerLength + 2),
      new RegExp(`byte ${headerLength}: truncated file`),
    ],
    [
      "a text file",
      "hello, this is not a PBF file",
      /byte 0: blob header length \d+ is not in 1\.\.65536 \(not a PBF file, or corrupt\)/,
    ],
    ["an empty file", "", /empty file, expected OSM PBF data/],
    [
      "a data block first",
      block("OSMData", dataBlock()),
      /byte 0: first block is "OSMData", expected "OSMHeader"/,
    ],
    [
      "corrupt zlib data",
      corrupt(VALID, VALID.length - 20),
      new RegExp(`byte ${headerLength}: OSMData block: zlib data is corrupt`),
    ],
    [
      "lzma compression",
      Buffer.concat([block("OSMHeader", headerBlock([])), block("OSMData", dataBlock(), "lzma")]),
      /OSMData block: unsupported compression lzma; only zlib is read/,
    ],
    [
      "an unsupported required feature",
      block("OSMHeader", headerBlock(["OsmSchema-V0.6", "LocationsOnWays"])),
      /byte 0: OSMHeader block: the file requires "LocationsOnWays"/,
    ],
    [
      "a garbled primitive block",
      Buffer.concat([block("OSMHeader", headerBlock([])), block("OSMData", Buffer.from([0x12, 0x50, 1, 2]))]),
      /OSMData block: (corrupt data|field 2 needs)/,
    ],
  ])("names the file and the byte offset for %s", async (name, content, message) => {
    const path = write(`${name.replaceAll(" ", "-")}.osm.pbf`, content);
    const reading = readOsmFile(path);
    await expect(reading).rejects.toThrow(OsmFileError);
    await expect(reading).rejects.toThrow(message);
    await expect(reading).rejects.toThrow(path);
  });
});

function corrupt(bytes: Buffer, at: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[at] = copy[at]! ^ 0x5a;
  return copy;
}
