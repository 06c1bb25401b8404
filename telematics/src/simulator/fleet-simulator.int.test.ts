import { TELEMETRY_TOPIC_FILTERS } from "@waybill/shared";
import type { MqttClient } from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TelemetryFormat } from "../decoders/decoder";
import { decoderFor } from "../decoders/decoders";
import { expectPlausibleReport } from "../decoders/expect-plausible-report";
import { routeTelemetryTopic } from "../topics";
import { type ConnectRecordingProxy, startConnectRecordingProxy } from "./connect-recording-proxy";
import { generateDemoRoutes } from "./demo-routes";
import { type FleetCounters, type FleetVehicle, startFleetSimulator } from "./fleet-simulator";
import { collectMessages, MQTT_TEST_URL, probeTestBroker, type ReceivedMessage } from "./mqtt-test-broker";

const brokerMissing = await probeTestBroker();
const runId = `int${Date.now().toString(36)}`;
const routes = generateDemoRoutes({ center: [7.4246, 43.7384], count: 3, seed: 9 });

let proxy: ConnectRecordingProxy;
let subscriber: { messages: ReceivedMessage[]; client: MqttClient };

function fleet(format: TelemetryFormat, tag: string, count: number): FleetVehicle[] {
  return Array.from({ length: count }, (_, i) => ({
    deviceId: format === "native" ? `${runId}-${tag}-${i}` : `${runId}${tag}/van-${i}`,
    secret: `secret-${tag}-${i}`,
    route: routes[i % routes.length]!,
    speedKmh: 40,
  }));
}

/** Runs a fleet for `durationMs` and returns what reached the subscriber from it, decoded. */
async function runFleet(
  format: TelemetryFormat,
  vehicles: FleetVehicle[],
  durationMs: number,
  batchSize = 1,
) {
  const startedAt = Date.now();
  const simulator = await startFleetSimulator({
    brokerUrl: proxy.url,
    vehicles,
    format,
    intervalMs: 200,
    noiseM: 3,
    dropoutRate: 0,
    seed: 5,
    batchSize,
  });
  await new Promise((resolve) => setTimeout(resolve, durationMs));
  await simulator.stop();
  const ranMs = Date.now() - startedAt;
  await new Promise((resolve) => setTimeout(resolve, 300));
  const ids = new Set(vehicles.map((vehicle) => vehicle.deviceId));
  const received = subscriber.messages.filter((message) =>
    ids.has(routeTelemetryTopic(message.topic)?.deviceId ?? ""),
  );
  return { counters: { ...simulator.counters } as FleetCounters, received, ranMs };
}

/** Routes and decodes a received message as the ingest would, asserting it is clean. */
function decodeReceived(message: ReceivedMessage, format: TelemetryFormat) {
  const route = routeTelemetryTopic(message.topic);
  expect(route?.format).toBe(format);
  const decoded = decoderFor(format)({
    deviceId: route!.deviceId,
    payload: message.payload,
    receivedAt: message.receivedAt,
  });
  expect(decoded.rejects).toEqual([]);
  for (const report of decoded.reports) {
    expectPlausibleReport(report, message);
    expect(report.deviceId).toBe(route!.deviceId);
  }
  return decoded.reports;
}

describe(startFleetSimulator.name, () => {
  beforeAll(async () => {
    if (brokerMissing !== null) return;
    proxy = await startConnectRecordingProxy(MQTT_TEST_URL);
    subscriber = await collectMessages(MQTT_TEST_URL, TELEMETRY_TOPIC_FILTERS);
  });

  afterAll(async () => {
    await subscriber?.client.endAsync();
    await proxy?.close();
  });

  it("publishes decodable native fixes for each vehicle on its own topic, about every interval", async (ctx) => {
    ctx.skip(brokerMissing !== null, brokerMissing ?? "");
    const vehicles = fleet("native", "n", 3);
    const { counters, received, ranMs } = await runFleet("native", vehicles, 2_000);
    for (const vehicle of vehicles) {
      const own = received.filter((m) => m.topic === `waybill/v1/devices/${vehicle.deviceId}/telemetry`);
      // One fix per 200 ms: never more (plus the one flushed at stop), and a loaded CI machine
      // that delays timers may lose a few, since a late vehicle resumes its cadence, not bursts.
      expect(own.length, vehicle.deviceId).toBeLessThanOrEqual(Math.ceil(ranMs / 200) + 1);
      expect(own.length, vehicle.deviceId).toBeGreaterThanOrEqual(Math.floor(0.7 * (ranMs / 200)));
      const reports = own.flatMap((message) => decodeReceived(message, "native"));
      expect(reports).toHaveLength(own.length);
      // 40 km/h is 2.2 m per 200 ms: consecutive fixes are close but the vehicle does move.
      const first = reports[0]!;
      const last = reports[reports.length - 1]!;
      expect(Math.hypot(last.lat - first.lat, last.lng - first.lng)).toBeGreaterThan(0);
    }
    expect(counters).toEqual({
      published: received.length,
      messages: received.length,
      dropped: 0,
      failed: 0,
    });
  });

  it("connects each vehicle as MQTT 3.1.1 with its device id, secret and client id sim-{deviceId}", async (ctx) => {
    ctx.skip(brokerMissing !== null, brokerMissing ?? "");
    const vehicles = fleet("native", "c", 2);
    await runFleet("native", vehicles, 300);
    for (const vehicle of vehicles) {
      expect(proxy.connects).toContainEqual({
        clientId: `sim-${vehicle.deviceId}`,
        username: vehicle.deviceId,
        password: vehicle.secret,
        protocolVersion: 4,
      });
    }
  });

  it("publishes OwnTracks locations on owntracks/user/device", async (ctx) => {
    ctx.skip(brokerMissing !== null, brokerMissing ?? "");
    const vehicles = fleet("owntracks", "o", 2);
    const { received, counters } = await runFleet("owntracks", vehicles, 1_000);
    expect(received.length).toBeGreaterThanOrEqual(6);
    for (const message of received) expect(decodeReceived(message, "owntracks")).toHaveLength(1);
    expect(new Set(received.map((m) => m.topic))).toEqual(
      new Set(vehicles.map((v) => `owntracks/${v.deviceId}`)),
    );
    expect(counters.published).toBe(received.length);
  });

  it("sends native batches as arrays of batchSize fixes, flushing the rest on stop", async (ctx) => {
    ctx.skip(brokerMissing !== null, brokerMissing ?? "");
    const vehicles = fleet("native", "b", 1);
    const { received, counters } = await runFleet("native", vehicles, 1_500, 3);
    const sizes = received.map((message) => decodeReceived(message, "native").length);
    expect(sizes.slice(0, -1).every((size) => size === 3)).toBe(true);
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(counters.published);
    expect(counters.messages).toBe(received.length);
  });
});
