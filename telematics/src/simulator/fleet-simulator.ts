import type { LngLat } from "@waybill/shared";
import mqtt, { type MqttClient } from "mqtt";
import type { TelemetryFormat } from "../decoders/decoder";
import { telemetryTopicFor } from "../topics";
import { encodeFixes } from "./fix-payload";
import { createRouteWalker, type RouteWalker } from "./route-walker";
import { createSeededRandom, deriveSeed } from "./seeded-random";
import { type SimulatedFix, SimulatedVehicle, type VehicleStep } from "./simulated-vehicle";

/** One simulated vehicle: its device credentials, its route and its mean speed. */
export interface FleetVehicle {
  /** MQTT username and topic id; `user/device` for OwnTracks. */
  readonly deviceId: string;
  /** MQTT password; empty to connect without one (anonymous brokers only). */
  readonly secret: string;
  /** Line to drive; a closed ring is driven in laps, an open line back and forth. */
  readonly route: readonly LngLat[];
  readonly speedKmh: number;
}

/** Options of {@link startFleetSimulator}. */
export interface FleetSimulatorOptions {
  /** e.g. `mqtt://127.0.0.1:1884`. */
  readonly brokerUrl: string;
  readonly vehicles: readonly FleetVehicle[];
  readonly format: TelemetryFormat;
  /** Time between fixes of one vehicle, ms. */
  readonly intervalMs: number;
  /** GPS noise, Gaussian sigma, metres. */
  readonly noiseM: number;
  /** Chance per second that a vehicle starts a 5-30 s dropout, in [0, 1]. */
  readonly dropoutRate: number;
  /** Seed of every random draw (start offsets, speed, noise, dropouts). */
  readonly seed: number;
  /** MQTT QoS of publishes; default 1. */
  readonly qos?: 0 | 1;
  /** Native only: fixes per message, buffered; default 1 (one object per message). */
  readonly batchSize?: number;
  /** How long `stop()` waits for outstanding acks before disconnecting anyway, ms; default 5,000. */
  readonly stopGraceMs?: number;
  /**
   * Called when a publish fails (its fixes count as `failed`) or a connected client reports an
   * error (it reconnects by itself every second). Without it such errors are ignored.
   */
  readonly onError?: (error: Error, deviceId: string) => void;
}

/** Running totals of a fleet simulator. */
export interface FleetCounters {
  /** Fixes the broker accepted (PUBACK at QoS 1, written at QoS 0). */
  published: number;
  /** MQTT messages those fixes travelled in. */
  messages: number;
  /** Fixes not sent because the vehicle was in a dropout. */
  dropped: number;
  /** Fixes whose publish failed. */
  failed: number;
}

/** A running simulator. */
export interface FleetSimulatorHandle {
  /** Live counters; read them any time. */
  readonly counters: Readonly<FleetCounters>;
  /**
   * Stops ticking, publishes buffered fixes, waits for acks (at most `stopGraceMs`) and
   * disconnects. Idempotent.
   */
  stop(): Promise<void>;
  /**
   * Stops one vehicle where it is (a breakdown): it keeps reporting its position at speed 0.
   * Returns where it stands, or null for an unknown device.
   */
  halt(deviceId: string): LngLat | null;
}

interface RunningVehicle {
  readonly spec: FleetVehicle;
  readonly topic: string;
  readonly client: MqttClient;
  readonly motion: SimulatedVehicle;
  readonly buffer: SimulatedFix[];
}

/** A published message awaiting its ack. */
interface OutstandingMessage {
  readonly fixCount: number;
  readonly deviceId: string;
}

/** Upper bound of the tick period, ms: short enough that fixes leave close to their due time. */
const MAX_TICK_MS = 100;
const DEFAULT_STOP_GRACE_MS = 5_000;

/**
 * Connects one MQTT client per vehicle (MQTT 3.1.1, username = device id, password = secret,
 * client id `sim-{deviceId}`) and publishes real vendor payloads on each vehicle's topic as it
 * drives its route. One timer for the whole fleet ticks every min(intervalMs, 100) ms.
 *
 * @throws {RangeError} for invalid options; an Error naming the device when a client cannot connect.
 * @example
 * const sim = await startFleetSimulator({ brokerUrl: "mqtt://127.0.0.1:1884", vehicles, format: "native",
 *   intervalMs: 1000, noiseM: 4, dropoutRate: 0.01, seed: 42 });
 * await sim.stop();
 */
