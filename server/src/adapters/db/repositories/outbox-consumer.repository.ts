import type { BusinessEvent } from "@waybill/shared";
import { and, asc, eq, gt, lt, notExists, sql } from "drizzle-orm";
import type { DbTransaction } from "../database";
import { outboxConsumptions, outboxEvents } from "../schema";

/** An outbox event with its place in the outbox. */
export interface OutboxEvent extends BusinessEvent {
  readonly seq: number;
}

/**
 * Longest time a transaction that appends events is assumed to stay open, seconds. An event not
 * taken below a mark older than this cannot appear any more, so older marks are pruned to one.
 */
const IN_FLIGHT_GRACE_SECONDS = 600;

/**
 * Takes up to `limit` outbox events `consumer` has not taken yet, oldest first, and marks them
 * taken in the caller's transaction: the consumer stores its work (deliveries, notifications) in
 * the same transaction, so an event is taken exactly when its work exists. Instances consuming
 * under the same name never both take an event: the later one waits on the earlier one's marks
 * and gets nothing for them.
 */
export async function takeOutboxEvents(
  tx: DbTransaction,
  consumer: string,
  limit: number,
): Promise<OutboxEvent[]> {
  const floor = await pruneSettledMarks(tx, consumer);
  const mark = outboxConsumptions;
  const candidates = await tx
    .select()
    .from(outboxEvents)
    .where(
      and(
        gt(outboxEvents.seq, floor),
        notExists(
          tx
            .select({ seq: mark.seq })
            .from(mark)
            .where(and(eq(mark.consumer, consumer), eq(mark.seq, outboxEvents.seq))),
        ),
      ),
    )
    .orderBy(asc(outboxEvents.seq))
    .limit(limit);
  if (candidates.length === 0) return [];
  const marked = await tx
    .insert(mark)
    .values(candidates.map((event) => ({ consumer, seq: event.seq })))
    .onConflictDoNothing()
    .returning({ seq: mark.seq });
  const taken = new Set(marked.map((row) => row.seq));
  return candidates
    .filter((row) => taken.has(row.seq))
    .map((row) => ({
      seq: row.seq,
      id: row.id,
      type: row.type,
      organisationId: row.organisationId,
      orderId: row.orderId,
      occurredAt: row.occurredAt.toISOString(),
      actor: row.actor,
      data: row.data,
    }));
}

/**
 * Deletes the consumer's marks below its newest settled one (older than the grace) and returns
 * that seq: every event at or below it has been taken or will never commit.
 */
async function pruneSettledMarks(tx: DbTransaction, consumer: string): Promise<number> {
  const mark = outboxConsumptions;
  const [settled] = await tx
    .select({ seq: sql<number | null>`max(${mark.seq})`.mapWith(Number) })
    .from(mark)
    .where(
      and(
        eq(mark.consumer, consumer),
        lt(mark.consumedAt, sql`now() - make_interval(secs => ${IN_FLIGHT_GRACE_SECONDS})`),
      ),
    );
  const floor = settled?.seq ?? 0;
  if (floor > 0) await tx.delete(mark).where(and(eq(mark.consumer, consumer), lt(mark.seq, floor)));
  return floor;
}
