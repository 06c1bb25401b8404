import type { BusinessEvent, EventType, OrderDto } from "@waybill/shared";
import { newId } from "../../crypto/secrets";
import type { Db } from "../../db/database";
import { appendEvents } from "../../db/repositories/outbox.repository";
import { orders, organisations } from "../../db/schema";

/** Inserts an organisation row and returns its id. */
export async function insertOrganisation(db: Db, name = "Shop"): Promise<string> {
  const id = newId("org");
  await db.insert(organisations).values({ id, name });
  return id;
}

/** Inserts the row of an order snapshot (what notifications reference). */
export async function insertOrder(db: Db, organisationId: string, order: OrderDto): Promise<void> {
  await db.insert(orders).values({
    id: order.id,
    organisationId,
    channel: order.channel,
    externalRef: order.externalRef,
    status: order.status,
    customerName: order.customer.name,
    customerEmail: order.customer.email,
    notifyCustomer: order.customer.notifications,
    destination: order.destination,
    timeZone: order.timeZone,
    timeWindows: [...order.timeWindows],
    items: [...order.items],
    serviceTimeS: order.serviceTimeSeconds,
    skills: [...order.skills],
    priority: order.priority,
    receivedAt: new Date(order.receivedAt),
  });
}

/**
 * Appends one event about an order to the outbox, as the order service does, and returns it.
 *
 * @example
 * await appendOrderEvent(db, orgId, "order.status_changed", order, { from: "ready", to: "planned" });
 */
export async function appendOrderEvent(
  db: Db,
  organisationId: string,
  type: EventType,
  order: OrderDto,
  data: Record<string, unknown> = {},
): Promise<BusinessEvent> {
  const event: BusinessEvent = {
    id: newId("evt"),
    type,
    organisationId,
    orderId: order.id,
    occurredAt: new Date().toISOString(),
    actor: { kind: "system", id: null },
    data: { order, ...data },
  };
  await appendEvents(db, [event]);
  return event;
}
