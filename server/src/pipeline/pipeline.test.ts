import type { TelemetryRejectReason } from "@waybill/shared";
import type { InboundMessage } from "@waybill/telematics/ingest/mqtt-ingest-session";
import { beforeEach, describe, expect, it } from "vitest";
import { MemoryDeviceDirectory } from "../adapters/memory/memory-device-directory";
import { MemoryTelemetryStore } from "../adapters/memory/memory-telemetry.store";
import type { ScopedPosition } from "../ports/position-broadcaster";
import { createIngestPipeline, type IngestPipeline } from "./pipeline";

const now = Date.parse("2026-11-22T10:00:00Z");
const topic = (deviceId: string) => `waybill/v1/devices/${deviceId}/telemetry`;

let store: MemoryTelemetryStore;
let pipeline: IngestPipeline;
let broadcasts: ScopedPosition[][];
let tracked: ScopedPosition[];
let acked: string[];

function message(t: string, payload: unknown, receivedAt = now): InboundMessage {
  const body = typeof payload === "string" ? payload : JSON.stringify(payload);
  return {
    topic: t,
    payload: Buffer.from(body),
    receivedAt,
    redelivered: false,
    ack: () => acked.push(body),
  };
}

const fix = (secondsAfter: number, extra: Record<string, unknown> = {}) => ({
  fixAt: now + secondsAfter * 1000 - 60_000,
  lat: 43.7384 + secondsAfter * 0.0001,
  lng: 7.4246,
  speedKmh: 30,
  ...extra,
});

async function ingest(...messages: InboundMessage[]): Promise<void> {
  for (const m of messages) pipeline.accept(m);
  await new Promise((resolve) => setTimeout(resolve, 0));
  await pipeline.drain();
}

async function rejectedReasons(): Promise<TelemetryRejectReason[]> {
  const rows = await store.rejected({ organisationId: "org_a", includeUnattributed: true }, 100);
  return rows.map((r) => r.reason).reverse();
}

beforeEach(() => {
  store = new MemoryTelemetryStore(new Set(["veh_1", "veh_2"]));
  const devices = new MemoryDeviceDirectory()
    .add({ deviceId: "van-1", organisationId: "org_a", vehicleId: "veh_1" })
    .add({ deviceId: "van-2", organisationId: "org_a", vehicleId: "veh_2" })
    .add({ deviceId: "spare", organisationId: "org_a", vehicleId: null });
  broadcasts = [];
  tracked = [];
  acked = [];
  pipeline = createIngestPipeline({
    store,
    devices,
    broadcaster: { publish: (positions) => broadcasts.push([...positions]) },
    tracker: { observe: (positions) => tracked.push(...positions) },
    rules: { futureToleranceMs: 300_000, maxPlausibleSpeedKmh: 300, jumpFloorM: 500 },
    rateLimit: { perSecond: 2, burst: 5 },
    storeBatchMax: 100,
    observer: { received() {}, rejected() {}, stored() {}, storeFailed() {}, stageFailed() {} },
  });
});

