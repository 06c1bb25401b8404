import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { GpxFileError, parseGpx, readGpxFile } from "./gpx-reader";

const GPX_11 = `<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">
  <wpt lat="1" lon="1"><name>not a track point</name></wpt>
  <trk><name>Morning round</name>
    <trkseg>
      <trkpt lat="43.7384" lon="7.4246"><ele>12</ele><time>2026-11-22T08:00:00Z</time></trkpt>
      <trkpt lat="43.7390" lon="7.4250"><time>2026-11-22T08:00:05.500Z</time></trkpt>
    </trkseg>
    <trkseg><trkpt lat="43.7395" lon="7.4255"/></trkseg>
  </trk>
</gpx>`;

describe(parseGpx.name, () => {
  it("reads every track point in order over segments, with its time when it has one", () => {
    expect(parseGpx(GPX_11)).toEqual([
      { lng: 7.4246, lat: 43.7384, fixAt: Date.parse("2026-11-22T08:00:00Z") },
      { lng: 7.425, lat: 43.739, fixAt: Date.parse("2026-11-22T08:00:05.500Z") },
      { lng: 7.4255, lat: 43.7395 },
    ]);
  });

  it("reads GPX 1.0 with prefixed element names", () => {
    const text = `<g:gpx xmlns:g="http://www.topografix.com/GPX/1/0" version="1.0"><g:trk><g:trkseg>
      <g:trkpt lat="41.01" lon="29.08"><g:time>2015-01-01T11:35:02Z</g:time></g:trkpt></g:trkseg></g:trk></g:gpx>`;
    expect(parseGpx(text)).toEqual([{ lng: 29.08, lat: 41.01, fixAt: Date.parse("2015-01-01T11:35:02Z") }]);
  });

  it("names the file, line and column of a bad coordinate or time", () => {
    const badLat = `<gpx>\n<trk><trkseg><trkpt lat="95" lon="7"/></trkseg></trk></gpx>`;
    expect(() => parseGpx(badLat, "ride.gpx")).toThrow(
      /^ride\.gpx:2:\d+: lat="95" is not a coordinate in \[-90, 90\]$/,
    );
    const badTime = `<gpx><trk><trkseg><trkpt lat="1" lon="2"><time>yesterday</time></trkpt></trkseg></trk></gpx>`;
    expect(() => parseGpx(badTime, "ride.gpx")).toThrow(
      /ride\.gpx:1:\d+: <time> "yesterday" is not an ISO-8601 time/,
    );
  });

  it("refuses a document that is not GPX or not well-formed", () => {
    expect(() => parseGpx("<osm/>", "map.osm")).toThrow(GpxFileError);
    expect(() => parseGpx("<osm/>", "map.osm")).toThrow("root element is <osm>, expected <gpx>");
    expect(() => parseGpx("<gpx><trk>", "cut.gpx")).toThrow(/^cut\.gpx:1:\d+: /);
    expect(() => parseGpx("", "empty.gpx")).toThrow(/^empty\.gpx:1:0: document must contain a root element/);
  });
});

describe(readGpxFile.name, () => {
  const dir = mkdtempSync(join(tmpdir(), "waybill-gpx-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reads a file and reports one it cannot read", async () => {
    const path = join(dir, "round.gpx");
    writeFileSync(path, GPX_11);
    expect(await readGpxFile(path)).toHaveLength(3);
    await expect(readGpxFile(join(dir, "missing.gpx"))).rejects.toThrow(/missing\.gpx: cannot read/);
  });
});
