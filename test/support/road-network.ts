import type { TestSystem } from "./system";

/** [west, south, east, north] in degrees. */
export type BBox = [number, number, number, number];

/** The bounding box of the road network the system routes on (`GET /api/v1/map/streets`). */
export async function networkBox(system: Pick<TestSystem, "api">, key?: string): Promise<BBox> {
  const res = await system.api("/api/v1/map/streets", key === undefined ? {} : { key });
  const roads = (await res.json()) as { features: { geometry: { coordinates: [number, number][] } }[] };
  const all = roads.features.flatMap((f) => f.geometry.coordinates);
  return [
    Math.min(...all.map((c) => c[0])),
    Math.min(...all.map((c) => c[1])),
    Math.max(...all.map((c) => c[0])),
    Math.max(...all.map((c) => c[1])),
  ];
}

/** The point at fractions (fx, fy) of the box, west to east and south to north. */
export const pointIn = (bbox: BBox, fx: number, fy: number): { lat: number; lng: number } => ({
  lng: bbox[0] + (bbox[2] - bbox[0]) * fx,
  lat: bbox[1] + (bbox[3] - bbox[1]) * fy,
});
