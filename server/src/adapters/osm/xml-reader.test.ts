import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { findOsmNode } from "../../domain/road/osm-extract";
import { OsmFileError, readOsmFile } from "./osm-reader";

const dir = mkdtempSync(join(tmpdir(), "waybill-osm-xml-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const SMALL = `<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="test">
  <bounds minlat="43.7" minlon="7.4" maxlat="43.8" maxlon="7.5"/>
  <node id="3" lat="43.7302" lon="7.4202"/>
  <node id="1" lat="43.73" lon="7.42"><tag k="highway" v="traffic_signals"/></node>
  <node id="2" lat="43.7301" lon="7.4201"/>
  <node id="9" lat="43.74" lon="7.43" action="delete"/>
  <way id="10">
    <nd ref="1"/><nd ref="2"/><nd ref="3"/>
    <tag k="highway" v="residential"/><tag k="name" v="Rue &amp; Place"/><tag k="oneway" v="yes"/>
  </way>
  <way id="11"><nd ref="1"/><nd ref="3"/><tag k="highway" v="footway"/></way>
  <way id="12" visible="false"><nd ref="2"/><nd ref="3"/><tag k="highway" v="primary"/></way>
  <relation id="20">
    <member type="way" ref="10" role="from"/><member type="node" ref="2" role="via"/><member type="way" ref="10" role="to"/>
    <tag k="type" v="restriction"/><tag k="restriction" v="no_u_turn"/>
  </relation>
  <relation id="21"><member type="way" ref="10" role="outer"/><tag k="type" v="multipolygon"/></relation>
</osm>
`;

describe("readOsmFile (XML)", () => {
  it("reads nodes (sorted by id), drivable ways with their tags, and restriction relations", async () => {
    const { extract, counts, format } = await readOsmFile(write("small.osm", SMALL));
    expect(format).toBe("xml");
    expect(counts).toEqual({ nodes: 3, ways: 2, relations: 2 });
    expect([...extract.nodes.ids]).toEqual([1, 2, 3]);
    expect(extract.nodes.lat[findOsmNode(extract.nodes, 3)]).toBe(43.7302);
    expect(extract.ways).toEqual([
      { id: 10, nodeRefs: [1, 2, 3], tags: { highway: "residential", name: "Rue & Place", oneway: "yes" } },
    ]);
    expect(extract.relations).toEqual([
      {
        id: 20,
        tags: { type: "restriction", restriction: "no_u_turn" },
        members: [
          { type: "way", ref: 10, role: "from" },
          { type: "node", ref: 2, role: "via" },
          { type: "way", ref: 10, role: "to" },
        ],
      },
    ]);
  });

  it("reads the same from a gzipped copy and reports progress up to the whole file", async () => {
    const fractions: number[] = [];
    const { extract, format } = await readOsmFile(write("small.osm.gz", gzipSync(SMALL)), {
      onProgress: (fraction) => fractions.push(fraction),
    });
    expect(format).toBe("xml.gz");
    expect(extract.ways).toHaveLength(1);
    expect(fractions.at(-1)).toBe(1);
  });

  it.each([
    [
      "an unexpected close tag",
      "close.osm",
      `<osm>\n  <node id="1" lat="1" lon="2">\n</osm>\n`,
      /close\.osm:3:\d+: unexpected close tag/,
    ],
    [
      "markup garbage",
      "garbage.osm",
      `<osm>\n<node id="1" lat="1" lon="2"/>\n<<<\n</osm>`,
      /garbage\.osm:3:\d+: /,
    ],
    [
      "a missing lat",
      "no-lat.osm",
      `<osm>\n\n  <node id="1" lon="2"/>\n</osm>`,
      /no-lat\.osm:3:\d+: lat="" is not a coordinate/,
    ],
    [
      "a latitude out of range",
      "lat-95.osm",
      `<osm>\n<node id="1" lat="95" lon="2"/></osm>`,
      /lat-95\.osm:2:\d+: lat="95" is not a coordinate in \[-90, 90\]/,
    ],
    [
      "a non-numeric ref",
      "ref.osm",
      `<osm>\n<way id="1">\n<nd ref="x1"/></way></osm>`,
      /ref\.osm:3:\d+: ref="x1" is not an integer id/,
    ],
    [
      "a bad member type",
      "member.osm",
      `<osm>\n<relation id="1"><member type="area" ref="1" role=""/></relation></osm>`,
      /member\.osm:2:\d+: member type "area"/,
    ],
    [
      "another root element",
      "gpx.osm",
      `<gpx>\n</gpx>`,
      /gpx\.osm:1:\d+: root element is <gpx>, expected <osm>/,
    ],
    [
      "a file that ends early",
      "short.osm",
      `<osm>\n<node id="1" lat="1" lon="2"/>\n<way id="2">`,
      /short\.osm:3:\d+: unclosed tag: way.*ends early/,
    ],
    ["an empty file", "empty.osm", "", /empty\.osm:1:0: document must contain a root element/],
  ])("names the line and column of %s", async (_, name, xml, message) => {
    const reading = readOsmFile(write(name, xml));
    await expect(reading).rejects.toThrow(OsmFileError);
    await expect(reading).rejects.toThrow(message);
  });

  it("names the compressed byte offset of a truncated .osm.gz", async () => {
    const big = `<osm>\n${Array.from({ length: 5000 }, (_, k) => `<node id="${k + 1}" lat="43.7" lon="7.4"/>`).join("\n")}\n</osm>\n`;
    const gz = gzipSync(big);
    const path = write("cut.osm.gz", gz.subarray(0, gz.length >> 1));
    await expect(readOsmFile(path)).rejects.toThrow(
      /cut\.osm\.gz: byte \d+ \(XML line \d+, column \d+\): unexpected end of file/,
    );
  });

  it("refuses an unknown extension, listing the supported ones", async () => {
    await expect(readOsmFile(write("roads.geojson", "{}"))).rejects.toThrow(
      /roads\.geojson: unknown OSM file type; supported: \.osm\.pbf, \.osm, \.osm\.gz/,
    );
  });
});
