import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { asDeviceId, type DeviceId, TELEMETRY_TOPIC_FILTERS } from "@waybill/shared";
import type { MqttClient } from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decoderFor } from "../decoders/decoders";
import { expectPlausibleReport } from "../decoders/expect-plausible-report";
import { routeTelemetryTopic } from "../topics";
import { type ConnectRecordingProxy, startConnectRecordingProxy } from "./connect-recording-proxy";
import { collectMessages, MQTT_TEST_URL, probeTestBroker, type ReceivedMessage } from "./mqtt-test-broker";
import { runSimulateCommand } from "./simulate.command";

const brokerMissing = await probeTestBroker();
const runId = `cmd${Date.now().toString(36)}`;

let proxy: ConnectRecordingProxy;
let subscriber: { messages: ReceivedMessage[]; client: MqttClient };

const fromDevices = (prefix: string) =>
  subscriber.messages.filter((message) => routeTelemetryTopic(message.topic)?.deviceId.startsWith(prefix));

describe(runSimulateCommand.name, () => {
  beforeAll(async () => {
    if (brokerMissing !== null) return;
    proxy = await startConnectRecordingProxy(MQTT_TEST_URL);
    subscriber = await collectMessages(MQTT_TEST_URL, TELEMETRY_TOPIC_FILTERS);
  });

  afterAll(async () => {
    await subscriber?.client.endAsync();
    await proxy?.close();
  });

  it("drives the vehicles of a credentials file for --duration-s, printing progress and a summary", async (ctx) => {
    ctx.skip(brokerMissing !== null, brokerMissing ?? "");
    const credentials = [1, 2].map((n) => ({ deviceId: `${runId}-${n}`, secret: `secret-${n}` }));
    const path = join(mkdtempSync(join(tmpdir(), "waybill-sim-")), "credentials.json");
    writeFileSync(path, JSON.stringify(credentials));
    const lines: string[] = [];
    const argv = [
      "--broker",
      proxy.url,
      "--credentials",
      path,
      "--interval-ms",
      "100",
      "--duration-s",
      "1.2",
    ];
    const counters = await runSimulateCommand(argv, {
      log: (line) => lines.push(line),
      progressEveryMs: 400,
    });
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(lines[0]).toBe(`simulate: 2 native vehicles -> ${proxy.url}, one fix every 100 ms each`);
    expect(
      lines.filter((line) => /^simulate: published \d+, dropped \d+, failed 0, rate [\d.]+\/s$/.test(line))
        .length,
    ).toBeGreaterThanOrEqual(2);
    expect(lines.at(-1)).toMatch(/^simulate: stopped; published \d+ fixes, dropped \d+, failed 0$/);
    const received = fromDevices(runId);
    expect(counters.published + counters.dropped).toBeGreaterThanOrEqual(18);
    expect(received).toHaveLength(counters.messages);
    for (const message of received) {
      const route = routeTelemetryTopic(message.topic)!;
      const decoded = decoderFor("native")({
        deviceId: route.deviceId,
        payload: message.payload,
        receivedAt: message.receivedAt,
      });
      expect(decoded.rejects).toEqual([]);
      for (const report of decoded.reports) expectPlausibleReport(report, message);
    }
    for (const { deviceId, secret } of credentials) {
      expect(proxy.connects).toContainEqual(
        expect.objectContaining({ username: deviceId, password: secret }),
      );
    }
  });

  it("plays a scenario: the broken-down van stops and keeps reporting where it stands", async (ctx) => {
    ctx.skip(brokerMissing !== null, brokerMissing ?? "");
    const prefix = `${runId}s`;
    const scenario = join(import.meta.dirname, "scenarios", "breakdown.json");
    const lines: string[] = [];
    // The breakdown is at 11:00: starting at 10:59, 60 times faster, it comes after 1 s.
    const argv = ["--broker", proxy.url, "--vehicles", "4", "--prefix", prefix, "--noise-m", "0"];
    argv.push("--interval-ms", "100", "--duration-s", "2.5", "--dropout-rate", "0");
    argv.push("--scenario", scenario, "--scenario-clock", "10:59", "--scenario-speedup", "60");
    await runSimulateCommand(argv, { log: (line) => lines.push(line) });
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(lines).toContain("simulate: scenario breakdown from 10:59, 60x faster: breakdown in 1 s");
    expect(lines.some((line) => line.startsWith(`scenario: ${prefix}-4 broke down at `))).toBe(true);
    expect(lines).toContain("scenario: the breakdown is not reported (no --api)");
    const reports = (deviceId: DeviceId) =>
      fromDevices(deviceId)
        .filter((message) => routeTelemetryTopic(message.topic)?.deviceId === deviceId)
        .flatMap(
          (message) =>
            decoderFor("native")({ deviceId, payload: message.payload, receivedAt: message.receivedAt })
              .reports,
        )
        .sort((a, b) => a.fixAt - b.fixAt);
    const broken = reports(asDeviceId(`${prefix}-4`));
    const stopped = broken.filter((report) => report.speedKmh === 0);
    expect(broken.length - stopped.length).toBeGreaterThanOrEqual(5);
    expect(stopped.length).toBeGreaterThanOrEqual(5);
    expect(new Set(stopped.map((report) => `${report.lng},${report.lat}`)).size).toBe(1);
    expect(reports(asDeviceId(`${prefix}-3`)).filter((report) => report.speedKmh === 0)).toEqual([]);
  });

  it("stops cleanly when its signal aborts", async (ctx) => {
    ctx.skip(brokerMissing !== null, brokerMissing ?? "");
    const prefix = `${runId}a`;
    const controller = new AbortController();
    const lines: string[] = [];
    const argv = [
      "--broker",
      proxy.url,
      "--vehicles",
      "2",
      "--format",
      "owntracks",
      "--prefix",
      prefix,
      "--interval-ms",
      "100",
    ];
    const run = runSimulateCommand(argv, { log: (line) => lines.push(line), signal: controller.signal });
    setTimeout(() => controller.abort(), 800);
    const counters = await run;
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(lines).toContain(
      "simulate: no --credentials or --api; connecting without passwords (anonymous brokers only)",
    );
    expect(counters.published).toBeGreaterThan(0);
    const topics = new Set(fromDevices(`${prefix}/`).map((message) => message.topic));
    expect(topics).toEqual(new Set([`owntracks/${prefix}/van-1`, `owntracks/${prefix}/van-2`]));
  });
});
