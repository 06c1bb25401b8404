import type { Db } from "../../adapters/db/database";
import type { OrdersRepository } from "../../adapters/db/repositories/orders.repository";
import { computeKpis, type KpiReport } from "../../domain/orders/kpis";

/** The order KPIs of an organisation over orders received in a period. */
export class KpiService {
  constructor(
    private readonly db: Db,
    private readonly orders: OrdersRepository,
  ) {}

  async report(
    organisationId: string,
    filter: { readonly from?: Date; readonly to?: Date; readonly channel?: string },
  ): Promise<
    KpiReport & { readonly from: string | null; readonly to: string | null; readonly channel: string | null }
  > {
    const rows = await this.orders.kpiRows(this.db, organisationId, filter);
    const report = computeKpis(
      rows.map(({ order, firstAttempt }) => ({
        channel: order.channel,
        timeZone: order.timeZone,
        receivedAt: order.receivedAt,
        deliveredAt: order.deliveredAt,
        timeWindows: order.timeWindows,
        firstAttempt,
        returnReason: order.returnReason as never,
        cancelled: order.status === "cancelled",
      })),
    );
    return {
      from: filter.from?.toISOString() ?? null,
      to: filter.to?.toISOString() ?? null,
      channel: filter.channel ?? null,
      ...report,
    };
  }
}
