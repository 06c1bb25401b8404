import type { LngLat } from "@waybill/shared";
import { OsmNodeTableBuilder, type OsmTags } from "./osm-extract";
import { LATTICE_SPACING_M, type LatticePoint, latticeKey } from "./synthetic-town-plan";

const METERS_PER_DEGREE = 111_195.08;
/** Random shift of a residential crossing from its lattice position, metres (each axis). */
const JITTER_M = 25;
/** The same for crossings on an arterial, which run straighter, metres. */
const ARTERIAL_JITTER_M = 6;
/** Sideways offset of the mid-block node that bends each street, metres. */
const BEND_M = 10;

/** A point in metres east (x) and north (y) of the town centre. */
export interface PlanarPoint {
  readonly x: number;
  readonly y: number;
}

/**
 * The synthetic town being drawn: OSM nodes (negative ids, positions kept in metres), ways, and
 * which way holds each lattice edge (to name the ways of turn restrictions).
 */
export class TownDraft {
  readonly nodes = new OsmNodeTableBuilder();
  readonly ways: { id: number; nodeRefs: number[]; tags: OsmTags }[] = [];
  readonly positions = new Map<number, PlanarPoint>();
  nextWayId = -1;
  private nextNodeId = -1;
  private readonly latticeNodes = new Map<string, number>();
  private readonly wayOfEdge = new Map<string, number>();

  constructor(
    private readonly center: LngLat,
    readonly random: () => number,
  ) {}

  addNode(at: PlanarPoint): number {
    const id = this.nextNodeId--;
    const lat = this.center[1] + at.y / METERS_PER_DEGREE;
    const lng = this.center[0] + at.x / (METERS_PER_DEGREE * Math.cos((this.center[1] * Math.PI) / 180));
    this.nodes.add(id, Math.round(lng * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7);
    this.positions.set(id, at);
    return id;
  }

  latticeNode(p: LatticePoint): number {
    const key = latticeKey(p);
    const known = this.latticeNodes.get(key);
    if (known !== undefined) return known;
    const jitterM = p.i === 0 || p.j === 0 ? ARTERIAL_JITTER_M : JITTER_M;
    const shift = () => (this.random() * 2 - 1) * jitterM;
    const id = this.addNode({ x: p.i * LATTICE_SPACING_M + shift(), y: p.j * LATTICE_SPACING_M + shift() });
    this.latticeNodes.set(key, id);
    return id;
  }

  /** A node between two crossings, pushed sideways so streets bend a little. */
  midNode(a: number, b: number): number {
    const pa = this.positions.get(a)!;
    const pb = this.positions.get(b)!;
    const length = Math.hypot(pb.x - pa.x, pb.y - pa.y);
    const bendM = (this.random() * 2 - 1) * BEND_M;
    const x = (pa.x + pb.x) / 2 + (-(pb.y - pa.y) / length) * bendM;
    const y = (pa.y + pb.y) / 2 + ((pb.x - pa.x) / length) * bendM;
    return this.addNode({ x, y });
  }

  addWay(nodeRefs: number[], tags: OsmTags, edges: readonly (readonly [LatticePoint, LatticePoint])[]): void {
    const id = this.nextWayId--;
    this.ways.push({ id, nodeRefs, tags });
    for (const edge of edges) this.wayOfEdge.set(edgeKey(edge), id);
  }

  wayAt(edge: readonly [LatticePoint, LatticePoint]): number {
    const id = this.wayOfEdge.get(edgeKey(edge));
    if (id === undefined) throw new Error(`synthetic town: no way on lattice edge ${edgeKey(edge)}`);
    return id;
  }
}

const edgeKey = ([a, b]: readonly [LatticePoint, LatticePoint]): string =>
  [latticeKey(a), latticeKey(b)].sort().join("|");
