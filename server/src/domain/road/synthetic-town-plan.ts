import type { OsmTags } from "./osm-extract";

/**
 * The street plan of the synthetic town, on a lattice of crossings 200 m apart (i east, j north,
 * -10 … 10): an octagonal ring road through the lattice points with max(|i|, |j|) = 8 or
 * |i| + |j| = 13, a grid of streets inside it, two primary arterials (row 0, column 0) that leave
 * the ring to the edge of the 4 km x 4 km square, secondary streets on rows and columns ±4, and
 * residential streets on the other rows and columns.
 */

/** Distance between neighbouring lattice crossings, metres. */
export const LATTICE_SPACING_M = 200;
const RING_HALF = 8;
const RING_CORNER = 13;
const OUTER = 10;
const MAJOR = new Set([0, 4, -4]);

/** A crossing of the lattice. */
export interface LatticePoint {
  readonly i: number;
  readonly j: number;
}

/** One street of the plan: its lattice points in way order, tags, and where its ways split. */
export interface TownLine {
  readonly name: string;
  readonly tags: OsmTags;
  /** Tags of the street's ways outside the ring, when they differ (faster arterials). */
  readonly tagsOutsideRing?: OsmTags;
  readonly points: readonly LatticePoint[];
  /** The street crosses the river on a bridge; otherwise it stops on both banks. */
  readonly bridged: boolean;
  /** A new way starts at this point (major crossings, as OSM mappers split ways there). */
  readonly splitsAt: (p: LatticePoint) => boolean;
}

/** Stable key of a lattice point, e.g. "3,-2". */
export const latticeKey = (p: LatticePoint): string => `${p.i},${p.j}`;

/** Northing of the river's centre line at easting `xM` (both metres from the town centre). */
export const riverNorthingM = (xM: number): number => -500 + 50 * Math.sin(xM / 450);

/** First words of residential street names, shuffled by seed. */
const RESIDENTIAL_WORDS = (
  "Oak Elm Ash Birch Cedar Maple Willow Hazel Rowan Chestnut Poplar Holly Laurel Alder Beech " +
  "Linden Juniper Hawthorn Orchard Meadow Chapel School Castle Abbey Baker Weaver Tanner Cooper Fletcher Quarry"
).split(" ");

const rangeOf = (from: number, to: number, step = 1): number[] =>
  Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, k) => from + k * step);

/** Half-extent of row j (or column i) inside the ring. */
const extentInside = (k: number): number => Math.min(RING_HALF, RING_CORNER - Math.abs(k));

/**
 * The town's streets, deterministic by `random` (which names go where).
 *
 * @example
 * const lines = planTownLines(createTownRandom(42));
 * lines.find((line) => line.name === "Ring Road")?.points.length; // 57 (closed loop)
 */
export function planTownLines(random: () => number): TownLine[] {
  const names = shuffle([...RESIDENTIAL_WORDS], random);
  const lines: TownLine[] = [ringLine()];
  for (const k of rangeOf(-(RING_HALF - 1), RING_HALF - 1)) {
    lines.push(rowLine(k, names.pop() ?? "Back"), columnLine(k, names.pop() ?? "Side"));
  }
  return lines;
}

function rowLine(j: number, word: string): TownLine {
  const reach = j === 0 ? OUTER : extentInside(j);
  const points = rangeOf(-reach, reach).map((i) => ({ i, j }));
  const splitsAt = (p: LatticePoint) => MAJOR.has(p.i) || isOnRing(p);
  if (j === 0) {
    return {
      name: "Harbour Road",
      tags: primary(),
      tagsOutsideRing: fastPrimary(),
      points,
      bridged: true,
      splitsAt,
    };
  }
  if (j === 4) return { name: "Station Road", tags: secondary(), points, bridged: false, splitsAt };
  if (j === -4) return { name: "Church Road", tags: secondary(), points, bridged: false, splitsAt };
  // The one-way pair: Market Street eastbound, Mill Street westbound (tagged against way order).
  if (j === 2)
    return { name: "Market Street", tags: residential({ oneway: "yes" }), points, bridged: false, splitsAt };
  if (j === 3)
    return { name: "Mill Street", tags: residential({ oneway: "-1" }), points, bridged: false, splitsAt };
  return { name: `${word} Street`, tags: residential(), points, bridged: false, splitsAt };
}

