import type { AlertDto, AlertKind } from "@waybill/shared";
import { and, desc, eq, isNull } from "drizzle-orm";
import { newId } from "../../adapters/crypto/secrets";
import type { Db } from "../../adapters/db/database";
import { alerts } from "../../adapters/db/schema";
import type { LiveEvents } from "../../ports/live-events";
import { AppError } from "../app-error";

type AlertRow = typeof alerts.$inferSelect;

/** What a rule says is wrong. */
export interface AlertCondition {
  readonly kind: AlertKind;
  readonly vehicleId: string | null;
  readonly orderId: string | null;
  readonly stopId: string | null;
  readonly detail: string;
  readonly data?: Record<string, unknown>;
}

/** The key of a condition: one open alert per rule and subject. */
export const alertKey = (condition: Pick<AlertCondition, "kind" | "vehicleId" | "orderId">): string =>
  `${condition.kind}:${condition.orderId ?? condition.vehicleId ?? "-"}`;

/**
 * Alerts for dispatchers: a rule raises one while its condition holds (once, however often it
 * is seen) and clears it when the condition ends; a person acknowledges it. Each change goes to
 * the live channel.
 */
export class AlertService {
  private readonly raisedListeners: ((organisationId: string, alert: AlertDto) => void)[] = [];

  constructor(
    private readonly db: Db,
    private readonly live: LiveEvents,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Calls `listener` after each alert raised (not for one already open). */
  onRaised(listener: (organisationId: string, alert: AlertDto) => void): void {
    this.raisedListeners.push(listener);
  }

  /**
   * Raises the alert unless one is open for the same condition; true when it was raised now. Safe
   * when two instances raise it at once: the unique index on open keys lets one insert through.
   */
  async raise(organisationId: string, condition: AlertCondition): Promise<boolean> {
    const key = alertKey(condition);
    if (await this.open(organisationId, key)) return false;
    const [row] = await this.db
      .insert(alerts)
      .values({
        id: newId("alr"),
        organisationId,
        key,
        ...condition,
        data: condition.data ?? null,
        raisedAt: this.clock(),
      })
      .onConflictDoNothing()
      .returning();
    if (!row) return false; // raised by another instance a moment ago
    const dto = alertDto(row);
    this.live.publish(organisationId, "alert:raised", dto);
    for (const listener of this.raisedListeners) listener(organisationId, dto);
    return true;
  }

  /** Clears the open alert of a condition, if any; true when one was cleared. */
  async clear(
    organisationId: string,
    condition: Pick<AlertCondition, "kind" | "vehicleId" | "orderId">,
  ): Promise<boolean> {
    const rows = await this.db
      .update(alerts)
      .set({ clearedAt: this.clock() })
      .where(
        and(
          eq(alerts.organisationId, organisationId),
          eq(alerts.key, alertKey(condition)),
          isNull(alerts.clearedAt),
        ),
      )
      .returning();
    for (const row of rows) this.live.publish(organisationId, "alert:cleared", alertDto(row));
    return rows.length > 0;
  }

  /** Open alerts first, newest first; cleared ones of the last day after them. */
  async list(organisationId: string, filter: { open?: boolean }): Promise<AlertDto[]> {
    const rows = await this.db
      .select()
      .from(alerts)
      .where(
        and(eq(alerts.organisationId, organisationId), filter.open ? isNull(alerts.clearedAt) : undefined),
      )
      .orderBy(desc(alerts.raisedAt))
      .limit(500);
    return rows.map(alertDto);
  }

  async acknowledge(organisationId: string, alertId: string, by: string): Promise<AlertDto> {
    const [row] = await this.db
      .update(alerts)
      .set({ acknowledgedAt: this.clock(), acknowledgedBy: by })
      .where(and(eq(alerts.organisationId, organisationId), eq(alerts.id, alertId)))
      .returning();
    if (!row) throw new AppError("not_found", `alert ${alertId} does not exist`);
    return alertDto(row);
  }

  private async open(organisationId: string, key: string): Promise<boolean> {
    const [row] = await this.db
      .select({ id: alerts.id })
      .from(alerts)
      .where(and(eq(alerts.organisationId, organisationId), eq(alerts.key, key), isNull(alerts.clearedAt)));
    return row !== undefined;
  }
}

function alertDto(row: AlertRow): AlertDto {
  return {
    id: row.id,
    kind: row.kind as AlertKind,
    vehicleId: row.vehicleId,
    orderId: row.orderId,
    stopId: row.stopId,
    detail: row.detail,
    raisedAt: row.raisedAt.toISOString(),
    clearedAt: row.clearedAt?.toISOString() ?? null,
    acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
  };
}
