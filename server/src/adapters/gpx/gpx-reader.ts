import { readFile } from "node:fs/promises";
import { SaxesParser } from "saxes";
import type { GpsFix } from "../../domain/matching/match-types";

/** A GPX file that cannot be read: the message names the file and, for bad content, line:column. */
export class GpxFileError extends Error {
  override readonly name = "GpxFileError";
}

/**
 * The track points of a GPX document (1.0 or 1.1), in document order over all tracks and
 * segments, as fixes: `lat`/`lon` attributes and the optional `<time>` (ISO-8601) as `fixAt`.
 * Waypoints and route points are not part of a track and are ignored.
 *
 * @throws GpxFileError `"<fileName>:<line>:<column>: <reason>"` for malformed XML, a missing or
 * out-of-range coordinate, an unreadable time, or a document that is not GPX.
 * @example
 * parseGpx('<gpx><trk><trkseg><trkpt lat="43.7" lon="7.42"/></trkseg></trk></gpx>'); // [{ lng: 7.42, lat: 43.7 }]
 */
export function parseGpx(text: string, fileName = "<gpx>"): GpsFix[] {
  const parser = new SaxesParser<{ xmlns: false; position: true; fileName: string }>({
    xmlns: false,
    position: true,
    fileName,
  });
  const fail = (message: string) => new GpxFileError(parser.makeError(message).message);
  const fixes: GpsFix[] = [];
  let root: string | null = null;
  let point: { lng: number; lat: number; fixAt?: number } | null = null;
  let timeText: string | null = null;
  parser.on("opentag", (tag) => {
    const name = localName(tag.name);
    root ??= name;
    if (root !== "gpx") throw fail(`root element is <${tag.name}>, expected <gpx>`);
    if (name === "trkpt") {
      point = {
        lat: coordinate(tag.attributes.lat, "lat", 90, fail),
        lng: coordinate(tag.attributes.lon, "lon", 180, fail),
      };
    } else if (name === "time" && point) timeText = "";
  });
  parser.on("text", (text) => {
    if (timeText !== null) timeText += text;
  });
  parser.on("closetag", (tag) => {
    const name = localName(tag.name);
    if (name === "time" && point && timeText !== null) {
      const fixAt = Date.parse(timeText.trim());
      if (Number.isNaN(fixAt)) throw fail(`<time> "${timeText.trim()}" is not an ISO-8601 time`);
      point.fixAt = fixAt;
      timeText = null;
    } else if (name === "trkpt" && point) {
      fixes.push(point);
      point = null;
    }
  });
  try {
    parser.write(text).close();
  } catch (error) {
    if (error instanceof GpxFileError) throw error;
    throw new GpxFileError((error as Error).message, { cause: error });
  }
  return fixes;
}

/**
 * Reads a GPX file's track points ({@link parseGpx}).
 *
 * @throws GpxFileError when the file cannot be read or is not valid GPX.
 */
export async function readGpxFile(path: string): Promise<GpsFix[]> {
  const text = await readFile(path, "utf8").catch((error: unknown) => {
    throw new GpxFileError(`${path}: cannot read (${(error as Error).message})`, { cause: error });
  });
  return parseGpx(text, path);
}

/** The element name without a namespace prefix (`gpx:trkpt` → `trkpt`). */
const localName = (name: string): string => name.slice(name.indexOf(":") + 1);

function coordinate(
  value: string | undefined,
  name: string,
  limit: number,
  fail: (m: string) => Error,
): number {
  const degrees = Number(value);
  if (value === undefined || value.trim() === "" || !(Math.abs(degrees) <= limit))
    throw fail(`${name}="${value ?? ""}" is not a coordinate in [-${limit}, ${limit}]`);
  return degrees;
}
