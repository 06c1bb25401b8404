import { SignedTokens } from "../../adapters/crypto/signed-token";
import type { Db } from "../../adapters/db/database";
import { IdempotencyRepository } from "../../adapters/db/repositories/idempotency.repository";
import { OrdersRepository } from "../../adapters/db/repositories/orders.repository";
import { loadSigningKey } from "../../adapters/db/repositories/signing-keys.repository";
import { KpiService } from "./kpi.service";
import { OrderService } from "./order.service";
import { OrderImportService } from "./order-import.service";
import { ProofService } from "./proof.service";
import { TrackingService } from "./tracking.service";
import { TrackingLinks } from "./tracking-links";

/** The services of orders, stops, proofs, tracking links and KPIs, wired once per process. */
export interface OrderModule {
  readonly orders: OrderService;
  readonly imports: OrderImportService;
  readonly proofs: ProofService;
  readonly tracking: TrackingService;
  readonly kpis: KpiService;
}

/**
 * Builds the order module on a database. `publicUrl` is read when a link is made (the HTTP port
 * may be known only after listening).
 */
export async function createOrderModule(
  db: Db,
  settings: { readonly publicUrl: () => string; readonly trackingLinkTtlDays: number },
): Promise<OrderModule> {
  const repository = new OrdersRepository();
  const tokens = new SignedTokens(await loadSigningKey(db, "tracking"));
  const links = new TrackingLinks(tokens, settings.publicUrl, settings.trackingLinkTtlDays);
  const orders = new OrderService(db, repository, new IdempotencyRepository(), links);
  return {
    orders,
    imports: new OrderImportService(orders),
    proofs: new ProofService(db, repository, orders),
    tracking: new TrackingService(db, repository, orders, links),
    kpis: new KpiService(db, repository),
  };
}
