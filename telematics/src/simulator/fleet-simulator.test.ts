import { createServer, type Server } from "node:net";
import type { LngLat } from "@waybill/shared";
import { generate, parser } from "mqtt-packet";
import { describe, expect, it } from "vitest";
import { type FleetSimulatorOptions, startFleetSimulator, validateFleetOptions } from "./fleet-simulator";

const route: LngLat[] = [
  [7.42, 43.73],
  [7.43, 43.73],
];
const options: FleetSimulatorOptions = {
  brokerUrl: "mqtt://127.0.0.1:1",
  vehicles: [{ deviceId: "van-1", secret: "s", route, speedKmh: 30 }],
  format: "native",
  intervalMs: 1_000,
  noiseM: 3,
  dropoutRate: 0,
  seed: 1,
};

/** A local port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * A broker that accepts every connection and never acknowledges a publish; with `resetOnPublish`
 * it resets the TCP connection on the first publish instead.
 */
async function silentBroker(resetOnPublish = false): Promise<{ url: string; server: Server }> {
  const server = createServer((socket) => {
    const packets = parser({ protocolVersion: 4 });
    packets.on("packet", (packet: { cmd: string }) => {
      if (packet.cmd === "connect")
        socket.write(generate({ cmd: "connack", returnCode: 0, sessionPresent: false }));
      if (packet.cmd === "publish" && resetOnPublish) socket.resetAndDestroy();
    });
    socket.on("data", (chunk) => packets.parse(chunk));
    // The client's forced end resets the socket; that is the point of the test.
    socket.on("error", () => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `mqtt://127.0.0.1:${(server.address() as { port: number }).port}`, server };
}

describe(validateFleetOptions.name, () => {
  it("accepts sensible options", () => {
    expect(() => validateFleetOptions(options)).not.toThrow();
  });

  it("names the first invalid option", () => {
    const cases: [Partial<FleetSimulatorOptions>, string][] = [
      [{ vehicles: [] }, "vehicles: at least one vehicle is required"],
      [{ intervalMs: 0 }, "intervalMs: expected >= 10, got 0"],
      [{ noiseM: -1 }, "noiseM: expected >= 0, got -1"],
      [{ dropoutRate: 1.5 }, "dropoutRate: expected [0, 1], got 1.5"],
      [{ batchSize: 0 }, "batchSize: expected an integer in [1, 1000], got 0"],
      [{ format: "owntracks", batchSize: 2 }, "batchSize: OwnTracks sends one fix per message"],
      [{ format: "owntracks" }, 'device id "van-1" cannot publish owntracks telemetry'],
      [{ vehicles: [options.vehicles[0]!, options.vehicles[0]!] }, "vehicles: device ids must be unique"],
      [
        { vehicles: [{ ...options.vehicles[0]!, speedKmh: 0 }] },
        "vehicle van-1: speedKmh expected in (0, 200], got 0",
      ],
    ];
    for (const [override, message] of cases) {
      expect(() => validateFleetOptions({ ...options, ...override })).toThrow(message);
    }
  });
});

describe(startFleetSimulator.name, () => {
  it("refuses an undrivable route before connecting, naming the vehicle", async () => {
    const vehicles = [{ ...options.vehicles[0]!, route: [route[0]!, route[0]!] }];
    await expect(startFleetSimulator({ ...options, vehicles })).rejects.toThrow(
      "vehicle van-1: a route needs at least 2 distinct points",
    );
  });

  it("fails with the device and broker named when a vehicle cannot connect", async () => {
    const brokerUrl = `mqtt://127.0.0.1:${await closedPort()}`;
    await expect(startFleetSimulator({ ...options, brokerUrl })).rejects.toThrow(
      `vehicle van-1 could not connect to ${brokerUrl}`,
    );
  });

  it("stops within the grace period when the broker never acks, counting the fixes as failed", async () => {
    const { url, server } = await silentBroker();
    const simulator = await startFleetSimulator({
      ...options,
      brokerUrl: url,
      intervalMs: 50,
      stopGraceMs: 200,
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const stoppedAt = Date.now();
    await simulator.stop();
    expect(Date.now() - stoppedAt).toBeLessThan(2_000);
    expect(simulator.counters.published).toBe(0);
    expect(simulator.counters.failed).toBeGreaterThanOrEqual(3);
    await new Promise((resolve) => server.close(resolve));
  });

  it("reports a connected client's error through onError instead of crashing", async () => {
    const { url, server } = await silentBroker(true);
    const errors: string[] = [];
    const onError = (error: Error, deviceId: string) => errors.push(`${deviceId}: ${error.message}`);
    const simulator = await startFleetSimulator({
      ...options,
      brokerUrl: url,
      intervalMs: 50,
      stopGraceMs: 100,
      onError,
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await simulator.stop();
    expect(errors).toContainEqual(expect.stringMatching(/^van-1: .*ECONNRESET/));
    await new Promise((resolve) => server.close(resolve));
  });
});
