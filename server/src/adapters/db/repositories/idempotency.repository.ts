import { and, eq, lt } from "drizzle-orm";
import type { DbExecutor } from "../database";
import { idempotencyKeys } from "../schema";

/** A response stored under an `Idempotency-Key`. */
export interface StoredResponse {
  readonly requestHash: string;
  readonly status: number;
  readonly response: unknown;
}

/** First responses of keyed requests, per organisation. */
export class IdempotencyRepository {
  async find(executor: DbExecutor, organisationId: string, key: string): Promise<StoredResponse | null> {
    const [row] = await executor
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.organisationId, organisationId), eq(idempotencyKeys.key, key)));
    return row ?? null;
  }

  /**
   * Stores the response of a keyed request; false when another request stored one first (on
   * PostgreSQL the insert waits for that request's transaction, so the caller rolls back its own).
   */
  async store(
    executor: DbExecutor,
    organisationId: string,
    key: string,
    response: StoredResponse,
  ): Promise<boolean> {
    const rows = await executor
      .insert(idempotencyKeys)
      .values({ organisationId, key, ...response })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    return rows.length > 0;
  }

  /** Forgets keys older than `before` (kept 24 hours, as payment APIs do). */
  async purge(executor: DbExecutor, before: Date): Promise<void> {
    await executor.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, before));
  }
}
