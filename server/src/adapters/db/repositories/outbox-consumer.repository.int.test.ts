import type { BusinessEvent } from "@waybill/shared";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { newId } from "../../crypto/secrets";
import { rowsOf } from "../database";
import { outboxConsumptions, outboxEvents } from "../schema";
import { openTestDatabase, type TestDatabase } from "../testing/test-database";
import { appendEvents } from "./outbox.repository";
import { takeOutboxEvents } from "./outbox-consumer.repository";

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.dispose());
beforeEach(async () => {
  await database.db.execute(sql`truncate outbox_consumptions, outbox_events restart identity cascade`);
});

const event = (): BusinessEvent => ({
  id: newId("evt"),
  type: "order.created",
  organisationId: "org_1",
  orderId: "ord_1",
  occurredAt: new Date().toISOString(),
  actor: { kind: "system", id: null },
  data: { n: 1 },
});

const take = (consumer: string, limit = 100) =>
  database.db.transaction((tx) => takeOutboxEvents(tx, consumer, limit));

describe(takeOutboxEvents.name, () => {
  it("gives each consumer every event once, oldest first", async () => {
    const events = [event(), event(), event()];
    await appendEvents(database.db, events);
    expect((await take("webhooks", 2)).map((e) => e.id)).toEqual([events[0]!.id, events[1]!.id]);
    expect((await take("webhooks")).map((e) => e.id)).toEqual([events[2]!.id]);
    expect(await take("webhooks")).toEqual([]);
    const taken = await take("notifications");
    expect(taken.map((e) => e.id)).toEqual(events.map((e) => e.id));
    expect(taken[0]).toMatchObject({ ...events[0], seq: expect.any(Number) });
  });

  it("takes an event whose transaction committed after a later event was taken", async () => {
    const [reserved] = rowsOf<{ seq: string }>(
      await database.db.execute(sql`select nextval(pg_get_serial_sequence('outbox_events', 'seq')) as seq`),
    );
    const later = event();
    await appendEvents(database.db, [later]);
    expect((await take("webhooks")).map((e) => e.id)).toEqual([later.id]);

    const late = event();
    await database.db.insert(outboxEvents).values({
      seq: Number(reserved!.seq),
      id: late.id,
      organisationId: late.organisationId,
      orderId: late.orderId,
      type: late.type,
      occurredAt: new Date(late.occurredAt),
      actor: late.actor,
      data: late.data,
    });
    expect(await take("webhooks")).toMatchObject([{ id: late.id, seq: Number(reserved!.seq) }]);
  });

  it("gives an event to only one of two consumers of the same name taking at once", async () => {
    const events = Array.from({ length: 30 }, event);
    await appendEvents(database.db, events);
    const batches = await Promise.all([take("webhooks", 7), take("webhooks", 7), take("webhooks", 7)]);
    const rest = await take("webhooks");
    const ids = [...batches.flat(), ...rest].map((e) => e.id);
    expect(ids.sort()).toEqual(events.map((e) => e.id).sort());
  });

  it("prunes marks older than the in-flight grace, keeping the newest of them as the floor", async () => {
    await appendEvents(database.db, [event(), event(), event()]);
    await take("webhooks");
    await database.db
      .update(outboxConsumptions)
      .set({ consumedAt: new Date(Date.now() - 3_600_000) })
      .where(eq(outboxConsumptions.consumer, "webhooks"));
    const fresh = event();
    await appendEvents(database.db, [fresh]);

    expect((await take("webhooks")).map((e) => e.id)).toEqual([fresh.id]);
    const marks = await database.db
      .select({ seq: outboxConsumptions.seq })
      .from(outboxConsumptions)
      .where(eq(outboxConsumptions.consumer, "webhooks"));
    expect(marks.map((m) => m.seq).sort()).toEqual([3, 4]);
  });
});
