import { describe, expect, it } from "vitest";
import { AckQueue } from "./ack-queue";

describe(AckQueue.name, () => {
  it("acknowledges in arrival order although messages finish out of order", () => {
    const sent: number[] = [];
    const queue = new AckQueue((id) => sent.push(id));
    const [a, b, c] = [queue.track(10), queue.track(11), queue.track(12)];
    c!();
    b!();
    expect(sent).toEqual([]);
    a!();
    expect(sent).toEqual([10, 11, 12]);
    expect(queue.pending).toBe(0);
  });

  it("ignores a second ack of the same message", () => {
    const sent: number[] = [];
    const queue = new AckQueue((id) => sent.push(id));
    const a = queue.track(1);
    a();
    a();
    expect(sent).toEqual([1]);
  });

  it("drops acks of messages from before a reset", () => {
    const sent: number[] = [];
    const queue = new AckQueue((id) => sent.push(id));
    const old = queue.track(1);
    queue.reset();
    const fresh = queue.track(1);
    old();
    expect(sent).toEqual([]);
    fresh();
    expect(sent).toEqual([1]);
  });

  it("stays correct across compaction of many messages", () => {
    const sent: number[] = [];
    const queue = new AckQueue((id) => sent.push(id));
    const acks = Array.from({ length: 5000 }, (_, i) => queue.track(i % 65535));
    for (let i = 0; i < 3000; i++) acks[i]!();
    const more = Array.from({ length: 10 }, (_, i) => queue.track(60000 + i));
    for (const ack of [...acks.slice(3000).reverse(), ...more]) ack();
    expect(sent).toHaveLength(5010);
    expect(sent.slice(-10)).toEqual(Array.from({ length: 10 }, (_, i) => 60000 + i));
    expect(queue.pending).toBe(0);
  });
});
