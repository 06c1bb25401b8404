/**
 * The bench fleet, run as a child process of `pnpm bench map-fps` so that 2,000 MQTT clients do
 * not share the server's event loop: the telematics fleet simulator (one mqtt.js client per
 * vehicle, native payloads, QoS 1) driving each vehicle along a road loop. Driven over IPC.
 */
import {
  type FleetSimulatorHandle,
  startFleetSimulator,
} from "../../telematics/src/simulator/fleet-simulator";
import type { FleetCommand, FleetCounts, FleetEvent } from "./fleet-protocol";

const PROGRESS_EVERY_MS = 1_000;
let fleet: FleetSimulatorHandle | null = null;
let progress: NodeJS.Timeout | undefined;

const send = (event: FleetEvent): void => {
  // A send racing the parent's exit fails (EPIPE); the parent is gone and so is its interest.
  if (process.connected) process.send?.(event, (error: Error | null) => error && undefined);
};

function counts(): FleetCounts {
  const cpu = process.cpuUsage();
  return {
    published: fleet?.counters.published ?? 0,
    failed: fleet?.counters.failed ?? 0,
    cpuMicros: cpu.user + cpu.system,
  };
}

async function run(command: FleetCommand): Promise<void> {
  if (command.type === "start") {
    fleet = await startFleetSimulator({
      brokerUrl: command.brokerUrl,
      vehicles: command.vehicles.map((vehicle) => ({ ...vehicle, secret: "" })),
      format: "native",
      intervalMs: command.intervalMs,
      noiseM: 3,
      dropoutRate: 0,
      seed: 42,
      qos: 1,
    });
    progress = setInterval(() => send({ type: "progress", ...counts() }), PROGRESS_EVERY_MS);
    send({ type: "started", ...counts() });
    return;
  }
  clearInterval(progress);
  await fleet?.stop();
  send({ type: "stopped", ...counts() });
  process.disconnect();
}

// The bench ended (or crashed) without a stop: do not outlive it.
process.on("disconnect", () => process.exit(0));

process.on("message", (command: FleetCommand) => {
  run(command).catch((error: unknown) => {
    send({ type: "error", message: error instanceof Error ? error.message : String(error) });
    process.exitCode = 1;
    process.disconnect();
  });
});
