import { Socket } from "node:net";
import type { BenchBroker } from "../support/broker";
import { mqtt } from "../support/packages";
import { machineCpuMicros, ownCpuMicros, postgresCpuMicros, processCpuMicros } from "./cpu";
import type { PublishMode } from "./generator-protocol";
import { type PhaseResult, runPhase } from "./phase";

/** The reference consumer: one plain mqtt.js subscriber, counting what it receives. */
export interface BareSubscriber {
  readonly received: number;
  /** Why the connection closed during the phase, if it did (the rate is then meaningless). */
  readonly closedBy: string | null;
  close(): Promise<void>;
}

/**
 * Subscribes to every device's native topic with MQTT 5, QoS 1, TCP no-delay and the same Receive
 * Maximum the Waybill ingest uses, so the bare hop and Waybill get the same flow control from
 * Mosquitto. mqtt.js acknowledges each message once its handler returned.
 */
export async function subscribeBare(brokerUrl: string, receiveMaximum: number): Promise<BareSubscriber> {
  const client = await mqtt.connectAsync(brokerUrl, {
    clientId: `bench-bare-${process.pid}`,
    protocolVersion: 5,
    clean: true,
    reconnectPeriod: 0,
    properties: { receiveMaximum },
  });
  if (client.stream instanceof Socket) client.stream.setNoDelay(true);
  let received = 0;
  let closedBy: string | null = null;
  let closing = false;
  client.on("message", () => {
    received++;
  });
  client.on("error", (error) => {
    closedBy ??= error.message;
  });
  client.on("close", () => {
    if (!closing) closedBy ??= "connection closed";
  });
  await client.subscribeAsync("waybill/v1/devices/+/telemetry", { qos: 1 });
  return {
    get received() {
      return received;
    },
    get closedBy() {
      return closedBy;
    },
    close: () => {
      closing = true;
      return client.endAsync();
    },
  };
}

/** How to run the bare hop phase. */
export interface BareHopSpec {
  readonly broker: BenchBroker;
  readonly deviceIds: readonly string[];
  readonly mode: PublishMode;
  readonly warmupMs: number;
  readonly windowMs: number;
  readonly receiveMaximum: number;
  /** The phase's name in the report. */
  readonly name: string;
  /** Told about each attempt in which the broker stranded messages. */
  readonly onStall: (result: PhaseResult) => void;
}

/** Attempts at a bare hop without a broker delivery stall (see docs/benchmarks.md). */
const BARE_HOP_ATTEMPTS = 3;

/**
 * The bare hop, repeated (fresh subscriber and generator) while Mosquitto strands messages: a
 * stalled attempt measures the broker bug, not the hop. Returns the first clean attempt, or the
 * fastest one if all stalled (the conservative reference for the ratio), and how many stalled.
 */
export async function runBareHop(
  spec: BareHopSpec,
): Promise<{ result: PhaseResult; stalledAttempts: number }> {
  const stalled: PhaseResult[] = [];
  while (stalled.length < BARE_HOP_ATTEMPTS) {
    const result = await runBareHopOnce(spec);
    if (result.generator.acked === result.consumedTotal) return { result, stalledAttempts: stalled.length };
    spec.onStall(result);
    stalled.push(result);
  }
  const fastest = stalled.reduce((a, b) => (b.consumedPerSecond > a.consumedPerSecond ? b : a));
  return { result: fastest, stalledAttempts: stalled.length };
}

async function runBareHopOnce(spec: BareHopSpec): Promise<PhaseResult> {
  const { broker } = spec;
  const subscriber = await subscribeBare(broker.url, spec.receiveMaximum);
  try {
    return await runPhase({
      ...spec,
      name: spec.name,
      brokerUrl: broker.url,
      consumed: () => subscriber.received,
      cpu: async () => ({
        server: ownCpuMicros(),
        broker: processCpuMicros(broker.pid),
        database: postgresCpuMicros(),
        machine: machineCpuMicros(),
      }),
      record: () => {},
    });
  } finally {
    await subscriber.close();
  }
}
