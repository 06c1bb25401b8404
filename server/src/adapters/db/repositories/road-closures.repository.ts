import { and, asc, eq, gt, isNull, or } from "drizzle-orm";
import type { Db } from "../database";
import { roadClosures } from "../schema";

/** A stored road closure. */
export type RoadClosureRow = typeof roadClosures.$inferSelect;

/** Road closures: every organisation's, since a closed road is closed for everyone. */
export class RoadClosuresRepository {
  constructor(private readonly db: Db) {}

  async insert(row: typeof roadClosures.$inferInsert): Promise<RoadClosureRow> {
    const [created] = await this.db.insert(roadClosures).values(row).returning();
    return created!;
  }

  /** Closures not yet over at `now` (current and scheduled), oldest start first. */
  async notEnded(now: Date): Promise<RoadClosureRow[]> {
    return this.db
      .select()
      .from(roadClosures)
      .where(or(isNull(roadClosures.endsAt), gt(roadClosures.endsAt, now)))
      .orderBy(asc(roadClosures.startsAt));
  }

  /** Deletes a closure of the organisation; false when it has none with that id. */
  async delete(organisationId: string, id: string): Promise<boolean> {
    const rows = await this.db
      .delete(roadClosures)
      .where(and(eq(roadClosures.id, id), eq(roadClosures.organisationId, organisationId)))
      .returning({ id: roadClosures.id });
    return rows.length > 0;
  }
}
