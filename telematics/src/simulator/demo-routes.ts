import type { LineStringFeature, LngLat } from "@waybill/shared";
import { createLocalProjection, type PlanarPoint } from "./local-projection";
import { createSeededRandom, deriveSeed, type SeededRandom } from "./seeded-random";

/** Options of {@link generateDemoRoutes}. */
export interface DemoRouteOptions {
  /** Centre of the 3 km x 3 km street grid. */
  readonly center: LngLat;
  /** Number of loops to generate. */
  readonly count: number;
  readonly seed: number;
}

/** Properties of one street of the demo grid. */
export interface DemoStreetProperties {
  readonly name: string;
  readonly orientation: "north-south" | "east-west";
}

/** The demo street grid as GeoJSON, for the dashboard to draw under the vans. */
export interface DemoStreetGrid {
  readonly type: "FeatureCollection";
  readonly features: readonly LineStringFeature<DemoStreetProperties>[];
}

/** Street offsets from the centre, metres: `xsM` east of the north-south streets, `ysM` north of the others. */
interface StreetGrid {
  readonly xsM: readonly number[];
  readonly ysM: readonly number[];
}

const GRID_HALF_SIZE_M = 1_500;
const STREET_SPACING_MIN_M = 150;
const STREET_SPACING_MAX_M = 250;
const LOOP_MIN_M = 3_000;
const LOOP_MAX_M = 8_000;
const MAX_LOOP_ATTEMPTS = 1_000;

/**
 * Plausible closed delivery loops of 3-8 km on a synthetic street grid around `center`: streets
 * every 150-250 m over about 3 km x 3 km, loops of right-angle turns along them (a block rectangle,
 * some corners cut in as a staircase). Deterministic by seed; the grid is {@link demoStreetGrid}'s.
 *
 * @returns `count` rings of `[lng, lat]`, each ending on its first point.
 * @example
 * const routes = generateDemoRoutes({ center: [7.4246, 43.7384], count: 10, seed: 42 });
 */
export function generateDemoRoutes(options: DemoRouteOptions): LngLat[][] {
  const { center, count, seed } = options;
  if (!(Number.isInteger(count) && count >= 0))
    throw new RangeError(`count: expected an integer >= 0, got ${count}`);
  const grid = buildStreetGrid(seed);
  const random = createSeededRandom(deriveSeed(seed, 1));
  const projection = createLocalProjection(center);
  return Array.from({ length: count }, () =>
    generateLoop(grid, random).map((point) => roundLngLat(projection.toLngLat(point))),
  );
}

/**
 * The street grid the demo routes of the same `center` and `seed` drive on, as a GeoJSON
 * FeatureCollection of LineStrings (one per street).
 *
 * @example
 * demoStreetGrid([7.4246, 43.7384], 42).features.length; // about 30
 */
export function demoStreetGrid(center: LngLat, seed: number): DemoStreetGrid {
  const { xsM, ysM } = buildStreetGrid(seed);
  const projection = createLocalProjection(center);
  const street = (
    name: string,
    orientation: DemoStreetProperties["orientation"],
    ends: [PlanarPoint, PlanarPoint],
  ) => ({
    type: "Feature" as const,
    geometry: {
      type: "LineString" as const,
      coordinates: ends.map((end) => roundLngLat(projection.toLngLat(end))),
    },
    properties: { name, orientation },
  });
  const [west, east] = [xsM[0]!, xsM[xsM.length - 1]!];
  const [south, north] = [ysM[0]!, ysM[ysM.length - 1]!];
  return {
    type: "FeatureCollection",
    features: [
      ...xsM.map((x, i) =>
        street(`Avenue ${i + 1}`, "north-south", [
          [x, south],
          [x, north],
        ]),
      ),
      ...ysM.map((y, i) =>
        street(`Street ${i + 1}`, "east-west", [
          [west, y],
          [east, y],
        ]),
      ),
    ],
  };
}

