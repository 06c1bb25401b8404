import type { BusinessEvent } from "@waybill/shared";
import type { DbExecutor } from "../database";
import { outboxEvents } from "../schema";

/**
 * Appends business events to the outbox. Call it inside the transaction that made the change, so
 * an event exists exactly when its change does.
 */
export async function appendEvents(executor: DbExecutor, events: readonly BusinessEvent[]): Promise<void> {
  if (events.length === 0) return;
  await executor.insert(outboxEvents).values(
    events.map((event) => ({
      id: event.id,
      organisationId: event.organisationId,
      orderId: event.orderId,
      type: event.type,
      occurredAt: new Date(event.occurredAt),
      actor: event.actor,
      data: { ...event.data },
    })),
  );
}
