import { bigint, index, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { outboxEvents } from "./outbox.table";

/**
 * Which outbox events each consumer (webhooks, notifications) has taken, one row per event.
 * `seq` is a bigserial, so a transaction holding a lower seq may commit after a higher one: a
 * "last seq seen" cursor would skip it, a mark per event does not. Marks older than the in-flight
 * grace are pruned below the newest of them (see the outbox consumer repository).
 */
export const outboxConsumptions = pgTable(
  "outbox_consumptions",
  {
    consumer: text("consumer").notNull(),
    seq: bigint("seq", { mode: "number" })
      .notNull()
      .references(() => outboxEvents.seq),
    consumedAt: timestamp("consumed_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.consumer, t.seq] }),
    index("outbox_consumptions_time_idx").on(t.consumer, t.consumedAt),
  ],
);