export async function startFleetSimulator(options: FleetSimulatorOptions): Promise<FleetSimulatorHandle> {
  validateFleetOptions(options);
  // Everything that can throw on bad input happens before the first connection is opened.
  const walkers = options.vehicles.map(walkerFor);
  const topics = options.vehicles.map((vehicle) => telemetryTopicFor(options.format, vehicle.deviceId));
  const clients = await connectFleet(options);
  // An MqttClient throws on an 'error' event nobody listens to: after the first connection,
  // errors (broker restart, keepalive timeout) are reported and the client reconnects.
  clients.forEach((client, index) => {
    const deviceId = options.vehicles[index]!.deviceId;
    client.on("error", (error) => options.onError?.(error, deviceId));
  });
  const startAt = Date.now();
  const vehicles = options.vehicles.map((spec, index): RunningVehicle => {
    const random = createSeededRandom(deriveSeed(options.seed, index));
    const { intervalMs, noiseM, dropoutRate } = options;
    const behaviour = { speedKmh: spec.speedKmh, intervalMs, noiseM, dropoutRate };
    const motion = new SimulatedVehicle(walkers[index]!, behaviour, random, startAt);
    return { spec, topic: topics[index]!, client: clients[index]!, motion, buffer: [] };
  });
  return new FleetRun(vehicles, options, startAt);
}

function walkerFor(vehicle: FleetVehicle): RouteWalker {
  try {
    return createRouteWalker(vehicle.route);
  } catch (error) {
    throw new RangeError(`vehicle ${vehicle.deviceId}: ${(error as Error).message}`, { cause: error });
  }
}

class FleetRun implements FleetSimulatorHandle {
  readonly counters: FleetCounters = { published: 0, messages: 0, dropped: 0, failed: 0 };
  readonly #inFlight = new Map<OutstandingMessage, Promise<void>>();
  readonly #timer: NodeJS.Timeout;
  readonly #batchSize: number;
  #lastTickAt: number;
  #stopping: Promise<void> | undefined;

  constructor(
    private readonly vehicles: readonly RunningVehicle[],
    private readonly options: FleetSimulatorOptions,
    startAt: number,
  ) {
    this.#batchSize = options.batchSize ?? 1;
    this.#lastTickAt = startAt;
    this.#timer = setInterval(() => this.#tick(), Math.min(options.intervalMs, MAX_TICK_MS));
  }

  stop(): Promise<void> {
    this.#stopping ??= this.#shutDown();
    return this.#stopping;
  }

  halt(deviceId: string): LngLat | null {
    const vehicle = this.vehicles.find((candidate) => candidate.spec.deviceId === deviceId);
    if (!vehicle) return null;
    vehicle.motion.halt();
    return vehicle.motion.position;
  }

