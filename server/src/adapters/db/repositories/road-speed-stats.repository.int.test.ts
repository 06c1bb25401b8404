import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SpeedSample } from "../../../domain/road/learned-speeds";
import { openTestDatabase, type TestDatabase } from "../testing/test-database";
import { RoadSpeedStatsRepository } from "./road-speed-stats.repository";

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.dispose());

const sample = (from: number, hour: number, count: number, sumSpeedKmh: number): SpeedSample => ({
  // OSM node ids beyond 2^32, as real ones are.
  fromOsmNodeId: 11_000_000_000 + from,
  toOsmNodeId: 11_000_000_100,
  hour,
  count,
  sumSpeedKmh,
});

describe(`${RoadSpeedStatsRepository.name} (${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"})`, () => {
  it("adds samples to the stored counts and sums (two instances' worth), and reads one hour back", async () => {
    await database.truncate();
    const repository = new RoadSpeedStatsRepository(database.db);
    const other = new RoadSpeedStatsRepository(database.db);
    await repository.add([sample(1, 8, 2, 40), sample(2, 8, 1, 30), sample(1, 9, 1, 50)]);
    await Promise.all([repository.add([sample(1, 8, 1, 14)]), other.add([sample(1, 8, 3, 60)])]);
    const rows = await repository.ofHour(8);
    expect(rows.sort((a, b) => a.fromOsmNodeId - b.fromOsmNodeId)).toEqual([
      sample(1, 8, 6, 114),
      sample(2, 8, 1, 30),
    ]);
    expect(await repository.ofHour(10)).toEqual([]);
  });
});
