import pino from "pino";
import { Registry } from "prom-client";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ownerOf } from "../../domain/cluster/vehicle-owner";
import type { ScopedPosition } from "../../ports/position-broadcaster";
import type { PositionRelay } from "../../ports/position-relay";
import type { StoredPosition } from "../../ports/telemetry-store";
import { OwnedPositionFeed, type OwnedPositionObserver } from "./owned-position-feed";

/** Instances on one "database": each relay sees the others and delivers to them a moment later. */
class MemoryRelays {
  readonly relays = new Map<string, MemoryRelay>();
  join(self: string): MemoryRelay {
    const relay = new MemoryRelay(this, self);
    this.relays.set(self, relay);
    return relay;
  }
}

class MemoryRelay implements PositionRelay {
  readonly listeners: ((positions: ScopedPosition[]) => void)[] = [];
  readonly sent: { member: string; positions: readonly ScopedPosition[] }[] = [];
  down = false;
  constructor(
    private readonly hub: MemoryRelays,
    readonly self: string,
  ) {}
  async members(): Promise<string[]> {
    return [...this.hub.relays.keys()].sort();
  }
  async send(member: string, positions: readonly ScopedPosition[]): Promise<void> {
    if (this.down) throw new Error("relay down");
    this.sent.push({ member, positions });
    const target = this.hub.relays.get(member);
    setTimeout(() => {
      for (const listener of target?.listeners ?? []) listener([...positions]);
    }, 5);
  }
  onPositions(listener: (positions: ScopedPosition[]) => void): void {
    this.listeners.push(listener);
  }
  async close(): Promise<void> {
    this.hub.relays.delete(this.self);
  }
}

/** An observer that records what it is given, as live tracking would take it. */
class RecordingObserver implements OwnedPositionObserver {
  readonly seen: ScopedPosition[] = [];
  readonly released: string[] = [];
  releases = 0;
  observe(positions: readonly ScopedPosition[]): void {
    this.seen.push(...positions);
  }
  release(owned: (vehicleId: string) => boolean): void {
    this.releases++;
    for (const vehicleId of new Set(this.seen.map((p) => p.vehicleId)))
      if (!owned(vehicleId)) this.released.push(vehicleId);
  }
  fixesOf(vehicleId: string): number[] {
    return this.seen.filter((p) => p.vehicleId === vehicleId).map((p) => p.fixAt);
  }
}

const position = (vehicleId: string, fixAt: number): ScopedPosition => ({
  organisationId: "org_1",
  vehicleId,
  fixAt,
  lat: 43.7,
  lng: 7.4,
  speedKmh: 30,
  headingDeg: null,
});

/** The same fix as the store returns it. */
const stored = (vehicleId: string, fixAt: number): StoredPosition => ({
  ...position(vehicleId, fixAt),
  deviceId: "dev_1",
  receivedAt: fixAt,
  accuracyM: null,
  altitudeM: null,
  odometerKm: null,
  ignition: null,
  batteryPct: null,
  attrs: {},
});

const feeds: OwnedPositionFeed[] = [];
afterEach(async () => {
  await Promise.all(feeds.splice(0).map((feed) => feed.close()));
});

function startFeed(relay: PositionRelay, history: StoredPosition[] = []) {
  const observer = new RecordingObserver();
  const track = vi.fn(async (vehicleId: string, fromAt: number, toAt: number) =>
    history.filter((p) => p.vehicleId === vehicleId && p.fixAt >= fromAt && p.fixAt <= toAt),
  );
  const feed = new OwnedPositionFeed({
    relay,
    observers: [observer],
    history: { track },
    registry: new Registry(),
    log: pino({ level: "silent" }),
    checkIntervalMs: 10,
    flushMs: 5,
    settleMs: 200, // far above the relay's 5 ms, even on a loaded machine
  });
  feeds.push(feed);
  return { feed, observer, track };
}

