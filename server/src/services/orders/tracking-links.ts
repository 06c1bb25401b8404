import { and, eq, isNull } from "drizzle-orm";
import { newId } from "../../adapters/crypto/secrets";
import type { SignedTokens } from "../../adapters/crypto/signed-token";
import type { DbExecutor } from "../../adapters/db/database";
import { trackingLinks } from "../../adapters/db/schema";
import { AppError } from "../app-error";

const DAY_MS = 86_400_000;

/** A tracking link that still works: its order and organisation. */
export interface OpenTrackingLink {
  readonly id: string;
  readonly organisationId: string;
  readonly orderId: string;
  readonly expiresAt: Date;
}

/**
 * Customer tracking links: `PUBLIC_URL/track/<token>`, the token signed (unguessable, nothing
 * secret stored), revocable and expiring. One live link per order; a new one revokes the old.
 */
export class TrackingLinks {
  constructor(
    private readonly tokens: SignedTokens,
    private readonly publicUrl: () => string,
    private readonly ttlDays: number,
  ) {}

  urlOf(linkId: string): string {
    return `${this.publicUrl()}/track/${this.tokens.sign(linkId)}`;
  }

  /** Issues a link for the order, revoking any earlier one; returns its URL and expiry. */
  async issue(
    tx: DbExecutor,
    organisationId: string,
    orderId: string,
    now: Date,
  ): Promise<{ url: string; expiresAt: Date }> {
    await this.revoke(tx, organisationId, orderId, now);
    const id = newId("trk");
    const expiresAt = new Date(now.getTime() + this.ttlDays * DAY_MS);
    await tx.insert(trackingLinks).values({ id, organisationId, orderId, expiresAt, createdAt: now });
    return { url: this.urlOf(id), expiresAt };
  }

  /** Revokes the order's live links; true when there was one. */
  async revoke(tx: DbExecutor, organisationId: string, orderId: string, now: Date): Promise<boolean> {
    const rows = await tx
      .update(trackingLinks)
      .set({ revokedAt: now })
      .where(
        and(
          eq(trackingLinks.organisationId, organisationId),
          eq(trackingLinks.orderId, orderId),
          isNull(trackingLinks.revokedAt),
        ),
      )
      .returning({ id: trackingLinks.id });
    return rows.length > 0;
  }

  /**
   * The link a token stands for. A token that was never issued is "not found" (whether it is
   * malformed or forged is not told); a revoked or expired one is "gone".
   */
  async resolve(executor: DbExecutor, token: string, now: Date): Promise<OpenTrackingLink> {
    const id = this.tokens.verify(token);
    const [link] = id ? await executor.select().from(trackingLinks).where(eq(trackingLinks.id, id)) : [];
    if (!link) throw new AppError("not_found", "this tracking link does not exist");
    if (link.revokedAt)
      throw new AppError("gone", "this tracking link was withdrawn; ask the sender for a new one");
    if (link.expiresAt <= now)
      throw new AppError("gone", "this tracking link has expired; ask the sender for a new one");
    return link;
  }
}