  #tick(): void {
    const now = Date.now();
    const elapsedMs = now - this.#lastTickAt;
    this.#lastTickAt = now;
    for (const vehicle of this.vehicles) this.#handleStep(vehicle, vehicle.motion.advance(now, elapsedMs));
  }

  #handleStep(vehicle: RunningVehicle, step: VehicleStep): void {
    if (step.kind === "dropped") this.counters.dropped++;
    if (step.kind !== "fix") return;
    vehicle.buffer.push(step.fix);
    if (vehicle.buffer.length >= this.#batchSize) this.#publish(vehicle);
  }

  #publish(vehicle: RunningVehicle): void {
    const fixes = vehicle.buffer.splice(0);
    const payload = encodeFixes(this.options.format, fixes, vehicle.spec.deviceId);
    const message: OutstandingMessage = { fixCount: fixes.length, deviceId: vehicle.spec.deviceId };
    const sent = vehicle.client.publishAsync(vehicle.topic, payload, { qos: this.options.qos ?? 1 }).then(
      () => this.#settle(message, null),
      (error: unknown) => this.#settle(message, error instanceof Error ? error : new Error(String(error))),
    );
    this.#inFlight.set(message, sent);
  }

  /** Counts a message once: acked, failed, or abandoned at stop (whichever comes first). */
  #settle(message: OutstandingMessage, error: Error | null): void {
    if (!this.#inFlight.delete(message)) return;
    if (error === null) {
      this.counters.published += message.fixCount;
      this.counters.messages++;
      return;
    }
    this.counters.failed += message.fixCount;
    this.options.onError?.(error, message.deviceId);
  }

  async #shutDown(): Promise<void> {
    clearInterval(this.#timer);
    for (const vehicle of this.vehicles) if (vehicle.buffer.length > 0) this.#publish(vehicle);
    const graceMs = this.options.stopGraceMs ?? DEFAULT_STOP_GRACE_MS;
    const settled = await settleWithin([...this.#inFlight.values()], graceMs);
    // Past the grace period (broker gone or stalled), force the end. mqtt.js leaves the pending
    // publishes unsettled then, so they are counted as failed here.
    await Promise.allSettled(this.vehicles.map((vehicle) => vehicle.client.endAsync(!settled)));
    const abandoned = new Error(`not acknowledged within ${graceMs} ms of stop`);
    for (const message of [...this.#inFlight.keys()]) this.#settle(message, abandoned);
  }
}

/** True when every promise settled within `timeoutMs`, false when the time ran out first. */
async function settleWithin(promises: readonly Promise<unknown>[], timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([Promise.allSettled(promises).then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Connects every vehicle; if one fails, disconnects the others and throws naming it. */
async function connectFleet(options: FleetSimulatorOptions): Promise<MqttClient[]> {
  const attempts = await Promise.allSettled(
    options.vehicles.map((vehicle) => connectVehicle(options.brokerUrl, vehicle)),
  );
  const failedIndex = attempts.findIndex((attempt) => attempt.status === "rejected");
  if (failedIndex === -1)
    return attempts.map((attempt) => (attempt as PromiseFulfilledResult<MqttClient>).value);
  await Promise.allSettled(
    attempts.flatMap((attempt) => (attempt.status === "fulfilled" ? [attempt.value.endAsync(true)] : [])),
  );
  const cause = (attempts[failedIndex] as PromiseRejectedResult).reason;
  const why = cause instanceof Error ? cause.message : String(cause);
  const deviceId = options.vehicles[failedIndex]?.deviceId;
  throw new Error(`vehicle ${deviceId} could not connect to ${options.brokerUrl}: ${why}`, { cause });
}

function connectVehicle(brokerUrl: string, vehicle: FleetVehicle): Promise<MqttClient> {
  return mqtt.connectAsync(
    brokerUrl,
    {
      protocolVersion: 4,
      clientId: `sim-${vehicle.deviceId}`,
      username: vehicle.deviceId,
      ...(vehicle.secret === "" ? {} : { password: vehicle.secret }),
      connectTimeout: 10_000,
      reconnectPeriod: 1_000,
    },
    false,
  );
}

/** Throws a RangeError naming the first invalid option. */
export function validateFleetOptions(options: FleetSimulatorOptions): void {
  const { intervalMs, noiseM, dropoutRate, batchSize = 1, vehicles, format } = options;
  if (vehicles.length === 0) throw new RangeError("vehicles: at least one vehicle is required");
  if (!(Number.isFinite(intervalMs) && intervalMs >= 10))
    throw new RangeError(`intervalMs: expected >= 10, got ${intervalMs}`);
  if (!(Number.isFinite(noiseM) && noiseM >= 0)) throw new RangeError(`noiseM: expected >= 0, got ${noiseM}`);
  if (!(dropoutRate >= 0 && dropoutRate <= 1))
    throw new RangeError(`dropoutRate: expected [0, 1], got ${dropoutRate}`);
  if (!(Number.isInteger(batchSize) && batchSize >= 1 && batchSize <= 1000)) {
    throw new RangeError(`batchSize: expected an integer in [1, 1000], got ${batchSize}`);
  }
  if (format === "owntracks" && batchSize !== 1)
    throw new RangeError("batchSize: OwnTracks sends one fix per message");
  const deviceIds = new Set(vehicles.map((vehicle) => vehicle.deviceId));
  if (deviceIds.size !== vehicles.length) throw new RangeError("vehicles: device ids must be unique");
  for (const vehicle of vehicles) {
    telemetryTopicFor(format, vehicle.deviceId);
    if (!(vehicle.speedKmh > 0 && vehicle.speedKmh <= 200)) {
      throw new RangeError(
        `vehicle ${vehicle.deviceId}: speedKmh expected in (0, 200], got ${vehicle.speedKmh}`,
      );
    }
  }
}
