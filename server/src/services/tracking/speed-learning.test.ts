import pino from "pino";
import { describe, expect, it } from "vitest";
import type { LearnedSpeedsApplied } from "../../adapters/routing/routing-protocol";
import { mergeSpeedSamples, type SpeedSample } from "../../domain/road/learned-speeds";
import { type LearnedSpeedsTarget, SpeedLearning, type SpeedStore } from "./speed-learning";

/** A store that adds samples like the table does, and can be made to fail. */
class MemoryStore implements SpeedStore {
  rows: SpeedSample[] = [];
  failing = false;
  async add(samples: readonly SpeedSample[]): Promise<void> {
    if (this.failing) throw new Error("database unreachable");
    this.rows = mergeSpeedSamples(this.rows, samples);
  }
  async ofHour(hour: number): Promise<SpeedSample[]> {
    return this.rows.filter((r) => r.hour === hour);
  }
}

/** Routing that records what it was given. */
class RecordingRouting implements LearnedSpeedsTarget {
  readonly applied: { samples: SpeedSample[]; hour: number }[] = [];
  async setLearnedSpeeds(arg: { samples: SpeedSample[]; hour: number }): Promise<LearnedSpeedsApplied[]> {
    this.applied.push(arg);
    return [{ edges: arg.samples.length, customizeMs: 1 }];
  }
}

const sample = (hour: number, count: number, sumSpeedKmh: number): SpeedSample => ({
  fromOsmNodeId: 1,
  toOsmNodeId: 2,
  hour,
  count,
  sumSpeedKmh,
});
const log = pino({ level: "silent" });
const at8 = () => Date.parse("2026-12-01T08:30:00Z");

describe(SpeedLearning.name, () => {
  it("adds what it learned to the store and routes with the store's samples of the current hour", async () => {
    const store = new MemoryStore();
    store.rows = [sample(8, 2, 40), sample(9, 5, 100)];
    const routing = new RecordingRouting();
    const learning = new SpeedLearning(store, routing, log, 300_000, at8);
    learning.add([sample(8, 1, 15)]);
    learning.add([sample(8, 1, 25)]);
    await learning.refresh();
    expect(store.rows).toEqual([sample(8, 4, 80), sample(9, 5, 100)]);
    expect(routing.applied).toEqual([{ samples: [sample(8, 4, 80)], hour: 8 }]);
    expect(learning.learnedEdges).toBe(1);
  });

  it("keeps the samples when the store fails, and stores them at the next refresh or at stop", async () => {
    const store = new MemoryStore();
    const learning = new SpeedLearning(store, new RecordingRouting(), log, 300_000, at8);
    learning.add([sample(8, 1, 20)]);
    store.failing = true;
    await expect(learning.refresh()).rejects.toThrow("database unreachable");
    learning.add([sample(8, 1, 30)]);
    store.failing = false;
    await learning.stop();
    expect(store.rows).toEqual([sample(8, 2, 50)]);
  });
});
