import { eq, sql } from "drizzle-orm";
import type { SpeedSample } from "../../../domain/road/learned-speeds";
import type { Db } from "../database";
import { roadSpeedStats } from "../schema";

/** Rows per insert statement (5 parameters each, far below PostgreSQL's 65,535). */
const CHUNK = 1_000;

/** Learned road speeds, shared by every instance: samples are added, never overwritten. */
export class RoadSpeedStatsRepository {
  constructor(private readonly db: Db) {}

  /**
   * Adds samples to the stored counts and sums. Rows go in key order, so two instances adding at
   * once lock them in the same order and never deadlock.
   */
  async add(samples: readonly SpeedSample[]): Promise<void> {
    const sorted = [...samples].sort(
      (a, b) => a.fromOsmNodeId - b.fromOsmNodeId || a.toOsmNodeId - b.toOsmNodeId || a.hour - b.hour,
    );
    for (let i = 0; i < sorted.length; i += CHUNK) {
      await this.db
        .insert(roadSpeedStats)
        .values(
          sorted.slice(i, i + CHUNK).map((s) => ({
            fromOsmNodeId: s.fromOsmNodeId,
            toOsmNodeId: s.toOsmNodeId,
            hour: s.hour,
            sampleCount: s.count,
            sumSpeedKmh: s.sumSpeedKmh,
          })),
        )
        .onConflictDoUpdate({
          target: [roadSpeedStats.fromOsmNodeId, roadSpeedStats.toOsmNodeId, roadSpeedStats.hour],
          set: {
            sampleCount: sql`${roadSpeedStats.sampleCount} + excluded.sample_count`,
            sumSpeedKmh: sql`${roadSpeedStats.sumSpeedKmh} + excluded.sum_speed_kmh`,
            updatedAt: sql`now()`,
          },
        });
    }
  }

  /** Every segment's samples of one hour (0..23, UTC). */
  async ofHour(hour: number): Promise<SpeedSample[]> {
    return this.db
      .select({
        fromOsmNodeId: roadSpeedStats.fromOsmNodeId,
        toOsmNodeId: roadSpeedStats.toOsmNodeId,
        hour: roadSpeedStats.hour,
        count: roadSpeedStats.sampleCount,
        sumSpeedKmh: roadSpeedStats.sumSpeedKmh,
      })
      .from(roadSpeedStats)
      .where(eq(roadSpeedStats.hour, hour));
  }
}
