import { describe, expect, it } from "vitest";
import { AckQueue } from "./ack-queue";

/** Lets the queue's microtask flush run. */
const flushed = () => new Promise<void>((resolve) => queueMicrotask(resolve));

function recordingQueue() {
  const writes: number[][] = [];
  const queue = new AckQueue((ids) => writes.push(ids));
  return { queue, writes, sent: () => writes.flat() };
}

describe(AckQueue.name, () => {
  it("acknowledges in arrival order although messages finish out of order", async () => {
    const { queue, sent } = recordingQueue();
    const [a, b, c] = [queue.track(10), queue.track(11), queue.track(12)];
    c!();
    b!();
    await flushed();
    expect(sent()).toEqual([]);
    a!();
    await flushed();
    expect(sent()).toEqual([10, 11, 12]);
    expect(queue.pending).toBe(0);
  });

  it("writes all acknowledgements of one tick together", async () => {
    const { queue, writes } = recordingQueue();
    const acks = [1, 2, 3, 4].map((id) => queue.track(id));
    for (const ack of acks) ack();
    await flushed();
    expect(writes).toEqual([[1, 2, 3, 4]]);
  });

  it("ignores a second ack of the same message", async () => {
    const { queue, sent } = recordingQueue();
    const a = queue.track(1);
    a();
    a();
    await flushed();
    expect(sent()).toEqual([1]);
  });

  it("drops acks of messages from before a reset", async () => {
    const { queue, sent } = recordingQueue();
    const old = queue.track(1);
    queue.reset();
    const fresh = queue.track(1);
    old();
    await flushed();
    expect(sent()).toEqual([]);
    fresh();
    await flushed();
    expect(sent()).toEqual([1]);
  });

  it("stays correct across compaction of many messages", async () => {
    const { queue, sent } = recordingQueue();
    const acks = Array.from({ length: 5000 }, (_, i) => queue.track(i % 65535));
    for (let i = 0; i < 3000; i++) acks[i]!();
    await flushed();
    const more = Array.from({ length: 10 }, (_, i) => queue.track(60000 + i));
    for (const ack of [...acks.slice(3000).reverse(), ...more]) ack();
    await flushed();
    expect(sent()).toHaveLength(5010);
    expect(sent().slice(-10)).toEqual(Array.from({ length: 10 }, (_, i) => 60000 + i));
    expect(queue.pending).toBe(0);
  });
});
