import mqtt, { type MqttClient } from "mqtt";

/** The broker integration tests use: `MQTT_TEST_URL`, else the local Mosquitto. */
export const MQTT_TEST_URL = process.env.MQTT_TEST_URL ?? "mqtt://127.0.0.1:1883";

const PROBE_TIMEOUT_MS = 2_000;

/**
 * Test helper: null when the test broker accepts a connection within 2 s, else the reason to give
 * when skipping, naming the broker and how to point the tests at another one.
 */
export async function probeTestBroker(url = MQTT_TEST_URL): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
  });
  const attempt = mqtt.connectAsync(url, { connectTimeout: PROBE_TIMEOUT_MS, reconnectPeriod: 0 }, false);
  try {
    const client = await Promise.race([attempt, timeout]);
    await client.endAsync();
    return null;
  } catch (error) {
    // A late connection after the timeout must not keep the test process alive.
    void attempt.then(
      (client) => client.endAsync(true),
      () => undefined,
    );
    return `no MQTT broker at ${url} (${(error as Error).message}); start Mosquitto there or set MQTT_TEST_URL`;
  } finally {
    clearTimeout(timer);
  }
}

/** A received message with its arrival time, epoch ms. */
export interface ReceivedMessage {
  readonly topic: string;
  readonly payload: Uint8Array;
  readonly receivedAt: number;
}

/** Test helper: a subscriber that collects every message on `filters`. */
export async function collectMessages(
  url: string,
  filters: readonly string[],
): Promise<{ messages: ReceivedMessage[]; client: MqttClient }> {
  const client = await mqtt.connectAsync(url, {
    protocolVersion: 4,
    clientId: `test-sub-${process.pid}-${Date.now()}`,
  });
  const messages: ReceivedMessage[] = [];
  client.on("message", (topic, payload) =>
    messages.push({ topic, payload: new Uint8Array(payload), receivedAt: Date.now() }),
  );
  await client.subscribeAsync([...filters], { qos: 1 });
  return { messages, client };
}
