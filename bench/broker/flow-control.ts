import { type BrokerLimits, startBroker } from "../support/broker";
import { mqtt } from "../support/packages";
import { subscribeHolding } from "./holding-subscriber";

/** One probe: broker limits and how the subscriber connects. */
interface ProbeCase {
  readonly limits: BrokerLimits;
  readonly protocolVersion: 4 | 5;
  /** MQTT 5 Receive Maximum in CONNECT; null sends none. */
  readonly receiveMaximum: number | null;
}

/** Published while the subscriber holds every PUBACK, then while it acknowledges every 100 ms. */
const HELD_MESSAGES = 5_000;
const FLOWING_MESSAGES = 20_000;
const ACK_EVERY_MS = 100;
const TOPIC = "probe/flow";
const CASES: readonly ProbeCase[] = [
  { limits: { maxInflightMessages: 20, maxQueuedMessages: 1000 }, protocolVersion: 4, receiveMaximum: null },
  { limits: { maxInflightMessages: 20, maxQueuedMessages: 1000 }, protocolVersion: 5, receiveMaximum: null },
  { limits: { maxInflightMessages: 20, maxQueuedMessages: 1000 }, protocolVersion: 5, receiveMaximum: 2000 },
  {
    limits: { maxInflightMessages: 100, maxQueuedMessages: 200_000 },
    protocolVersion: 5,
    receiveMaximum: 65535,
  },
  { limits: { maxInflightMessages: 0, maxQueuedMessages: 0 }, protocolVersion: 5, receiveMaximum: 100 },
  {
    limits: { maxInflightMessages: 2000, maxQueuedMessages: 200_000 },
    protocolVersion: 5,
    receiveMaximum: 2000,
  },
];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `pnpm bench broker`: for each case, a subscriber that withholds PUBACKs while a publisher sends
 * 5,000 QoS 1 messages (the broker acknowledges all of them to the publisher): how many does
 * Mosquitto put in flight? Then the subscriber acknowledges in bursts every 100 ms, as a
 * group-committing consumer does, while 20,000 more are published: the most it ever held
 * unacknowledged. In the end it acknowledges everything: delivered versus dropped.
 */
export async function runBrokerProbe(): Promise<boolean> {
  console.log(
    "max_inflight  max_queued  client              held  peak acking  delivered  dropped  broker RM",
  );
  for (const probe of CASES) console.log(formatRow(probe, await runCase(probe)));
  return true;
}

async function runCase(probe: ProbeCase) {
  const broker = await startBroker(probe.limits);
  try {
    const port = Number(new URL(broker.url).port);
    const subscriber = await subscribeHolding(port, TOPIC, probe.protocolVersion, probe.receiveMaximum);
    const publisher = await mqtt.connectAsync(broker.url, { protocolVersion: 4, reconnectPeriod: 0 });
    const publish = (n: number) =>
      Promise.all(Array.from({ length: n }, (_, i) => publisher.publishAsync(TOPIC, `m${i}`, { qos: 1 })));
    await publish(HELD_MESSAGES);
    await sleep(500);
    const inFlight = subscriber.received;
    subscriber.resetPeak();
    const acking = setInterval(() => subscriber.ackHeld(), ACK_EVERY_MS);
    await publish(FLOWING_MESSAGES);
    await sleep(1_500);
    clearInterval(acking);
    const peakAcking = subscriber.peakUnacked;
    subscriber.release();
    await sleep(1_000);
    const delivered = subscriber.received;
    await publisher.endAsync();
    subscriber.close();
    return { inFlight, peakAcking, delivered, brokerReceiveMaximum: subscriber.brokerReceiveMaximum };
  } finally {
    await broker.stop();
  }
}

function formatRow(probe: ProbeCase, r: Awaited<ReturnType<typeof runCase>>): string {
  const client = probe.protocolVersion === 4 ? "MQTT 3.1.1" : `MQTT 5, RM ${probe.receiveMaximum ?? "unset"}`;
  return [
    String(probe.limits.maxInflightMessages).padStart(12),
    String(probe.limits.maxQueuedMessages).padStart(10),
    `  ${client.padEnd(18)}`,
    String(r.inFlight).padStart(5),
    String(r.peakAcking).padStart(12),
    String(r.delivered).padStart(10),
    String(HELD_MESSAGES + FLOWING_MESSAGES - r.delivered).padStart(8),
    String(r.brokerReceiveMaximum ?? "-").padStart(10),
  ].join("  ");
}
