/** How fresh and how busy a vehicle is; drives colour on the map and in the list. */
export const VehicleStatus = { NoFix: 0, Moving: 1, Stopped: 2, Stale: 3 } as const;
/** One of {@link VehicleStatus}. */
export type VehicleStatus = (typeof VehicleStatus)[keyof typeof VehicleStatus];

/** A fix older than this makes the vehicle stale, whatever it last reported. */
export const STALE_AFTER_MS = 5 * 60_000;
/** At or above this speed a vehicle counts as moving (GPS jitter reports 1-2 km/h when parked). */
export const MOVING_MIN_SPEED_KMH = 3;

/** Label and colour of a status; one table for the map paint, the list dots and the legend. */
export interface StatusMeta {
  readonly status: VehicleStatus;
  readonly label: string;
  /** What the status means, for tooltips. */
  readonly hint: string;
  readonly color: string;
}

/** Presentation of every status, indexed by {@link VehicleStatus}. */
export const STATUS_META: readonly StatusMeta[] = [
  { status: VehicleStatus.NoFix, label: "No fix", hint: "Has not reported a position yet", color: "#94a3b8" },
  { status: VehicleStatus.Moving, label: "Moving", hint: "Fresh fix, 3 km/h or faster", color: "#16a34a" },
  { status: VehicleStatus.Stopped, label: "Stopped", hint: "Fresh fix, standing still", color: "#2563eb" },
  { status: VehicleStatus.Stale, label: "Stale", hint: "No fix for more than 5 minutes", color: "#d97706" },
];

/**
 * Classifies one vehicle. NaN `fixAt` means no fix; NaN speed (unknown) counts as stopped.
 *
 * @example
 * classifyVehicle(Date.now() - 10_000, 42, Date.now()); // VehicleStatus.Moving
 */
export function classifyVehicle(fixAt: number, speedKmh: number, nowMs: number): VehicleStatus {
  if (Number.isNaN(fixAt)) return VehicleStatus.NoFix;
  if (nowMs - fixAt > STALE_AFTER_MS) return VehicleStatus.Stale;
  return speedKmh >= MOVING_MIN_SPEED_KMH ? VehicleStatus.Moving : VehicleStatus.Stopped;
}
