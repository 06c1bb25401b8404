import { VehicleStatus } from "./vehicle-status";

/**
 * Numeric fields of a vehicle, one typed array each (column store): per-frame loops over 2,000
 * vehicles touch a few contiguous arrays instead of 2,000 objects. NaN marks "unknown".
 */
const COLUMNS = [
  "fixAt", // epoch ms of the latest GPS fix
  "lng", // latest fix
  "lat",
  "speedKmh", // reported, or derived from the last two fixes when the device sends none
  "headingDeg", // reported, or the bearing of the last move
  "fromLng", // where the current glide started
  "fromLat",
  "shownLng", // where the vehicle is drawn now
  "shownLat",
  "glideStartAt", // performance.now() ms when the current glide started
  "glideMs", // glide duration; 0 when not gliding
] as const;

/** Name of one numeric column of a {@link FleetTable}. */
export type FleetColumn = (typeof COLUMNS)[number];

/** The identity fields of a vehicle row; the driver is the one on shift with it, if any. */
export interface VehicleIdentity {
  readonly id: string;
  readonly name: string;
  readonly plate: string | null;
  readonly driver: { readonly id: string; readonly name: string } | null;
}

/**
 * Dense rows `[0, count)` of vehicles. Row numbers are not stable: {@link FleetTable.removeRow}
 * moves the last row into the hole, and bumps {@link FleetTable.rowsVersion} so views re-index.
 */
export class FleetTable {
  count = 0;
  readonly ids: string[] = [];
  readonly names: string[] = [];
  readonly plates: (string | null)[] = [];
  readonly drivers: VehicleIdentity["driver"][] = [];
  col: Record<FleetColumn, Float64Array>;
  status: Uint8Array;
  /** Bumps when rows are added, removed, renamed or change driver; lists re-sort on change. */
  rowsVersion = 0;
  /** Bumps when anything drawn on the map changes; the vehicles layer calls setData on change only. */
  drawVersion = 0;
  private readonly rowById = new Map<string, number>();
  private capacity: number;

  constructor(initialCapacity = 64) {
    this.capacity = Math.max(1, initialCapacity);
    this.col = allocateColumns(this.capacity);
    this.status = new Uint8Array(this.capacity);
  }

  /** Row of a vehicle id, or -1. */
  rowOf(id: string): number {
    return this.rowById.get(id) ?? -1;
  }

  /** Appends a vehicle with every numeric field unknown; returns its row. */
  addRow(vehicle: VehicleIdentity): number {
    if (this.count === this.capacity) this.grow();
    const row = this.count++;
    this.ids[row] = vehicle.id;
    this.names[row] = vehicle.name;
    this.plates[row] = vehicle.plate;
    this.drivers[row] = vehicle.driver;
    for (const name of COLUMNS) this.col[name][row] = Number.NaN;
    this.col.glideMs[row] = 0;
    this.status[row] = VehicleStatus.NoFix;
    this.rowById.set(vehicle.id, row);
    this.rowsVersion++;
    return row;
  }

  /** Updates name, plate and driver; bumps {@link rowsVersion} only when they changed. */
  rename(row: number, vehicle: VehicleIdentity): void {
    if (
      this.names[row] === vehicle.name &&
      this.plates[row] === vehicle.plate &&
      this.drivers[row]?.id === vehicle.driver?.id &&
      this.drivers[row]?.name === vehicle.driver?.name
    )
      return;
    this.names[row] = vehicle.name;
    this.plates[row] = vehicle.plate;
    this.drivers[row] = vehicle.driver;
    this.rowsVersion++;
  }

  /** Removes a row by moving the last row into its place. */
  removeRow(row: number): void {
    const last = this.count - 1;
    this.rowById.delete(this.ids[row]!);
    if (row !== last) this.moveRow(last, row);
    this.ids.pop();
    this.names.pop();
    this.plates.pop();
    this.drivers.pop();
    this.count = last;
    this.rowsVersion++;
    this.drawVersion++;
  }

  private moveRow(from: number, to: number): void {
    for (const name of COLUMNS) this.col[name][to] = this.col[name][from]!;
    this.status[to] = this.status[from]!;
    this.ids[to] = this.ids[from]!;
    this.names[to] = this.names[from]!;
    this.plates[to] = this.plates[from] ?? null;
    this.drivers[to] = this.drivers[from] ?? null;
    this.rowById.set(this.ids[to]!, to);
  }

  private grow(): void {
    this.capacity *= 2;
    const next = allocateColumns(this.capacity);
    for (const name of COLUMNS) next[name].set(this.col[name]);
    this.col = next;
    const status = new Uint8Array(this.capacity);
    status.set(this.status);
    this.status = status;
  }
}

function allocateColumns(capacity: number): Record<FleetColumn, Float64Array> {
  const columns = {} as Record<FleetColumn, Float64Array>;
  for (const name of COLUMNS) columns[name] = new Float64Array(capacity);
  return columns;
}
