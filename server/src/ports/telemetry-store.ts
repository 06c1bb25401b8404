import type { PositionReport, TelemetryRejectReason } from "@waybill/shared";

/** One accepted position, ready to store: the decoded report, its vehicle and arrival time (epoch ms). */
export interface StoredPosition extends Omit<PositionReport, "deviceId"> {
  readonly vehicleId: string;
  readonly deviceId: string;
  readonly receivedAt: number;
}

/** The newest fix of a vehicle. */
export interface LatestState {
  readonly vehicleId: string;
  readonly fixAt: number;
  readonly lat: number;
  readonly lng: number;
  readonly speedKmh: number | null;
  readonly headingDeg: number | null;
}

/** A position's fields that make a vehicle's latest state. */
export function latestStateOf(p: Pick<StoredPosition, keyof LatestState>): LatestState {
  return {
    vehicleId: p.vehicleId,
    fixAt: p.fixAt,
    lat: p.lat,
    lng: p.lng,
    speedKmh: p.speedKmh,
    headingDeg: p.headingDeg,
  };
}

/** A dead letter: a rejected message or report, with why. */
export interface RejectRecord {
  readonly organisationId: string | null;
  readonly deviceId: string | null;
  readonly topic: string;
  readonly reason: TelemetryRejectReason;
  readonly detail: string;
  readonly reportIndex: number | null;
  readonly payloadExcerpt: string;
  readonly receivedAt: number;
}

/** A rejected record as listed, with its id. */
export interface StoredReject extends RejectRecord {
  readonly id: number;
}

/** What one flush of the store stage writes, atomically. */
export interface TelemetryBatch {
  readonly positions: readonly StoredPosition[];
  /** At most one per vehicle: the newest fix of the batch. Applied only if newer than stored. */
  readonly latest: readonly LatestState[];
  readonly rejects: readonly RejectRecord[];
}

/** Which dead letters a caller may see: its organisation, plus unknown devices for the operator. */
export interface RejectScope {
  readonly organisationId: string;
  readonly includeUnattributed: boolean;
}

/**
 * Persistence of telemetry. Contract: {@link ./telemetry-store.contract.ts}; implementations in
 * adapters/db (PostgreSQL and PGlite) and adapters/memory.
 */
export interface TelemetryStore {
  /** Writes a batch in one transaction; returns how many positions were new (duplicates skipped). */
  writeBatch(batch: TelemetryBatch): Promise<{ readonly positionsInserted: number }>;
  /** Latest state of the given vehicles (all when omitted). */
  latestStates(vehicleIds?: readonly string[]): Promise<LatestState[]>;
  /** Positions of one vehicle in [fromAt, toAt], oldest first, at most `limit`. */
  track(vehicleId: string, fromAt: number, toAt: number, limit: number): Promise<StoredPosition[]>;
  /** Newest dead letters first, at most `limit`, older than `beforeId` when given. */
  rejected(scope: RejectScope, limit: number, beforeId?: number): Promise<StoredReject[]>;
}
