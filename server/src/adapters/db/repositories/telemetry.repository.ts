import { and, asc, desc, eq, gte, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import type {
  LatestState,
  RejectScope,
  StoredPosition,
  StoredReject,
  TelemetryBatch,
  TelemetryStore,
} from "../../../ports/telemetry-store";
import type { Db } from "../database";
import { positions, rejectedTelemetry, vehicleStates } from "../schema";

/** PostgreSQL/PGlite implementation of {@link TelemetryStore}: one transaction per batch. */
export class DrizzleTelemetryStore implements TelemetryStore {
  constructor(private readonly db: Db) {}

  async writeBatch(batch: TelemetryBatch): Promise<{ positionsInserted: number }> {
    if (batch.positions.length + batch.latest.length + batch.rejects.length === 0)
      return { positionsInserted: 0 };
    return this.db.transaction(async (tx) => {
      let positionsInserted = 0;
      if (batch.positions.length > 0) {
        const inserted = await tx
          .insert(positions)
          .values(batch.positions.map(toPositionRow))
          .onConflictDoNothing()
          .returning({ vehicleId: positions.vehicleId });
        positionsInserted = inserted.length;
      }
      if (batch.latest.length > 0) await upsertLatest(tx, batch.latest);
      if (batch.rejects.length > 0) {
        await tx
          .insert(rejectedTelemetry)
          .values(batch.rejects.map((r) => ({ ...r, receivedAt: new Date(r.receivedAt) })));
      }
      return { positionsInserted };
    });
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

const toPositionRow = (p: StoredPosition) => ({
  ...p,
  fixAt: new Date(p.fixAt),
  receivedAt: new Date(p.receivedAt),
  attrs: Object.keys(p.attrs).length > 0 ? p.attrs : null,
});

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

async function upsertLatest(tx: Tx, latest: readonly LatestState[]): Promise<void> {
  const now = new Date();
  await tx
    .insert(vehicleStates)
    .values(latest.map((s) => ({ ...s, fixAt: new Date(s.fixAt), updatedAt: now })))
    .onConflictDoUpdate({
      target: vehicleStates.vehicleId,
      set: {
        fixAt: sql`excluded.fix_at`,
        lat: sql`excluded.lat`,
        lng: sql`excluded.lng`,
        speedKmh: sql`excluded.speed_kmh`,
        headingDeg: sql`excluded.heading_deg`,
        updatedAt: sql`excluded.updated_at`,
      },
      setWhere: sql`${vehicleStates.fixAt} < excluded.fix_at`,
    });
}
