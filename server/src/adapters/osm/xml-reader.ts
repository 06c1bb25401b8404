import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { SaxesParser } from "saxes";
import type { OsmRelationMember } from "../../domain/road/osm-extract";
import { type OsmExtractCollector, OsmFileError } from "./osm-extract-collector";

/** The element being read: a way or relation collects its children until its close tag. */
type OpenElement =
  | { kind: "way"; id: number; refs: number[]; tags: Record<string, string> }
  | { kind: "relation"; id: number; members: OsmRelationMember[]; tags: Record<string, string> }
  | { kind: "other" };

const MEMBER_TYPES = new Set(["node", "way", "relation"]);

/**
 * Streams an OSM XML file (`.osm`, or `.osm.gz` with `gzipped`) into `sink` with a SAX parser:
 * constant memory besides what the sink keeps. Elements deleted in a JOSM file (`action="delete"`)
 * or invisible (`visible="false"`) are skipped.
 *
 * @throws OsmFileError `"<path>:<line>:<column>: <reason>"` for malformed XML or OSM content (a
 * missing or non-numeric id, lat, lon, ref), or naming the compressed byte offset for broken gzip.
 */
export async function readOsmXmlFile(
  path: string,
  gzipped: boolean,
  sink: OsmExtractCollector,
  onProgress: (fraction: number) => void = () => {},
): Promise<void> {
  const sizeBytes = (await stat(path)).size;
  const source = createReadStream(path);
  const text: Readable = gzipped ? source.pipe(createGunzip()) : source;
  if (gzipped) source.on("error", (error) => text.destroy(error));
  text.setEncoding("utf8");
  const parser = new SaxesParser<{ xmlns: false; position: true; fileName: string }>({
    xmlns: false,
    fileName: path,
    position: true,
  });
  const handler = new OsmXmlHandler(sink, (message) => parser.makeError(message));
  parser.on("opentag", (tag) => handler.open(tag.name, tag.attributes));
  parser.on("closetag", (tag) => handler.close(tag.name));
  try {
    for await (const chunk of text) {
      parser.write(chunk as string);
      onProgress(source.bytesRead / Math.max(1, sizeBytes));
    }
  } catch (error) {
    source.destroy();
    throw wrapStreamError(path, error, source.bytesRead, parser);
  }
  try {
    parser.close();
  } catch (error) {
    throw new OsmFileError(`${errorMessage(error)} (the file ends early?)`, { cause: error });
  }
  if (!handler.sawRoot) throw new OsmFileError(`${path}: no <osm> element`);
}

/** saxes and our handler already say `path:line:column`; a gzip or disk error gets a byte offset. */
function wrapStreamError(
  path: string,
  error: unknown,
  bytesRead: number,
  parser: { line: number; column: number },
): OsmFileError {
  if (error instanceof OsmFileError) return error;
  const message = errorMessage(error);
  if (message.startsWith(`${path}:`)) return new OsmFileError(message, { cause: error });
  return new OsmFileError(
    `${path}: byte ${bytesRead} (XML line ${parser.line}, column ${parser.column}): ${message}`,
    { cause: error },
  );
}

const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Turns SAX events into sink calls; `fail` makes an error that carries the parser's position. */
class OsmXmlHandler {
  sawRoot = false;
  private current: OpenElement = { kind: "other" };

  constructor(
    private readonly sink: OsmExtractCollector,
    private readonly fail: (message: string) => Error,
  ) {}

  open(name: string, attributes: Record<string, string>): void {
    if (!this.sawRoot) {
      if (name !== "osm") throw this.error(`root element is <${name}>, expected <osm>`);
      this.sawRoot = true;
      return;
    }
    const skipped = attributes.action === "delete" || attributes.visible === "false";
    if (name === "node") {
      if (!skipped)
        this.sink.addNode(
          this.id(attributes, "id"),
          this.coordinate(attributes, "lon", 180),
          this.coordinate(attributes, "lat", 90),
        );
    } else if (name === "way") {
      this.current = skipped
        ? { kind: "other" }
        : { kind: "way", id: this.id(attributes, "id"), refs: [], tags: {} };
    } else if (name === "relation") {
      this.current = skipped
        ? { kind: "other" }
        : { kind: "relation", id: this.id(attributes, "id"), members: [], tags: {} };
    } else {
      this.child(name, attributes);
    }
  }

  close(name: string): void {
    const current = this.current;
    if (name === "way" && current.kind === "way") this.sink.addWay(current.id, current.refs, current.tags);
    if (name === "relation" && current.kind === "relation") {
      this.sink.addRelation(current.id, current.tags, current.members);
    }
    if (name === "way" || name === "relation") this.current = { kind: "other" };
  }

  private child(name: string, attributes: Record<string, string>): void {
    const current = this.current;
    if (current.kind === "other") return;
    if (name === "tag" && attributes.k !== undefined) current.tags[attributes.k] = attributes.v ?? "";
    else if (name === "nd" && current.kind === "way") current.refs.push(this.id(attributes, "ref"));
    else if (name === "member" && current.kind === "relation") {
      const type = attributes.type ?? "";
      if (!MEMBER_TYPES.has(type)) throw this.error(`member type "${type}" is not node, way or relation`);
      const member = {
        type: type as OsmRelationMember["type"],
        ref: this.id(attributes, "ref"),
        role: attributes.role ?? "",
      };
      current.members.push(member);
    }
  }

  private id(attributes: Record<string, string>, name: string): number {
    const value = attributes[name];
    const id = Number(value);
    if (value === undefined || value === "" || !Number.isSafeInteger(id))
      throw this.error(`${name}="${value ?? ""}" is not an integer id`);
    return id;
  }

  private coordinate(attributes: Record<string, string>, name: string, limit: number): number {
    const value = attributes[name];
    const degrees = Number(value);
    if (value === undefined || value === "" || !(Math.abs(degrees) <= limit)) {
      throw this.error(`${name}="${value ?? ""}" is not a coordinate in [-${limit}, ${limit}]`);
    }
    return degrees;
  }

  private error(message: string): OsmFileError {
    return new OsmFileError(this.fail(message).message);
  }
}