describe("ingest pipeline", () => {
  it("stores positions, moves the latest state, broadcasts, hands every position to tracking, then acknowledges", async () => {
    await ingest(message(topic("van-1"), [fix(2), fix(1)]), message(topic("van-2"), fix(1)));
    expect(await store.track("veh_1", 0, now, 10)).toHaveLength(2);
    expect((await store.latestStates(["veh_1"]))[0]?.fixAt).toBe(fix(2).fixAt);
    expect(tracked.map((p) => [p.organisationId, p.vehicleId, p.fixAt])).toEqual(
      expect.arrayContaining([
        ["org_a", "veh_1", fix(1).fixAt],
        ["org_a", "veh_1", fix(2).fixAt],
        ["org_a", "veh_2", fix(1).fixAt],
      ]),
    );
    expect(tracked).toHaveLength(3);
    const sent = broadcasts.flat();
    expect(sent.map((p) => [p.vehicleId, p.fixAt])).toEqual(
      expect.arrayContaining([
        ["veh_1", fix(2).fixAt],
        ["veh_2", fix(1).fixAt],
      ]),
    );
    expect(sent.every((p) => p.organisationId === "org_a")).toBe(true);
    expect(acked).toHaveLength(2);
  });

  it("stores nothing twice when the broker redelivers a message", async () => {
    const m = message(topic("van-1"), [fix(1), fix(2), fix(3)]);
    await ingest(m);
    await ingest({ ...m, redelivered: true });
    expect(await store.track("veh_1", 0, now, 10)).toHaveLength(3);
    expect(acked).toHaveLength(2);
  });

  it("keeps late fixes in the history without moving the vehicle backwards", async () => {
    await ingest(message(topic("van-1"), fix(10)));
    await ingest(message(topic("van-1"), fix(5)));
    expect(await store.track("veh_1", 0, now, 10)).toHaveLength(2);
    expect((await store.latestStates(["veh_1"]))[0]?.fixAt).toBe(fix(10).fixAt);
  });

  const cases: [TelemetryRejectReason, InboundMessage][] = [
    ["topic_not_allowed", message("waybill/v1/devices/van-1/other", fix(1))],
    ["payload_too_large", message(topic("van-1"), "x".repeat(300_000))],
    ["malformed_json", message(topic("van-1"), "{not json")],
    ["invalid_schema", message(topic("van-1"), { ...fix(1), speedKmh: "fast" })],
    ["invalid_coordinates", message(topic("van-1"), { ...fix(1), lat: 91 })],
    ["invalid_time", message(topic("van-1"), { ...fix(1), fixAt: "yesterday" })],
    ["future_fix", message(topic("van-1"), fix(3600))],
    ["unknown_device", message(topic("ghost"), fix(1))],
    ["unknown_device", message(topic("spare"), fix(1))],
  ];
  it.each(cases)("rejects %s, keeps it as a dead letter and still acknowledges", async (reason, m) => {
    await ingest(m);
    expect(await rejectedReasons()).toEqual([reason]);
    expect(await store.track("veh_1", 0, now + 3_600_000, 10)).toHaveLength(0);
    expect(acked).toHaveLength(1);
  });

  it("rejects duplicates and implausible jumps against the last accepted fix", async () => {
    await ingest(message(topic("van-1"), fix(1)));
    await ingest(message(topic("van-1"), fix(1)));
    await ingest(message(topic("van-1"), { ...fix(2), lat: 44.5 }));
    expect(await rejectedReasons()).toEqual(["duplicate", "implausible_jump"]);
  });

  it("keeps the good reports of an array with a bad one, naming the index", async () => {
    await ingest(message(topic("van-1"), [fix(1), { ...fix(2), lng: 500 }, fix(3)]));
    expect(await store.track("veh_1", 0, now, 10)).toHaveLength(2);
    const [rejected] = await store.rejected({ organisationId: "org_a", includeUnattributed: false }, 10);
    expect(rejected).toMatchObject({ reason: "invalid_coordinates", reportIndex: 1, deviceId: "van-1" });
  });

  it("attributes a bad message of a known device to its organisation", async () => {
    await ingest(message(topic("van-1"), "[]oops"));
    const rows = await store.rejected({ organisationId: "org_a", includeUnattributed: false }, 10);
    expect(rows).toHaveLength(1);
  });

  it("rejects a device's flood beyond its rate as rate_limited, keeps it as dead letters, and spares other devices", async () => {
    const flood = Array.from({ length: 8 }, (_, i) => message(topic("van-1"), fix(i + 1)));
    await ingest(...flood, message(topic("van-2"), fix(1)));
    expect(await store.track("veh_1", 0, now, 100)).toHaveLength(5);
    expect(await store.track("veh_2", 0, now, 100)).toHaveLength(1);
    expect(await rejectedReasons()).toEqual(["rate_limited", "rate_limited", "rate_limited"]);
    const [row] = await store.rejected({ organisationId: "org_a", includeUnattributed: true }, 1);
    expect(row?.detail).toBe("device van-1 sent more than 2 messages per second (burst 5)");
    expect(acked).toHaveLength(9);

    // Tokens come back with time: a second later two more messages pass.
    const later = [9, 10, 11].map((i) => message(topic("van-1"), fix(i), now + 1000));
    await ingest(...later);
    expect(await store.track("veh_1", 0, now, 100)).toHaveLength(7);
  });

  it("acknowledges nothing until the store succeeds, and loses nothing when it recovers", async () => {
    let failures = 2;
    const write = store.writeBatch.bind(store);
    store.writeBatch = (batch) => (failures-- > 0 ? Promise.reject(new Error("db down")) : write(batch));
    pipeline.accept(message(topic("van-1"), fix(1)));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(acked).toHaveLength(0);
    await pipeline.drain();
    expect(acked).toHaveLength(1);
    expect(await store.track("veh_1", 0, now, 10)).toHaveLength(1);
  });
});
