/** maplibre's tile size: the world is 512 * 2^zoom CSS pixels wide. */
const TILE_SIZE_PX = 512;
const MAX_LATITUDE = 85.051129;

/**
 * A north-up, unpitched view of the map: enough to place points on screen without asking the map
 * for each one. `anchor*` is where the map puts the point `anchorLng`, `anchorLat` on screen.
 */
export interface MapViewState {
  readonly zoom: number;
  readonly anchorLng: number;
  readonly anchorLat: number;
  readonly anchorX: number;
  readonly anchorY: number;
}

/**
 * Web Mercator x of a longitude at `zoom`, CSS pixels from the antimeridian.
 *
 * @example
 * mercatorX(0, 0); // 256
 */
export function mercatorX(lng: number, zoom: number): number {
  return ((lng + 180) / 360) * TILE_SIZE_PX * 2 ** zoom;
}

/**
 * Web Mercator y of a latitude at `zoom`, CSS pixels from the top of the world (clamped to ±85.05°).
 *
 * @example
 * mercatorY(0, 0); // 256
 */
export function mercatorY(lat: number, zoom: number): number {
  const clamped = Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, lat));
  const sin = Math.sin((clamped * Math.PI) / 180);
  const y = 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI);
  return y * TILE_SIZE_PX * 2 ** zoom;
}

/**
 * Screen positions of `count` points (CSS pixels, as maplibre's `project`), written into `outX`
 * and `outY`; NaN in, NaN out. One pass, no allocation: the vehicles overlay calls it every frame.
 *
 * @example
 * projectPoints(view, table.col.shownLng, table.col.shownLat, table.count, xs, ys);
 */
export function projectPoints(
  view: MapViewState,
  lngs: Float64Array,
  lats: Float64Array,
  count: number,
  outX: Float32Array,
  outY: Float32Array,
): void {
  const originX = mercatorX(view.anchorLng, view.zoom) - view.anchorX;
  const originY = mercatorY(view.anchorLat, view.zoom) - view.anchorY;
  for (let i = 0; i < count; i++) {
    outX[i] = mercatorX(lngs[i]!, view.zoom) - originX;
    outY[i] = mercatorY(lats[i]!, view.zoom) - originY;
  }
}
