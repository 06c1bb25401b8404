import type { FleetTable } from "./fleet-table";

/**
 * Moves every gliding vehicle to where it should be drawn at `frameMs` (linear between its drawn
 * position when the fix arrived and the fix). One pass over typed arrays, no allocation.
 * Returns how many vehicles moved; 0 means nothing to redraw.
 *
 * @example
 * const moved = advanceGlides(table, performance.now());
 */
export function advanceGlides(table: FleetTable, frameMs: number): number {
  const { fromLng, fromLat, lng, lat, shownLng, shownLat, glideStartAt, glideMs } = table.col;
  let moved = 0;
  for (let row = 0; row < table.count; row++) {
    const durationMs = glideMs[row]!;
    if (durationMs === 0) continue;
    const progress = (frameMs - glideStartAt[row]!) / durationMs;
    if (progress >= 1) {
      shownLng[row] = lng[row]!;
      shownLat[row] = lat[row]!;
      glideMs[row] = 0;
    } else if (progress > 0) {
      shownLng[row] = fromLng[row]! + (lng[row]! - fromLng[row]!) * progress;
      shownLat[row] = fromLat[row]! + (lat[row]! - fromLat[row]!) * progress;
    }
    moved++;
  }
  if (moved > 0) table.drawVersion++;
  return moved;
}