/** Two instances, a and b, started on one "database"; a reads `history` when it replays. */
async function startTwo(history: StoredPosition[] = []) {
  const hub = new MemoryRelays();
  const [relayA, relayB] = [hub.join("a"), hub.join("b")];
  const a = startFeed(relayA, history);
  const b = startFeed(relayB);
  await Promise.all([a.feed.start(), b.feed.start()]);
  return { a, b, relayA, relayB };
}

/** A vehicle id that {@link ownerOf} gives to `member` among `members`. */
function vehicleOwnedBy(member: string, members: readonly string[]): string {
  for (let i = 0; ; i++) if (ownerOf(`veh_${i}`, members) === member) return `veh_${i}`;
}

describe(OwnedPositionFeed.name, () => {
  it("alone, hands every position straight to the observers, without the relay", async () => {
    const relay = new MemoryRelays().join("a");
    const { feed, observer, track } = startFeed(relay);
    await feed.start();
    feed.observe([position("veh_1", 1000), position("veh_2", 1000)]);
    expect(observer.seen.map((p) => p.vehicleId)).toEqual(["veh_1", "veh_2"]);
    expect(relay.sent).toEqual([]);
    expect(track).not.toHaveBeenCalled();
  });

  it("in a cluster, gives each vehicle's fixes to its owner only, in fix order, whoever stored them", async () => {
    const { a, b, relayA } = await startTwo();
    const ofB = vehicleOwnedBy("b", ["a", "b"]);
    const ofA = vehicleOwnedBy("a", ["a", "b"]);
    // Round robin, as the broker shares them: odd fixes stored by a, even ones by b.
    for (let i = 1; i <= 6; i++) {
      const stored = i % 2 ? a : b;
      stored.feed.observe([position(ofB, i * 1000), position(ofA, i * 1000)]);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await vi.waitFor(() => expect(b.observer.fixesOf(ofB)).toHaveLength(6), { timeout: 2000 });
    await vi.waitFor(() => expect(a.observer.fixesOf(ofA)).toHaveLength(6), { timeout: 2000 });
    expect(b.observer.fixesOf(ofB)).toEqual([1000, 2000, 3000, 4000, 5000, 6000]);
    expect(a.observer.fixesOf(ofA)).toEqual([1000, 2000, 3000, 4000, 5000, 6000]);
    expect(a.observer.fixesOf(ofB)).toEqual([]);
    expect(b.observer.fixesOf(ofA)).toEqual([]);
    expect(relayA.sent.every((batch) => batch.member === "b")).toBe(true);
  });

  it("when the owner goes, the survivor replays the vehicle's stored fixes before its new ones", async () => {
    const ofB = vehicleOwnedBy("b", ["a", "b"]);
    const { a, b, relayB } = await startTwo([1000, 2000, 3000].map((fixAt) => stored(ofB, fixAt)));
    a.feed.observe([position(ofB, 1000)]);
    await vi.waitFor(() => expect(b.observer.fixesOf(ofB)).toEqual([1000]), { timeout: 2000 });
    await relayB.close(); // b dies: its connection, and so its membership, are gone
    // a saw the members change twice: b joining at the start, b leaving now.
    await vi.waitFor(() => expect(a.observer.releases).toBe(2), { timeout: 2000 });
    a.feed.observe([position(ofB, 4000)]);
    await vi.waitFor(() => expect(a.observer.fixesOf(ofB)).toEqual([1000, 2000, 3000, 4000]), {
      timeout: 2000,
    });
    expect(a.track).toHaveBeenCalledWith(ofB, expect.any(Number), 3999, expect.any(Number));
  });

  it("keeps what it could not hand over and sends it once the relay is back", async () => {
    const { a, b, relayA } = await startTwo();
    const ofB = vehicleOwnedBy("b", ["a", "b"]);
    relayA.down = true;
    a.feed.observe([position(ofB, 1000), position(ofB, 2000)]);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(b.observer.seen).toEqual([]);
    relayA.down = false;
    await vi.waitFor(() => expect(b.observer.fixesOf(ofB)).toEqual([1000, 2000]), { timeout: 2000 });
  });
});
