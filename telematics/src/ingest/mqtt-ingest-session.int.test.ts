import { randomBytes } from "node:crypto";
import mqtt from "mqtt";
import { afterEach, describe, expect, it } from "vitest";
import { type InboundMessage, MqttIngestSession } from "./mqtt-ingest-session";

const brokerUrl = process.env.MQTT_TEST_URL ?? "mqtt://127.0.0.1:1883";
const reachable = await mqtt
  .connectAsync(brokerUrl, { connectTimeout: 2000, reconnectPeriod: 0 })
  .then((client) => client.endAsync().then(() => true))
  .catch(() => false);

const sessions: MqttIngestSession[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((session) => session.close()));
});

function startSession(clientId: string, prefix: string, onMessage: (m: InboundMessage) => void) {
  const session = new MqttIngestSession({
    url: brokerUrl,
    clientId,
    protocolVersion: 5,
    topicFilters: [`${prefix}/#`],
    receiveMaximum: 100,
    onMessage,
  });
  sessions.push(session);
  return session;
}

async function publish(prefix: string, count: number): Promise<void> {
  const client = await mqtt.connectAsync(brokerUrl, { protocolVersion: 5 });
  for (let i = 0; i < count; i++) await client.publishAsync(`${prefix}/m`, String(i), { qos: 1 });
  await client.endAsync();
}

const until = async (condition: () => boolean, timeoutMs = 5000) => {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe.skipIf(!reachable)(`${MqttIngestSession.name} against a real broker (${brokerUrl})`, () => {
  it("delivers every QoS 1 message and acknowledges them when the pipeline says so", async () => {
    const prefix = `test/${randomBytes(4).toString("hex")}`;
    const received: InboundMessage[] = [];
    const session = startSession(`t-${prefix}`, prefix, (m) => received.push(m));
    await session.start();
    await publish(prefix, 50);
    await until(() => received.length === 50);
    expect(received.map((m) => m.payload.toString())).toEqual(
      Array.from({ length: 50 }, (_, i) => String(i)),
    );
    expect(session.unacknowledged).toBe(50);
    for (const m of [...received].reverse()) m.ack();
    await new Promise<void>((resolve) => queueMicrotask(resolve));
    expect(session.unacknowledged).toBe(0);
  });

  it("gets unacknowledged messages again after a reconnect, and no acknowledged one", async () => {
    const prefix = `test/${randomBytes(4).toString("hex")}`;
    const clientId = `t-${prefix}`;
    const first: InboundMessage[] = [];
    const session = startSession(clientId, prefix, (m) => first.push(m));
    await session.start();
    await publish(prefix, 10);
    await until(() => first.length === 10);
    for (const m of first.slice(0, 4)) m.ack();
    await new Promise((resolve) => setTimeout(resolve, 100)); // let the PUBACKs reach the broker
    await session.close();

    const second: InboundMessage[] = [];
    await startSession(clientId, prefix, (m) => second.push(m)).start();
    await until(() => second.length === 6);
    expect(second.map((m) => m.payload.toString())).toEqual(["4", "5", "6", "7", "8", "9"]);
    expect(second.every((m) => m.redelivered)).toBe(true);
  });

  it("stops getting new messages once unsubscribed", async () => {
    const prefix = `test/${randomBytes(4).toString("hex")}`;
    const received: InboundMessage[] = [];
    const session = startSession(`t-${prefix}`, prefix, (m) => received.push(m));
    await session.start();
    await publish(prefix, 3);
    await until(() => received.length === 3);
    await session.unsubscribe();
    await publish(prefix, 3);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received).toHaveLength(3);
  });

  it("keeps its broker session over a close, unless asked to end it", async () => {
    const prefix = `test/${randomBytes(4).toString("hex")}`;
    const whileAway = async (endSession: boolean) => {
      const clientId = `t-${prefix}-${endSession}`;
      const first = startSession(clientId, prefix, () => {});
      await first.start();
      await first.close({ endSession });
      await publish(prefix, 4); // queued for the session, if it still exists
      const received: InboundMessage[] = [];
      await startSession(clientId, prefix, (m) => received.push(m)).start();
      await new Promise((resolve) => setTimeout(resolve, 300));
      return received.length;
    };
    expect(await whileAway(false)).toBe(4);
    expect(await whileAway(true)).toBe(0);
  });

  it("fails to start with a clear message when the broker is unreachable", async () => {
    const session = new MqttIngestSession({
      url: "mqtt://127.0.0.1:1",
      clientId: "nobody",
      protocolVersion: 4,
      topicFilters: ["x"],
      receiveMaximum: 10,
      onMessage: () => {},
    });
    await expect(session.start()).rejects.toThrow(/unreachable/);
  });
});
