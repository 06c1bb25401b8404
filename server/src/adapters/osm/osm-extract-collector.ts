import { evaluateCarWay } from "../../domain/road/car-profile";
import {
  type OsmExtract,
  OsmNodeTableBuilder,
  type OsmRelation,
  type OsmRelationMember,
  type OsmTags,
  type OsmWay,
} from "../../domain/road/osm-extract";

/** A file could not be read as OSM data; the message names the file and the position. */
export class OsmFileError extends Error {
  override readonly name = "OsmFileError";
}

/** How much of the file a reader saw (everything, not only what it kept). */
export interface OsmReadCounts {
  readonly nodes: number;
  readonly ways: number;
  readonly relations: number;
}

/**
 * What the readers feed while streaming: keeps every node's coordinates (24 bytes a node, since
 * ways come after nodes and we cannot know yet which are needed), only the ways the car profile
 * accepts, and only `type=restriction` relations.
 */
export class OsmExtractCollector {
  private readonly nodes = new OsmNodeTableBuilder();
  private readonly ways: OsmWay[] = [];
  private readonly relations: OsmRelation[] = [];
  private wayCount = 0;
  private relationCount = 0;

  addNode(id: number, lng: number, lat: number): void {
    this.nodes.add(id, lng, lat);
  }

  addWay(id: number, nodeRefs: readonly number[], tags: OsmTags): void {
    this.wayCount++;
    if (evaluateCarWay(tags) !== null) this.ways.push({ id, nodeRefs, tags });
  }

  addRelation(id: number, tags: OsmTags, members: readonly OsmRelationMember[]): void {
    this.relationCount++;
    if (tags.type === "restriction") this.relations.push({ id, tags, members });
  }

  get counts(): OsmReadCounts {
    return { nodes: this.nodes.size, ways: this.wayCount, relations: this.relationCount };
  }

  finish(): OsmExtract {
    return { nodes: this.nodes.finish(), ways: this.ways, relations: this.relations };
  }
}
