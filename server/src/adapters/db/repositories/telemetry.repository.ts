import { and, asc, desc, eq, gte, inArray, isNull, lt, lte, or } from "drizzle-orm";
import type {
  LatestState,
  RejectScope,
  StoredPosition,
  StoredReject,
  TelemetryBatch,
  TelemetryStore,
} from "../../../ports/telemetry-store";
import type { Database, Db, PreparedRunner } from "../database";
import { positions, rejectedTelemetry, vehicleStates } from "../schema";
import {
  UNIQUE_VIOLATION,
  WRITE_BATCH,
  WRITE_BATCH_SKIPPING_STORED,
  writeBatchParams,
} from "./telemetry-batch-statement";

/** PostgreSQL/PGlite implementation of {@link TelemetryStore}: one statement per batch. */
export class DrizzleTelemetryStore implements TelemetryStore {
  private readonly db: Db;
  private readonly runPrepared: PreparedRunner;

  constructor(database: Pick<Database, "db" | "runPrepared">) {
    this.db = database.db;
    this.runPrepared = database.runPrepared;
  }

  async writeBatch(batch: TelemetryBatch): Promise<{ positionsInserted: number }> {
    if (batch.positions.length + batch.latest.length + batch.rejects.length === 0)
      return { positionsInserted: 0 };
    const params = writeBatchParams(batch);
    let rows: Record<string, unknown>[];
    try {
      rows = await this.runPrepared(WRITE_BATCH, params);
    } catch (error) {
      if (sqlStateOf(error) !== UNIQUE_VIOLATION) throw error;
      rows = await this.runPrepared(WRITE_BATCH_SKIPPING_STORED, params);
    }
    return { positionsInserted: Number(rows[0]?.inserted ?? 0) };
  }

  async latestStates(vehicleIds?: readonly string[]): Promise<LatestState[]> {
    const where = vehicleIds ? inArray(vehicleStates.vehicleId, [...vehicleIds]) : undefined;
    if (vehicleIds?.length === 0) return [];
    const rows = await this.db.select().from(vehicleStates).where(where);
    return rows.map((row) => ({
      vehicleId: row.vehicleId,
      fixAt: row.fixAt.getTime(),
      lat: row.lat,
      lng: row.lng,
      speedKmh: row.speedKmh,
      headingDeg: row.headingDeg,
    }));
  }

  async track(vehicleId: string, fromAt: number, toAt: number, limit: number): Promise<StoredPosition[]> {
    const rows = await this.db
      .select()
      .from(positions)
      .where(
        and(
          eq(positions.vehicleId, vehicleId),
          gte(positions.fixAt, new Date(fromAt)),
          lte(positions.fixAt, new Date(toAt)),
        ),
      )
      .orderBy(asc(positions.fixAt))
      .limit(limit);
    return rows.map((row) => ({
      ...row,
      fixAt: row.fixAt.getTime(),
      receivedAt: row.receivedAt.getTime(),
      attrs: row.attrs ?? {},
    }));
  }

  async rejected(scope: RejectScope, limit: number, beforeId?: number): Promise<StoredReject[]> {
    const visible = scope.includeUnattributed
      ? or(
          eq(rejectedTelemetry.organisationId, scope.organisationId),
          isNull(rejectedTelemetry.organisationId),
        )
      : eq(rejectedTelemetry.organisationId, scope.organisationId);
    const rows = await this.db
      .select()
      .from(rejectedTelemetry)
      .where(beforeId === undefined ? visible : and(visible, lt(rejectedTelemetry.id, beforeId)))
      .orderBy(desc(rejectedTelemetry.id))
      .limit(limit);
    return rows.map((row) => ({
      ...row,
      reason: row.reason as StoredReject["reason"],
      receivedAt: row.receivedAt.getTime(),
    }));
  }
}

/** The SQLSTATE of a driver error (postgres.js and PGlite both put it in `code`), if any. */
function sqlStateOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}
