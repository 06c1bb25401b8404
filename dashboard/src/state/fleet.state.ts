import type { VehicleDto, VehiclePosition, VehiclePositionUpdate } from "@waybill/shared";
import type { FleetTable } from "./fleet-table";
import { approxBearingDeg, approxDistanceMeters } from "./planar-geo";
import { classifyVehicle } from "./vehicle-status";

/** Clock readings for one batch: wall clock (epoch ms) for freshness, frame clock for glides. */
export interface FleetClock {
  readonly wallMs: number;
  readonly frameMs: number;
}

/** Shortest and longest glide between two fixes, milliseconds. */
const MIN_GLIDE_MS = 200;
const MAX_GLIDE_MS = 2_000;
/** Fixes further apart than this are drawn as a jump: the vehicle was silent, a glide would invent a path. */
const MAX_GLIDE_GAP_MS = 30_000;
/** Below this move a derived heading is GPS noise; the previous heading is kept. */
const MIN_MOVE_FOR_HEADING_METERS = 3;

/** What {@link applyPositions} did with a batch. */
export interface PositionsResult {
  readonly applied: number;
  /** Updates for vehicles the table does not know (created after the last snapshot). */
  readonly unknown: number;
}

/**
 * Makes the table match a REST snapshot: adds new vehicles, renames, drops vanished ones, and
 * applies each snapshot position if it is newer than what the table holds.
 *
 * @example
 * applySnapshot(table, await api.listVehicles(), { wallMs: Date.now(), frameMs: performance.now() });
 */
export function applySnapshot(table: FleetTable, vehicles: readonly VehicleDto[], clock: FleetClock): void {
  const seen = new Set<string>();
  for (const vehicle of vehicles) {
    seen.add(vehicle.id);
    let row = table.rowOf(vehicle.id);
    if (row < 0) row = table.addRow(vehicle);
    else table.rename(row, vehicle);
    if (vehicle.position) applyFix(table, row, vehicle.position, clock);
  }
  // Descending, so the row moved into a hole has already been checked.
  for (let row = table.count - 1; row >= 0; row--) {
    if (!seen.has(table.ids[row]!)) table.removeRow(row);
  }
  table.drawVersion++;
}

/**
 * Applies a live batch; each update only if its fix is newer than the vehicle's current one.
 *
 * @example
 * socket.on("vehicle:positions", (batch) => applyPositions(table, batch, clock));
 */
export function applyPositions(
  table: FleetTable,
  batch: readonly VehiclePositionUpdate[],
  clock: FleetClock,
): PositionsResult {
  let applied = 0;
  let unknown = 0;
  for (const update of batch) {
    const row = table.rowOf(update.vehicleId);
    if (row < 0) unknown++;
    else if (applyFix(table, row, update, clock)) applied++;
  }
  return { applied, unknown };
}

/**
 * Stores a fix if it is newer than the row's (or the row has none) and starts a glide from where
 * the vehicle is drawn now. Returns false for an older or duplicate fix, which changes nothing.
 */
export function applyFix(table: FleetTable, row: number, fix: VehiclePosition, clock: FleetClock): boolean {
  const c = table.col;
  const previousFixAt = c.fixAt[row]!;
  if (!Number.isNaN(previousFixAt) && !(fix.fixAt > previousFixAt)) return false;
  const gapMs = fix.fixAt - previousFixAt;
  const movedMeters = approxDistanceMeters(c.lng[row]!, c.lat[row]!, fix.lng, fix.lat);
  c.speedKmh[row] = fix.speedKmh ?? deriveSpeedKmh(movedMeters, gapMs);
  if (fix.headingDeg !== null) c.headingDeg[row] = fix.headingDeg;
  else if (movedMeters >= MIN_MOVE_FOR_HEADING_METERS) {
    c.headingDeg[row] = approxBearingDeg(c.lng[row]!, c.lat[row]!, fix.lng, fix.lat);
  }
  startGlide(table, row, fix, gapMs, clock.frameMs);
  c.fixAt[row] = fix.fixAt;
  c.lng[row] = fix.lng;
  c.lat[row] = fix.lat;
  table.status[row] = classifyVehicle(fix.fixAt, c.speedKmh[row]!, clock.wallMs);
  table.drawVersion++;
  return true;
}

/**
 * Re-classifies every vehicle against the wall clock (a silent vehicle turns stale with time).
 * O(n); returns how many changed status.
 */
export function refreshStatuses(table: FleetTable, wallMs: number): number {
  const { fixAt, speedKmh } = table.col;
  let changed = 0;
  for (let row = 0; row < table.count; row++) {
    const status = classifyVehicle(fixAt[row]!, speedKmh[row]!, wallMs);
    if (status !== table.status[row]) {
      table.status[row] = status;
      changed++;
    }
  }
  if (changed > 0) table.drawVersion++;
  return changed;
}

function deriveSpeedKmh(movedMeters: number, gapMs: number): number {
  if (!(gapMs > 0 && gapMs <= MAX_GLIDE_GAP_MS) || Number.isNaN(movedMeters)) return Number.NaN;
  return (movedMeters / (gapMs / 1000)) * 3.6;
}

function startGlide(table: FleetTable, row: number, fix: VehiclePosition, gapMs: number, frameMs: number) {
  const c = table.col;
  const isDrawn = !Number.isNaN(c.shownLng[row]!);
  if (!isDrawn || !(gapMs <= MAX_GLIDE_GAP_MS)) {
    c.shownLng[row] = fix.lng;
    c.shownLat[row] = fix.lat;
    c.glideMs[row] = 0;
    return;
  }
  c.fromLng[row] = c.shownLng[row]!;
  c.fromLat[row] = c.shownLat[row]!;
  c.glideStartAt[row] = frameMs;
  c.glideMs[row] = Math.min(MAX_GLIDE_MS, Math.max(MIN_GLIDE_MS, gapMs));
}
