/**
 * The load generator, run as a child process of the bench so that its CPU is not the server's:
 * one mqtt.js client per simulated device, QoS 1, TCP no-delay. Driven over IPC (see
 * generator-protocol.ts).
 */
import { Socket } from "node:net";
import type { MqttClient } from "mqtt";
import { mqtt } from "../support/packages";
import type { DrivePlan } from "./drive-plan";
import {
  type GeneratorCommand,
  type GeneratorCounts,
  type GeneratorEvent,
  isGeneratorCommand,
} from "./generator-protocol";
import { type PacedClient, type PacingState, startPacing } from "./pacing";
import { SimulatedDevice } from "./simulated-device";

const CONNECT_CONCURRENCY = 50;
const PROGRESS_EVERY_MS = 100;

const state: PacingState = { published: 0, consumed: 0, running: false };
const tally = { acked: 0, failed: 0 };
let clients: { client: MqttClient; paced: PacedClient }[] = [];
let wake: () => void = () => {};

const send = (event: GeneratorEvent): void => {
  if (process.connected) process.send?.(event);
};
let progressTimer: NodeJS.Timeout | undefined;

function counts(): GeneratorCounts {
  const cpu = process.cpuUsage();
  return { published: state.published, ...tally, cpuMicros: cpu.user + cpu.system };
}

async function connectDevice(brokerUrl: string, device: SimulatedDevice) {
  const client = await mqtt.connectAsync(brokerUrl, {
    clientId: `bench-${device.deviceId}`,
    protocolVersion: 4,
    clean: true,
    reconnectPeriod: 0,
  });
  if (client.stream instanceof Socket) client.stream.setNoDelay(true);
  const paced: PacedClient = {
    inFlight: 0,
    publishNext(done) {
      client.publish(device.topic, device.nextPayload(), { qos: 1 }, (error) => {
        if (error) tally.failed++;
        else tally.acked++;
        done();
      });
    },
  };
  return { client, paced };
}

async function connectAll(
  brokerUrl: string,
  deviceIds: readonly string[],
  plans: Readonly<Record<string, DrivePlan>> = {},
): Promise<void> {
  const devices = deviceIds.map((id, index) => new SimulatedDevice(id, index, plans[id]));
  for (let i = 0; i < devices.length; i += CONNECT_CONCURRENCY) {
    const slice = devices.slice(i, i + CONNECT_CONCURRENCY);
    clients.push(...(await Promise.all(slice.map((device) => connectDevice(brokerUrl, device)))));
  }
  send({ type: "connected", clients: clients.length });
}

async function stopAndSettle(): Promise<void> {
  state.running = false;
  const deadline = Date.now() + 30_000;
  while (clients.some(({ paced }) => paced.inFlight > 0) && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 10));
  clearInterval(progressTimer);
  send({ type: "stopped", ...counts() });
  await Promise.all(clients.map(({ client }) => client.endAsync()));
  clients = [];
  process.disconnect?.();
}

function handle(command: GeneratorCommand): Promise<void> | void {
  switch (command.type) {
    case "connect":
      return connectAll(command.brokerUrl, command.deviceIds, command.plans);
    case "start":
      state.running = true;
      progressTimer = setInterval(() => send({ type: "progress", ...counts() }), PROGRESS_EVERY_MS);
      wake = startPacing(
        clients.map(({ paced }) => paced),
        command.mode,
        state,
      );
      return;
    case "consumed":
      state.consumed = command.count;
      return wake();
    case "stop":
      return stopAndSettle();
  }
}

process.on("message", (message: unknown) => {
  if (!isGeneratorCommand(message)) return;
  Promise.resolve(handle(message)).catch((error: unknown) => {
    send({ type: "error", message: error instanceof Error ? error.message : String(error) });
  });
});
