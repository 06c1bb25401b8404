import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { DbExecutor } from "../database";
import { signingKeys } from "../schema";

/**
 * The installation's signing key of the given name (tracking links, unsubscribe links): 32 random
 * bytes made at first use and kept in the database, so every server instance signs alike.
 */
export async function loadSigningKey(executor: DbExecutor, name: string): Promise<Buffer> {
  await executor
    .insert(signingKeys)
    .values({ name, key: randomBytes(32) })
    .onConflictDoNothing();
  const [row] = await executor.select().from(signingKeys).where(eq(signingKeys.name, name));
  if (!row) throw new Error(`signing key ${name} could not be created`);
  return Buffer.from(row.key);
}
