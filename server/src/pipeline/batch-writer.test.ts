import type { InboundMessage } from "@waybill/telematics/ingest/mqtt-ingest-session";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { TelemetryBatch, TelemetryStore } from "../ports/telemetry-store";
import { BatchWriter } from "./batch-writer";
import { MessageWork } from "./message-work";

/** A store whose writes finish only when the test says so; it records each batch's size. */
class GatedStore {
  readonly batches: number[] = [];
  private release: (() => void) | null = null;

  readonly store = {
    writeBatch: (batch: TelemetryBatch) => {
      this.batches.push(batch.positions.length);
      return new Promise<{ positionsInserted: number }>((resolve) => {
        this.release = () => resolve({ positionsInserted: batch.positions.length });
      });
    },
  } as unknown as TelemetryStore;

  finishWrite(): void {
    this.release?.();
    this.release = null;
  }
}

function work(i: number): MessageWork {
  const message: InboundMessage = {
    topic: "waybill/v1/devices/d/telemetry",
    payload: Buffer.from("{}"),
    receivedAt: 0,
    redelivered: false,
    ack: () => {},
  };
  const w = new MessageWork(message);
  w.accepted.push({
    organisationId: "org",
    vehicleId: `veh_${i % 5}`,
    deviceId: "d",
    fixAt: 1_700_000_000_000 + i,
    receivedAt: 1_700_000_000_000 + i,
    lat: 43.7,
    lng: 7.4,
    speedKmh: null,
    headingDeg: null,
    accuracyM: null,
    altitudeM: null,
    odometerKm: null,
    ignition: null,
    batteryPct: null,
    attrs: {},
  });
  return w;
}

afterEach(() => vi.useRealTimers());

describe(BatchWriter.name, () => {
  it("under pressure waits before the next transaction so that it carries more; at low load it does not", async () => {
    vi.useFakeTimers();
    const gate = new GatedStore();
    const writer = new BatchWriter(gate.store, {
      maxPositions: 1000,
      afterStore: () => {},
      linger: { fromMessages: 10, ms: 10 },
    });
    let next = 0;
    writer.submit(work(next++)); // starts a transaction of one position
    for (let i = 0; i < 20; i++) writer.submit(work(next++)); // 20 queued: pressure
    gate.finishWrite();
    await vi.advanceTimersByTimeAsync(5);
    expect(gate.batches).toEqual([1]); // lingering
    for (let i = 0; i < 30; i++) writer.submit(work(next++));
    await vi.advanceTimersByTimeAsync(5);
    expect(gate.batches).toEqual([1, 50]); // the 20 and the 30 that came while it waited
    for (let i = 0; i < 3; i++) writer.submit(work(next++)); // 3 queued: no pressure
    gate.finishWrite();
    await vi.advanceTimersByTimeAsync(0);
    expect(gate.batches).toEqual([1, 50, 3]);
    gate.finishWrite();
    await writer.drain();
  });

  it("does not wait when what is queued already fills a transaction", async () => {
    vi.useFakeTimers();
    const gate = new GatedStore();
    const writer = new BatchWriter(gate.store, {
      maxPositions: 15,
      afterStore: () => {},
      linger: { fromMessages: 10, ms: 10 },
    });
    for (let i = 0; i < 21; i++) writer.submit(work(i));
    gate.finishWrite();
    await vi.advanceTimersByTimeAsync(0);
    expect(gate.batches).toEqual([1, 15]);
    gate.finishWrite();
    await vi.advanceTimersByTimeAsync(10);
    gate.finishWrite();
    await writer.drain();
    expect(gate.batches).toEqual([1, 15, 5]);
  });
});