function buildStreetGrid(seed: number): StreetGrid {
  const random = createSeededRandom(deriveSeed(seed, 0));
  return { xsM: streetOffsets(random), ysM: streetOffsets(random) };
}

function streetOffsets(random: SeededRandom): number[] {
  const offsetsM: number[] = [];
  for (let at = -GRID_HALF_SIZE_M + random.between(0, 50); at <= GRID_HALF_SIZE_M; ) {
    offsetsM.push(Math.round(at));
    at += random.between(STREET_SPACING_MIN_M, STREET_SPACING_MAX_M);
  }
  return offsetsM;
}

/** A block rectangle whose perimeter is 3-8 km, corners possibly notched, in either direction. */
function generateLoop(grid: StreetGrid, random: SeededRandom): PlanarPoint[] {
  for (let attempt = 0; attempt < MAX_LOOP_ATTEMPTS; attempt++) {
    const [i0, i1] = pickSpan(grid.xsM.length, random);
    const [j0, j1] = pickSpan(grid.ysM.length, random);
    const perimeterM = 2 * (grid.xsM[i1]! - grid.xsM[i0]! + grid.ysM[j1]! - grid.ysM[j0]!);
    if (perimeterM < LOOP_MIN_M || perimeterM > LOOP_MAX_M) continue;
    const ring = notchedRectangle({ i0, i1, j0, j1 }, random).map(
      ([i, j]): PlanarPoint => [grid.xsM[i]!, grid.ysM[j]!],
    );
    ring.push(ring[0]!);
    return random.next() < 0.5 ? ring : ring.reverse();
  }
  throw new Error(`no loop of ${LOOP_MIN_M}-${LOOP_MAX_M} m fits the street grid`);
}

/** Two street indexes at least two streets apart, so a loop encloses at least a 2x2 block. */
function pickSpan(streetCount: number, random: SeededRandom): [number, number] {
  const first = random.integer(0, streetCount - 3);
  return [first, random.integer(first + 2, streetCount - 1)];
}

interface IndexBox {
  readonly i0: number;
  readonly i1: number;
  readonly j0: number;
  readonly j1: number;
}

/**
 * Corners of a rectangle of street indexes, counter-clockwise from the south-east. Each corner
 * may be cut in as a staircase (three turns instead of one). Cuts stay below half of each side,
 * so they never meet, and they keep the perimeter unchanged.
 */
function notchedRectangle({ i0, i1, j0, j1 }: IndexBox, random: SeededRandom): [number, number][] {
  const maxCutI = Math.floor((i1 - i0 - 1) / 2);
  const maxCutJ = Math.floor((j1 - j0 - 1) / 2);
  // Corner, inward direction, and whether the loop arrives along x (an east-west street).
  const corners = [
    { i: i1, j: j0, si: -1, sj: 1, arrivesAlongX: true },
    { i: i1, j: j1, si: -1, sj: -1, arrivesAlongX: false },
    { i: i0, j: j1, si: 1, sj: -1, arrivesAlongX: true },
    { i: i0, j: j0, si: 1, sj: 1, arrivesAlongX: false },
  ];
  return corners.flatMap(({ i, j, si, sj, arrivesAlongX }): [number, number][] => {
    if (maxCutI < 1 || maxCutJ < 1 || random.next() < 0.5) return [[i, j]];
    const ci = i + si * random.integer(1, maxCutI);
    const cj = j + sj * random.integer(1, maxCutJ);
    return arrivesAlongX
      ? [
          [ci, j],
          [ci, cj],
          [i, cj],
        ]
      : [
          [i, cj],
          [ci, cj],
          [ci, j],
        ];
  });
}

/** Six decimals: about 10 cm, plenty for a street map. */
const roundLngLat = ([lng, lat]: LngLat): LngLat => [
  Math.round(lng * 1e6) / 1e6,
  Math.round(lat * 1e6) / 1e6,
];
