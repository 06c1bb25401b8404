import type { LngLat } from "@waybill/shared";
import type { OsmExtract, OsmRelation, OsmTags } from "./osm-extract";
import { type PlanarPoint, TownDraft } from "./synthetic-town-draft";
import {
  isOutsideRing,
  type LatticePoint,
  planTownLines,
  riverNorthingM,
  type TownLine,
} from "./synthetic-town-plan";

/** Where the synthetic town sits by default: Monaco's coordinates, like the demo fleet's grid. */
export const SYNTHETIC_TOWN_CENTER: LngLat = [7.4246, 43.7384];

/** Options of {@link generateSyntheticTown}. */
export interface SyntheticTownOptions {
  /** Centre of the town, `[lng, lat]` degrees (default {@link SYNTHETIC_TOWN_CENTER}). */
  readonly center?: LngLat;
  /** Same seed, same town (default 42). */
  readonly seed?: number;
}

const ROUNDABOUT_AT: LatticePoint = { i: 4, j: 4 };
const ROUNDABOUT_RADIUS_M = 25;
const ROUNDABOUT_NODES = 12;

/** The town's turn restrictions: from a crossing, via the next one, to a third, as lattice `[i, j]`. */
const RESTRICTIONS: readonly { value: string; from: Ij; via: Ij; to: Ij }[] = [
  { value: "no_left_turn", from: [1, 0], via: [0, 0], to: [0, -1] },
  { value: "only_straight_on", from: [0, 3], via: [0, 4], to: [0, 5] },
  { value: "no_u_turn", from: [8, -1], via: [8, 0], to: [8, -1] },
  { value: "no_right_turn", from: [-5, 0], via: [-4, 0], to: [-4, -1] },
];
type Ij = readonly [number, number];
const point = ([i, j]: Ij): LatticePoint => ({ i, j });

/**
 * A realistic made-up town of about 4 km x 4 km as OSM data, for routing without an OSM file: an
 * octagonal ring road (primary, 70 km/h), two primary arterials crossing at the centre (Harbour
 * Road east-west, King Street north-south; 50 km/h inside the ring, 70 outside), secondary
 * streets every 800 m, a jittered grid of residential streets (30 km/h) every 200 m, a one-way
 * pair (Market Street eastbound, Mill Street westbound) and two one-way lanes, a roundabout
 * (Fountain Circus), four turn restrictions, and a river whose only crossings are three bridges
 * (the ring twice and King Street). Node, way and relation ids are negative (never real OSM ids).
 * Deterministic: the same seed gives the same town.
 *
 * @example
 * const extract = generateSyntheticTown({ seed: 42 });
 * const { graph } = buildRoadGraphFromExtract(extract); // about 3,000 nodes
 */
export function generateSyntheticTown(options: SyntheticTownOptions = {}): OsmExtract {
  const seed = options.seed ?? 42;
  const town = new TownDraft(options.center ?? SYNTHETIC_TOWN_CENTER, createTownRandom(seed));
  for (const line of planTownLines(town.random)) emitLine(town, line);
  addRoundabout(town);
  const river = Array.from({ length: 47 }, (_, k) =>
    town.addNode({ x: -2300 + k * 100, y: riverNorthingM(-2300 + k * 100) }),
  );
  town.ways.push({ id: town.nextWayId--, nodeRefs: river, tags: { waterway: "river", name: "River Wey" } });
  const relations: OsmRelation[] = RESTRICTIONS.map((r, k) => ({
    id: -1 - k,
    tags: { type: "restriction", restriction: r.value },
    members: [
      { type: "way", ref: town.wayAt([point(r.from), point(r.via)]), role: "from" },
      { type: "node", ref: town.latticeNode(point(r.via)), role: "via" },
      { type: "way", ref: town.wayAt([point(r.via), point(r.to)]), role: "to" },
    ],
  }));
  return { nodes: town.nodes.finish(), ways: town.ways, relations };
}

/**
 * A seeded PRNG (mulberry32) returning floats in [0, 1).
 *
 * @example
 * createTownRandom(42)(); // the same number every time
 */
export function createTownRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A way being collected along a line. */
interface WayDraft {
  refs: number[];
  points: LatticePoint[];
  edges: [LatticePoint, LatticePoint][];
}

/** Draws a street as ways: split at its major crossings, at the river cut or bridged. */
function emitLine(town: TownDraft, line: TownLine): void {
  const start = (p: LatticePoint): WayDraft => ({ refs: [town.latticeNode(p)], points: [p], edges: [] });
  const flush = (way: WayDraft, extra: OsmTags = {}) => {
    if (way.refs.length < 2) return;
    const outside = line.tagsOutsideRing && way.points.some(isOutsideRing);
    town.addWay(
      way.refs,
      { ...(outside ? line.tagsOutsideRing : line.tags), name: line.name, ...extra },
      way.edges,
    );
  };
  let way = start(line.points[0]!);
  for (let k = 1; k < line.points.length; k++) {
    const a = line.points[k - 1]!;
    const b = line.points[k]!;
    const [idA, idB] = [town.latticeNode(a), town.latticeNode(b)];
    const mid = town.midNode(idA, idB);
    if (crossesRiver([idA, mid, idB].map((id) => town.positions.get(id)!))) {
      flush(way);
      if (line.bridged)
        flush({ refs: [idA, mid, idB], points: [a, b], edges: [[a, b]] }, { bridge: "yes", layer: "1" });
      way = start(b);
      continue;
    }
    way.refs.push(mid, idB);
    way.points.push(b);
    way.edges.push([a, b]);
    if (k < line.points.length - 1 && line.splitsAt(b)) {
      flush(way);
      way = start(b);
    }
  }
  flush(way);
}

function crossesRiver(path: readonly PlanarPoint[]): boolean {
  const side = (p: PlanarPoint) => Math.sign(p.y - riverNorthingM(p.x));
  return path.some((p, k) => k > 0 && side(p) !== side(path[k - 1]!));
}

/** Replaces the crossing at {@link ROUNDABOUT_AT} by a counterclockwise roundabout. */
function addRoundabout(town: TownDraft): void {
  const centre = town.latticeNode(ROUNDABOUT_AT);
  const at = town.positions.get(centre)!;
  const step = (2 * Math.PI) / ROUNDABOUT_NODES;
  const circle = Array.from({ length: ROUNDABOUT_NODES }, (_, k) =>
    town.addNode({
      x: at.x + ROUNDABOUT_RADIUS_M * Math.cos(k * step),
      y: at.y + ROUNDABOUT_RADIUS_M * Math.sin(k * step),
    }),
  );
  const entryToward = (neighbour: number) => {
    const p = town.positions.get(neighbour)!;
    const k = Math.round(Math.atan2(p.y - at.y, p.x - at.x) / step);
    return circle[((k % ROUNDABOUT_NODES) + ROUNDABOUT_NODES) % ROUNDABOUT_NODES]!;
  };
  for (const way of town.ways) {
    const refs = way.nodeRefs;
    if (refs[0] === centre) refs[0] = entryToward(refs[1]!);
    if (refs[refs.length - 1] === centre) refs[refs.length - 1] = entryToward(refs[refs.length - 2]!);
  }
  const tags = { highway: "secondary", junction: "roundabout", name: "Fountain Circus" };
  town.addWay([...circle, circle[0]!], tags, []);
}
