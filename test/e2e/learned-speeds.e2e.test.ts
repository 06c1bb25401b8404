import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { roadSpeedStats } from "../../server/src/adapters/db/schema";
import { publishReports } from "../support/device-telemetry";
import { type BBox, networkBox, pointIn } from "../support/road-network";
import { eventually, startTestSystem, type TestSystem, uniqueDeviceId } from "../support/system";

let system: TestSystem;
let bbox: BBox;

beforeAll(async () => {
  system = await startTestSystem({
    env: { LEARNED_SPEEDS_REFRESH_SECONDS: "1", DEVICE_RATE_LIMIT_PER_SECOND: "0" },
  });
  bbox = await networkBox(system);
});
afterAll(() => system?.stop());

type LngLat = [number, number];

interface Route {
  distanceM: number;
  durationS: number;
  geometry: { coordinates: LngLat[] };
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const FIX_EVERY_S = 3;

async function route(points: readonly LngLat[]): Promise<Route> {
  const res = await system.api(`/api/v1/route?points=${points.map((p) => p.join(",")).join(";")}`);
  expect(res.status).toBe(200);
  return (await res.json()) as Route;
}

/** Up to 25 points of a line, evenly spread, first and last included: a route through them follows it. */
function viaPoints(line: readonly LngLat[]): LngLat[] {
  const count = Math.min(25, line.length);
  return Array.from({ length: count }, (_, i) => line[Math.round((i * (line.length - 1)) / (count - 1))]!);
}

const metresBetween = (a: LngLat, b: LngLat) =>
  Math.hypot((b[0] - a[0]) * 111_320 * Math.cos((a[1] * Math.PI) / 180), (b[1] - a[1]) * 110_540);

/** Fixes along the line at `mps`, every FIX_EVERY_S seconds from `startAt`. */
function driveAlong(line: readonly LngLat[], mps: number, startAt: number) {
  const fixes: { fixAt: number; lng: number; lat: number; speedKmh: number }[] = [];
  let legStartM = 0;
  let nextM = 0;
  for (let i = 0; i + 1 < line.length; i++) {
    const [a, b] = [line[i]!, line[i + 1]!];
    const legM = metresBetween(a, b);
    for (; nextM <= legStartM + legM; nextM += mps * FIX_EVERY_S) {
      const f = legM > 0 ? (nextM - legStartM) / legM : 0;
      fixes.push({
        fixAt: startAt + Math.round((nextM / mps) * 1000),
        lng: a[0] + (b[0] - a[0]) * f,
        lat: a[1] + (b[1] - a[1]) * f,
        speedKmh: mps * 3.6,
      });
    }
    legStartM += legM;
  }
  return fixes;
}

describe("speeds learned from the fleet's matched drives", () => {
  it("matches live fixes, stores the speeds driven and routes slower over a road driven slowly", async () => {
    const from = pointIn(bbox, 0.2, 0.45);
    const to = pointIn(bbox, 0.8, 0.55);
    const freeFlow = await route([
      [from.lng, from.lat],
      [to.lng, to.lat],
    ]);
    const line = freeFlow.geometry.coordinates;
    const vias = viaPoints(line);
    const before = await route(vias);
    // The van drives the road at half the speed routing assumes.
    const mps = freeFlow.distanceM / freeFlow.durationS / 2;

    const deviceId = uniqueDeviceId("learn");
    const created = await system.api("/api/v1/vehicles", {
      method: "POST",
      json: { name: "Slow van", deviceId },
    });
    const van = (await created.json()) as { deviceSecret: string };
    // Three drives (learning needs three) in this UTC hour of earlier days, and three in the next
    // hour, so the learned speed applies whichever hour it is when routing takes it up.
    const thisHour = Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
    const fixes = [3, 2, 1].flatMap((daysAgo) =>
      [0, 1].flatMap((hours) =>
        driveAlong(line, mps, thisHour - daysAgo * DAY_MS + hours * HOUR_MS + 60_000),
      ),
    );
    // A last fix much later ends the last drive's chain, so all of it is final.
    fixes.push({ ...fixes.at(-1)!, fixAt: fixes.at(-1)!.fixAt + 15 * 60_000 });
    await publishReports(system, { deviceId, deviceSecret: van.deviceSecret }, fixes);

    // (a) The fixes were matched live: all final but the newest (it waits for the next), the few
    // the broker delivered out of order skipped.
    const count = async (metric: typeof system.metrics.fixesMatched) =>
      (await metric.get()).values[0]?.value ?? 0;
    const matched = await eventually(
      async () => {
        const [done, skipped] = [
          await count(system.metrics.fixesMatched),
          await count(system.metrics.fixesSkipped),
        ];
        return done + skipped >= fixes.length - 1 ? done : undefined;
      },
      30_000,
      "every fix matched or skipped",
    );
    expect(matched).toBeGreaterThan(fixes.length * 0.95);
    // (b) The speeds driven are stored: segments seen three times in each of the two hours.
    const stored = await eventually(
      async () => {
        const rows = await system.database.db.select().from(roadSpeedStats);
        return rows.filter((r) => r.sampleCount >= 3).length >= 6 ? rows : undefined;
      },
      30_000,
      "learned speeds stored",
    );
    for (const row of stored) {
      const meanKmh = row.sumSpeedKmh / row.sampleCount;
      expect(meanKmh).toBeGreaterThan(mps * 3.6 * 0.8);
      expect(meanKmh).toBeLessThan(mps * 3.6 * 1.25);
    }
    // (c) Routing took them up: the same road now takes clearly longer.
    const after = await eventually(
      async () => {
        const again = await route(vias);
        return again.durationS > before.durationS * 1.4 ? again : undefined;
      },
      30_000,
      "a slower route over the road driven slowly",
    );
    expect(after.distanceM).toBeCloseTo(before.distanceM, -1);
    expect((await system.metrics.learnedSpeedEdges.get()).values[0]?.value).toBeGreaterThan(0);
  }, 120_000);
});
