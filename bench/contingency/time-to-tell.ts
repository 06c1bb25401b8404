import type { Db } from "../../server/src/adapters/db/database";
import { notifications, outboxConsumptions, outboxEvents } from "../../server/src/adapters/db/schema";
import { poll } from "./live-day";

type OutboxRow = typeof outboxEvents.$inferSelect;
type NotificationRow = typeof notifications.$inferSelect;

/** The notification rules' consumer of the outbox (notification.repository.ts). */
const NOTIFICATIONS_CONSUMER = "notifications";

/**
 * The `shipment.eta_updated` events of `orderIds` since `since`, once every one has one: the
 * tracking pipeline's ETAs along the new routes (a van recomputes its ETAs every 30 s at most).
 */
export function etaUpdatesSince(
  db: Db,
  orderIds: readonly string[],
  since: Date,
  timeoutMs: number,
): Promise<OutboxRow[]> {
  return poll(
    async () => {
      const updates = (await db.select().from(outboxEvents)).filter(
        (event) =>
          event.type === "shipment.eta_updated" &&
          event.occurredAt >= since &&
          orderIds.includes(event.orderId ?? ""),
      );
      const orders = new Set(updates.map((event) => event.orderId));
      return orderIds.every((id) => orders.has(id)) ? updates : undefined;
    },
    "the new ETAs of the moved orders",
    timeoutMs,
  );
}

/**
 * The customer notices a re-route can give: its own, an order's first scheduling (an urgent order
 * given a van), and new ETAs the rules find news.
 */
const CUSTOMER_TEMPLATES = new Set(["rerouted", "order_scheduled", "eta_changed"]);

/**
 * What the notification rules made of `events` (the re-route's `shipment.rerouted` and the new
 * ETAs after it), once they took every one and sent what they decided: the customer notices
 * those events gave, sent, skipped or failed. An ETA the rules find no news (inside the window,
 * too small a change, told within the last 30 minutes, the re-route's own notice included) gives none.
 */
export async function customerNoticesOf(
  db: Db,
  events: readonly OutboxRow[],
  timeoutMs: number,
): Promise<NotificationRow[]> {
  const seqs = new Set(events.map((event) => event.seq));
  await poll(
    async () => {
      const marks = (await db.select().from(outboxConsumptions)).filter(
        (mark) => mark.consumer === NOTIFICATIONS_CONSUMER && seqs.has(mark.seq),
      );
      return marks.length === seqs.size ? true : undefined;
    },
    "the notification rules to take the re-route, the scheduling and the new ETAs",
    timeoutMs,
  );
  const ids = new Set(events.map((event) => event.id));
  return poll(
    async () => {
      const notices = (await db.select().from(notifications)).filter(
        (n) => CUSTOMER_TEMPLATES.has(n.template) && ids.has(n.eventId),
      );
      return notices.some((notice) => notice.status === "queued") ? undefined : notices;
    },
    "the customers' e-mails to be sent",
    timeoutMs,
  );
}

/** When each party learnt of a re-route, ms after the approval (or the trigger for the proposal). */
export interface TimeToTell {
  /**
   * The driver's incident recorded (for a breakdown; else the scenario's last closure or order
   * posted) to the proposal on the dispatcher's channel.
   */
  readonly triggerToProposalMs: number;
  /** The approval's answer: the drivers' routes are served changed from then on. */
  readonly approvalMs: number;
  /** Each van taking stops over: its driver's `route:changed` on the `/driver` socket. */
  readonly driverToldMs: readonly number[];
  /** Each moved order's `shipment.rerouted` (webhooks' outbox). */
  readonly reroutedMs: readonly number[];
  /** Each moved order's first new ETA from the van that took it over (`shipment.eta_updated`). */
  readonly etaUpdatedMs: readonly number[];
  /** Each customer e-mail handed to the SMTP server (the notification's last update, status sent). */
  readonly emailSentMs: readonly number[];
  /** Customer notices the rules decided, and of them the ones not sent (skipped or not yet sent). */
  readonly notices: number;
  readonly notSent: number;
  /** Affected orders whose customer got no notice at all (no e-mail address, or opted out). */
  readonly untold: number;
}

/** The timings of one carried-out re-route, from the outbox and the notifications' log. */
export async function timeToTell(
  db: Db,
  chain: {
    /** The broken-down van, whose driver's incident set the chain off; null for other triggers. */
    readonly brokenVehicleId: string | null;
    /** When the scenario's events were all played (epoch ms): the trigger, without a breakdown. */
    readonly playedAt: number;
    readonly proposalSeenAt: number;
    readonly approvedAt: Date;
    readonly answeredAt: number;
    readonly reroutedOrders: readonly string[];
    /** The orders whose customer should hear of it: re-routed, or given their first van. */
    readonly affectedOrders: readonly string[];
    readonly etaUpdates: readonly OutboxRow[];
    readonly notices: readonly NotificationRow[];
    /** Vans whose route changed, and when each driver heard `route:changed` (epoch ms). */
    readonly driversTold: ReadonlyMap<string, number | undefined>;
  },
): Promise<TimeToTell> {
  const outbox = await db.select().from(outboxEvents);
  const triggeredAt =
    chain.brokenVehicleId === null ? chain.playedAt : incidentAt(outbox, chain.brokenVehicleId);
  const since = (at: Date) => at.getTime() - chain.approvedAt.getTime();
  const firstEta = new Map<string, Date>();
  for (const event of [...chain.etaUpdates].sort((a, b) => a.seq - b.seq))
    if (event.orderId && !firstEta.has(event.orderId)) firstEta.set(event.orderId, event.occurredAt);
  const sent = chain.notices.filter((notice) => notice.status === "sent");
  const noticed = new Set(chain.notices.map((notice) => notice.orderId));

  return {
    triggerToProposalMs: chain.proposalSeenAt - triggeredAt,
    approvalMs: chain.answeredAt - chain.approvedAt.getTime(),
    driverToldMs: [...chain.driversTold.values()].map((at) =>
      at === undefined ? Number.NaN : at - chain.approvedAt.getTime(),
    ),
    reroutedMs: outbox
      .filter(
        (event) => event.type === "shipment.rerouted" && chain.reroutedOrders.includes(event.orderId ?? ""),
      )
      .map((event) => since(event.occurredAt)),
    etaUpdatedMs: [...firstEta.values()].map(since),
    emailSentMs: sent.map((notice) => since(notice.updatedAt)),
    notices: chain.notices.length,
    notSent: chain.notices.length - sent.length,
    untold: chain.affectedOrders.filter((id) => !noticed.has(id)).length,
  };
}

/** When the driver's breakdown report of `vehicleId` was recorded (epoch ms). */
function incidentAt(outbox: readonly OutboxRow[], vehicleId: string): number {
  const incident = outbox.find(
    (event) =>
      event.type === "vehicle.incident_reported" &&
      (event.data.incident as { vehicleId?: string }).vehicleId === vehicleId,
  );
  if (!incident) throw new Error(`no incident of ${vehicleId} in the outbox`);
  return incident.occurredAt.getTime();
}