function columnLine(i: number, word: string): TownLine {
  const reach = i === 0 ? OUTER : extentInside(i);
  const northward = rangeOf(-reach, reach).map((j) => ({ i, j }));
  const splitsAt = (p: LatticePoint) => MAJOR.has(p.j) || isOnRing(p);
  if (i === 0) {
    const tagsOutsideRing = fastPrimary();
    return {
      name: "King Street",
      tags: primary(),
      tagsOutsideRing,
      points: northward,
      bridged: true,
      splitsAt,
    };
  }
  if (i === 4) return { name: "Park Avenue", tags: secondary(), points: northward, bridged: false, splitsAt };
  if (i === -4)
    return { name: "Victoria Avenue", tags: secondary(), points: northward, bridged: false, splitsAt };
  // Two one-way lanes side by side: drawn northward, and southward (way order against the lattice).
  if (i === -6)
    return {
      name: "Tower Lane",
      tags: residential({ oneway: "yes" }),
      points: northward,
      bridged: false,
      splitsAt,
    };
  if (i === -7) {
    const points = [...northward].reverse();
    return { name: "Well Lane", tags: residential({ oneway: "yes" }), points, bridged: false, splitsAt };
  }
  return { name: `${word} Lane`, tags: residential(), points: northward, bridged: false, splitsAt };
}

/** The ring, counterclockwise from (8, 0), closed; its ways split where the arterials meet it. */
function ringLine(): TownLine {
  const corners: LatticePoint[] = [
    { i: 8, j: 0 },
    { i: 8, j: 5 },
    { i: 5, j: 8 },
    { i: -5, j: 8 },
    { i: -8, j: 5 },
    { i: -8, j: -5 },
    { i: -5, j: -8 },
    { i: 5, j: -8 },
    { i: 8, j: -5 },
    { i: 8, j: 0 },
  ];
  const points: LatticePoint[] = [corners[0]!];
  for (let c = 1; c < corners.length; c++) {
    const from = corners[c - 1]!;
    const to = corners[c]!;
    const steps = Math.max(Math.abs(to.i - from.i), Math.abs(to.j - from.j));
    for (let s = 1; s <= steps; s++) {
      points.push({ i: from.i + Math.sign(to.i - from.i) * s, j: from.j + Math.sign(to.j - from.j) * s });
    }
  }
  const splitsAt = (p: LatticePoint) => p.i === 0 || p.j === 0;
  return {
    name: "Ring Road",
    tags: { highway: "primary", maxspeed: "70", lanes: "2" },
    points,
    bridged: true,
    splitsAt,
  };
}

/** True beyond the ring (the arterials' approaches). */
export const isOutsideRing = (p: LatticePoint): boolean =>
  Math.max(Math.abs(p.i), Math.abs(p.j)) > RING_HALF || Math.abs(p.i) + Math.abs(p.j) > RING_CORNER;

const isOnRing = (p: LatticePoint): boolean =>
  Math.max(Math.abs(p.i), Math.abs(p.j)) === RING_HALF || Math.abs(p.i) + Math.abs(p.j) === RING_CORNER;

const primary = (): OsmTags => ({ highway: "primary", maxspeed: "50" });
const fastPrimary = (): OsmTags => ({ highway: "primary", maxspeed: "70" });
const secondary = (): OsmTags => ({ highway: "secondary", maxspeed: "50" });
const residential = (extra: OsmTags = {}): OsmTags => ({ highway: "residential", maxspeed: "30", ...extra });

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let k = items.length - 1; k > 0; k--) {
    const other = Math.floor(random() * (k + 1));
    [items[k], items[other]] = [items[other]!, items[k]!];
  }
  return items;
}
