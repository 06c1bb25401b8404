import type { Role } from "@waybill/shared";
import { and, asc, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "../database";
import { apiKeys, organisations, sessions, users } from "../schema";

/** Who is calling: a signed-in person or an API key, always inside one organisation. */
export interface Principal {
  readonly kind: "user" | "api_key";
  readonly id: string;
  readonly name: string;
  readonly email: string | null;
  readonly role: Role;
  readonly organisationId: string;
  readonly organisationName: string;
  readonly isOperator: boolean;
}

type UserRow = typeof users.$inferSelect;
type OrgRow = typeof organisations.$inferSelect;

/** Organisations, people, sessions and API keys. Secrets arrive here already hashed. */
export class IdentityRepository {
  constructor(private readonly db: Db) {}

  async operatorOrganisation(): Promise<OrgRow | null> {
    const [row] = await this.db
      .select()
      .from(organisations)
      .where(eq(organisations.isOperator, true))
      .limit(1);
    return row ?? null;
  }

  async createOrganisation(row: typeof organisations.$inferInsert): Promise<void> {
    await this.db.insert(organisations).values(row);
  }

  async userByEmail(email: string): Promise<(UserRow & { organisation: OrgRow }) | null> {
    const [row] = await this.db
      .select()
      .from(users)
      .innerJoin(organisations, eq(users.organisationId, organisations.id))
      .where(eq(users.email, email.toLowerCase()));
    return row ? { ...row.users, organisation: row.organisations } : null;
  }

  async createUser(row: typeof users.$inferInsert): Promise<void> {
    await this.db.insert(users).values({ ...row, email: row.email.toLowerCase() });
  }

  async setPassword(userId: string, passwordHash: string): Promise<void> {
    await this.db.update(users).set({ passwordHash }).where(eq(users.id, userId));
  }

  async listUsers(organisationId: string): Promise<UserRow[]> {
    return this.db
      .select()
      .from(users)
      .where(eq(users.organisationId, organisationId))
      .orderBy(asc(users.email));
  }

  async createSession(row: typeof sessions.$inferInsert): Promise<void> {
    await this.db.insert(sessions).values(row);
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
  }

  async principalBySession(tokenHash: string, now: Date): Promise<Principal | null> {
    const [row] = await this.db
      .select()
      .from(sessions)
      .innerJoin(users, eq(sessions.userId, users.id))
      .innerJoin(organisations, eq(users.organisationId, organisations.id))
      .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)));
    if (!row) return null;
    const { users: user, organisations: org } = row;
    return { kind: "user", id: user.id, name: user.name, email: user.email, role: user.role, ...orgOf(org) };
  }

  async principalByApiKey(keyHash: string): Promise<Principal | null> {
    const [row] = await this.db
      .select()
      .from(apiKeys)
      .innerJoin(organisations, eq(apiKeys.organisationId, organisations.id))
      .where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt)));
    if (!row) return null;
    const { api_keys: key, organisations: org } = row;
    return { kind: "api_key", id: key.id, name: key.name, email: null, role: key.role, ...orgOf(org) };
  }

  async apiKeyExists(keyHash: string): Promise<boolean> {
    const [row] = await this.db.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.keyHash, keyHash));
    return row !== undefined;
  }

  async createApiKey(row: typeof apiKeys.$inferInsert): Promise<void> {
    await this.db.insert(apiKeys).values(row);
  }

  async listApiKeys(organisationId: string) {
    return this.db
      .select({
        id: apiKeys.id,
        name: apiKeys.name,
        role: apiKeys.role,
        keyPrefix: apiKeys.keyPrefix,
        createdAt: apiKeys.createdAt,
        revokedAt: apiKeys.revokedAt,
      })
      .from(apiKeys)
      .where(eq(apiKeys.organisationId, organisationId))
      .orderBy(asc(apiKeys.createdAt));
  }

  /** Revokes a key of the organisation; false when there is no such key. */
  async revokeApiKey(organisationId: string, id: string, now: Date): Promise<boolean> {
    const rows = await this.db
      .update(apiKeys)
      .set({ revokedAt: now })
      .where(and(eq(apiKeys.id, id), eq(apiKeys.organisationId, organisationId), isNull(apiKeys.revokedAt)))
      .returning({ id: apiKeys.id });
    return rows.length > 0;
  }
}

const orgOf = (org: OrgRow) => ({
  organisationId: org.id,
  organisationName: org.name,
  isOperator: org.isOperator,
});
