import pino from "pino";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { FixColumns, MatchBatchResult } from "../../adapters/routing/routing-protocol";
import type { VehicleFix } from "../../domain/matching/fleet-matcher";
import type { SpeedSample } from "../../domain/road/learned-speeds";
import type { ScopedPosition } from "../../ports/position-broadcaster";
import { LiveMatching, type MatchingWorkers, workerOf } from "./live-matching";

/** Workers that answer each batch by matching every fix to where it is (and remember the batches). */
class RecordingWorkers implements MatchingWorkers {
  readonly batches: { worker: number; fixes: VehicleFix[] }[] = [];
  constructor(readonly workerCount: number) {}
  async matchFixes(worker: number, { fixes: columns }: { fixes: FixColumns }): Promise<MatchBatchResult> {
    const fixes: VehicleFix[] = columns.vehicleIds.map((vehicleId, i) => ({
      vehicleId,
      lng: columns.lng[i]!,
      lat: columns.lat[i]!,
      fixAt: columns.fixAt[i]!,
    }));
    this.batches.push({ worker, fixes });
    const sample: SpeedSample = { fromOsmNodeId: 1, toOsmNodeId: 2, hour: 8, count: 1, sumSpeedKmh: 20 };
    return {
      matched: fixes.length,
      unmatched: 0,
      samples: [sample],
      skipped: 0,
      vehicles: 1,
    };
  }
}

const position = (vehicleId: string, fixAt: number): ScopedPosition => ({
  organisationId: "org",
  vehicleId,
  fixAt,
  lat: 43.73,
  lng: 7.42,
  speedKmh: 20,
  headingDeg: 90,
});

afterEach(() => vi.useRealTimers());

describe(LiveMatching.name, () => {
  it("sends each worker one batch per flush with every fix of its vehicles, always to the same worker", async () => {
    vi.useFakeTimers();
    const workers = new RecordingWorkers(3);
    const learned: SpeedSample[][] = [];
    const matching = new LiveMatching(
      workers,
      { add: (s) => learned.push([...s]) },
      pino({ level: "silent" }),
      { flushMs: 500, maxBufferedPerWorker: 100, minFixIntervalMs: 900 },
    );
    matching.start();
    const vehicles = ["v-1", "v-2", "v-3", "v-4", "v-5"];
    for (let t = 0; t < 10; t++) matching.observe(vehicles.map((v) => position(v, t * 1000)));
    await vi.advanceTimersByTimeAsync(500);
    await matching.stop();
    // One message per worker that has vehicles, however many fixes.
    const used = new Set(vehicles.map((v) => workerOf(v, 3)));
    expect(workers.batches.map((b) => b.worker).sort()).toEqual([...used].sort());
    for (const { worker, fixes } of workers.batches)
      for (const fix of fixes) expect(workerOf(fix.vehicleId, 3)).toBe(worker);
    expect(matching.counts).toMatchObject({ matched: 50, batches: used.size, dropped: 0 });
    expect(learned).toHaveLength(used.size);
  });

  it("drops (and counts) fixes beyond a worker's buffer", async () => {
    const workers = new RecordingWorkers(1);
    const matching = new LiveMatching(workers, { add: () => {} }, pino({ level: "silent" }), {
      flushMs: 60_000,
      maxBufferedPerWorker: 4,
      minFixIntervalMs: 900,
    });
    matching.observe([1, 2, 3, 4, 5, 6].map((t) => position("v", t * 1000)));
    expect(matching.counts.dropped).toBe(2);
  });

  it("matches at most one fix per vehicle every minFixIntervalMs, and counts the others", async () => {
    vi.useFakeTimers();
    const workers = new RecordingWorkers(1);
    const matching = new LiveMatching(workers, { add: () => {} }, pino({ level: "silent" }), {
      flushMs: 500,
      maxBufferedPerWorker: 1000,
      minFixIntervalMs: 900,
    });
    // 25 fixes a second for 4 s from one vehicle, 1 Hz with jitter from another, one late fix
    // (skipped, as the worker would: older than the vehicle's last).
    const dense = Array.from({ length: 100 }, (_, i) => position("dense", i * 40));
    const hertz = [0, 950, 1_930, 3_010].map((t) => position("hertz", t));
    matching.start();
    matching.observe([...dense, ...hertz, position("hertz", 500)]);
    await vi.advanceTimersByTimeAsync(500);
    await matching.stop();
    const taken = workers.batches.flatMap((b) => b.fixes.map((f) => `${f.vehicleId}@${f.fixAt}`));
    expect(taken).toEqual([
      "dense@0",
      "dense@920",
      "dense@1840",
      "dense@2760",
      "dense@3680",
      "hertz@0",
      "hertz@950",
      "hertz@1930",
      "hertz@3010",
    ]);
    expect(matching.counts).toMatchObject({ thinned: 100 - 5, skipped: 1 });
  });
});
