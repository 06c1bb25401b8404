import { parseArgs } from "node:util";
import type { LngLat } from "@waybill/shared";
import type { Scenario } from "@waybill/shared/contracts/scenario.schema";
import type { TelemetryFormat } from "../decoders/decoder";
import {
  parseChoiceFlag,
  parseIntegerFlag,
  parseLngLatFlag,
  parseNumberFlag,
  parseUrlFlag,
} from "./cli-flags";
import { generateDemoRoutes } from "./demo-routes";
import { type FleetCounters, type FleetVehicle, startFleetSimulator } from "./fleet-simulator";
import type { ScenarioWorld } from "./scenario-player";
import { loadScenarioInputs, parseScenarioClock, type ScenarioInputs, startScenario } from "./scenario-run";
import { createSeededRandom, deriveSeed } from "./seeded-random";
import { type DeviceCredentials, loadCredentialsFile, loadRoutesFile } from "./simulate-inputs";
import { UsageError } from "./usage-error";
import { provisionVehicles } from "./vehicle-provisioning";

/** Parsed flags of `waybill simulate`. */
export interface SimulateArgs {
  readonly help: boolean;
  readonly brokerUrl: string;
  /** null: 10, or as many as the credentials file lists. */
  readonly vehicleCount: number | null;
  readonly format: TelemetryFormat;
  readonly intervalMs: number;
  readonly noiseM: number;
  readonly dropoutRate: number;
  readonly seed: number;
  readonly center: LngLat;
  readonly speedKmh: number;
  readonly qos: 0 | 1;
  readonly batchSize: number;
  readonly prefix: string;
  readonly routesPath: string | null;
  readonly credentialsPath: string | null;
  readonly api: { readonly url: string; readonly key: string } | null;
  readonly durationS: number | null;
  /** `--scenario`: events to play during the run (see scenario-run.ts). */
  readonly scenario: {
    readonly path: string;
    /** The scenario's time of day at the start; null: the day's start. */
    readonly clock: string | null;
    readonly speedup: number;
    readonly driversPath: string | null;
  } | null;
}

/** Where the command writes and what stops it. */
export interface SimulateIo {
  log(line: string): void;
  /** Aborting stops the simulation cleanly (publishes in flight are awaited). */
  readonly signal?: AbortSignal;
  /** Time between progress lines, ms; default 5,000. */
  readonly progressEveryMs?: number;
  /**
   * Loads what a scenario needs of the road network (its closures' roads, its urgent orders);
   * the server's CLI supplies it from the scenario's extract. Absent: those events are not sent.
   */
  readonly scenarioWorld?: (scenario: Scenario) => Promise<ScenarioWorld>;
}

/** Usage text of `waybill simulate`, one line per entry. */
export const SIMULATE_USAGE: readonly string[] = [
  "Usage: waybill simulate [flags]",
  "  --broker URL           MQTT broker (default mqtt://127.0.0.1:1884)",
  "  --vehicles N           vehicles to simulate (default 10, the scenario's fleet, or all in --credentials)",
  "  --format F             native | owntracks (default native)",
  "  --interval-ms MS       time between fixes of one vehicle (default 1000)",
  "  --noise-m M            GPS noise, Gaussian sigma in metres (default 4)",
  "  --dropout-rate P       chance per second of a 5-30 s dropout (default 0.002)",
  "  --seed N               random seed, same seed same run (default 42)",
  "  --center LNG,LAT       centre of the generated street grid (default 7.4246,43.7384)",
  "  --speed-kmh KMH        mean speed; each vehicle gets +-20% (default 30)",
  "  --qos 0|1              MQTT QoS (default 1)",
  "  --batch-size N         native only: fixes per message (default 1)",
  "  --routes FILE          GeoJSON LineStrings to drive instead of generated loops",
  "  --credentials FILE     JSON array of { deviceId, secret }",
  "  --api URL --key KEY    provision vehicles through the server's API instead",
  "  --prefix P             device id prefix for generated or provisioned ids (default sim)",
  "  --duration-s S         stop after S seconds (default: run until interrupted)",
  "  --scenario FILE        play a contingency scenario (telematics/src/simulator/scenarios): a van",
  "                         breaks down (stops; reported through --api), roads close or slow down",
  "                         (posted to the road-closure API), urgent orders arrive (posted as orders)",
  "  --scenario-clock HH:mm the scenario's time of day at the start (default: the day's start)",
  "  --scenario-speedup N   events come N times sooner than in real time (default 1)",
  "  --drivers FILE         JSON array of { vehicle, email, password }: a broken van's driver reports it",
];

const FLAGS = {
  help: { type: "boolean" },
  broker: { type: "string", default: "mqtt://127.0.0.1:1884" },
  vehicles: { type: "string" },
  format: { type: "string", default: "native" },
  "interval-ms": { type: "string", default: "1000" },
  "noise-m": { type: "string", default: "4" },
  "dropout-rate": { type: "string", default: "0.002" },
  seed: { type: "string", default: "42" },
  center: { type: "string", default: "7.4246,43.7384" },
  "speed-kmh": { type: "string", default: "30" },
  qos: { type: "string", default: "1" },
  "batch-size": { type: "string", default: "1" },
  prefix: { type: "string", default: "sim" },
  routes: { type: "string" },
  credentials: { type: "string" },
  api: { type: "string" },
  key: { type: "string" },
  "duration-s": { type: "string" },
  scenario: { type: "string" },
  "scenario-clock": { type: "string" },
  "scenario-speedup": { type: "string" },
  drivers: { type: "string" },
} as const;

const DEFAULT_PROGRESS_EVERY_MS = 5_000;

/**
 * Parses the flags of `waybill simulate` (the arguments after `simulate`).
 *
 * @throws {UsageError} naming the flag and the reason, for unknown flags, bad values or
 *   incompatible combinations.
 * @example
 * parseSimulateArgs(["--vehicles", "3", "--format", "owntracks"]).vehicleCount; // 3
 */
export function parseSimulateArgs(argv: readonly string[]): SimulateArgs {
  const values = parseFlags(argv);
  const format = parseChoiceFlag("--format", values.format, ["native", "owntracks"] as const);
  const args: SimulateArgs = {
    help: values.help === true,
    brokerUrl: parseUrlFlag("--broker", values.broker, ["mqtt:", "mqtts:", "tcp:", "ws:", "wss:"]),
    vehicleCount:
      values.vehicles === undefined ? null : parseIntegerFlag("--vehicles", values.vehicles, 1, 10_000),
    format,
    intervalMs: parseIntegerFlag("--interval-ms", values["interval-ms"], 10, 3_600_000),
    noiseM: parseNumberFlag("--noise-m", values["noise-m"], 0, 1_000),
    dropoutRate: parseNumberFlag("--dropout-rate", values["dropout-rate"], 0, 1),
    seed: parseIntegerFlag("--seed", values.seed, 0, 2 ** 32 - 1),
    center: parseLngLatFlag("--center", values.center),
    speedKmh: parseNumberFlag("--speed-kmh", values["speed-kmh"], 1, 160),
    qos: parseChoiceFlag("--qos", values.qos, ["0", "1"] as const) === "0" ? 0 : 1,
    batchSize: parseIntegerFlag("--batch-size", values["batch-size"], 1, 1_000),
    prefix: parsePrefix(values.prefix),
    routesPath: values.routes ?? null,
    credentialsPath: values.credentials ?? null,
    api: parseApi(values.api, values.key),
    durationS:
      values["duration-s"] === undefined
        ? null
        : parseNumberFlag("--duration-s", values["duration-s"], 0.1, 31_536_000),
    scenario: parseScenarioFlags(values),
  };
  checkCombinations(args);
  return args;
}

function parseFlags(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options: FLAGS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    // node:util's message names the flag ("Unknown option '--vehiclez'"); keep it as is.
    const flag = /'(--[\w-]+)/.exec((error as Error).message)?.[1];
    throw new UsageError(undefined, (error as Error).message, { cause: error, flag });
  }
}

function parsePrefix(prefix: string): string {
  if (!/^[A-Za-z0-9._-]{1,40}$/.test(prefix)) {
    throw new UsageError("--prefix", `expected 1-40 of A-Z a-z 0-9 . _ -, got ${JSON.stringify(prefix)}`);
  }
  return prefix;
}

function parseApi(url: string | undefined, key: string | undefined): SimulateArgs["api"] {
  if (url === undefined && key === undefined) return null;
  if (url === undefined) throw new UsageError("--key", "needs --api URL");
  if (key === undefined || key === "") throw new UsageError("--api", "needs --key APIKEY");
  return { url: parseUrlFlag("--api", url, ["http:", "https:"]), key };
}

function parseScenarioFlags(values: ReturnType<typeof parseFlags>): SimulateArgs["scenario"] {
  const path = values.scenario;
  if (path === undefined) {
    for (const flag of ["scenario-clock", "scenario-speedup", "drivers"] as const)
      if (values[flag] !== undefined) throw new UsageError(`--${flag}`, "needs --scenario FILE");
    return null;
  }
  return {
    path,
    clock: values["scenario-clock"] === undefined ? null : parseScenarioClock(values["scenario-clock"]),
    speedup:
      values["scenario-speedup"] === undefined
        ? 1
        : parseNumberFlag("--scenario-speedup", values["scenario-speedup"], 0.01, 3600),
    driversPath: values.drivers ?? null,
  };
}

function checkCombinations(args: SimulateArgs): void {
  if (args.api !== null && args.credentialsPath !== null) {
    throw new UsageError("--credentials", "cannot be combined with --api: use one source of device secrets");
  }
  if (args.scenario?.driversPath && args.api === null) {
    throw new UsageError("--drivers", "needs --api URL --key KEY: drivers report through the server's API");
  }
  if (args.format === "owntracks" && args.batchSize !== 1) {
    throw new UsageError("--batch-size", "OwnTracks sends one fix per message; batches need --format native");
  }
}

/**
 * `waybill simulate`: drives a fleet of simulated vehicles that publish real vendor payloads to an
 * MQTT broker, printing progress every 5 s (published, dropped, failed, rate) until `--duration-s` elapses or `io.signal` aborts.
 *
 * @returns the final counters.
 * @throws {UsageError} for bad flags or input files; `ProvisioningError` when the API refuses.
 */
export async function runSimulateCommand(argv: readonly string[], io: SimulateIo): Promise<FleetCounters> {
  const args = parseSimulateArgs(argv);
  if (args.help) {
    for (const line of SIMULATE_USAGE) io.log(line);
    return { published: 0, messages: 0, dropped: 0, failed: 0 };
  }
  // A bad scenario must fail before any vehicle is provisioned.
  const scenario = args.scenario === null ? null : await loadScenarioInputs(args.scenario, io);
  const vehicles = await resolveFleet(args, io, scenario);
  io.log(
    `simulate: ${vehicles.length} ${args.format} vehicles -> ${args.brokerUrl}, one fix every ${args.intervalMs} ms each`,
  );
  const { brokerUrl, format, intervalMs, noiseM, dropoutRate, seed, qos, batchSize } = args;
  const simulator = await startFleetSimulator({
    brokerUrl,
    format,
    intervalMs,
    noiseM,
    dropoutRate,
    seed,
    qos,
    batchSize,
    vehicles,
    onError: reportErrorsOncePerDevice(io),
  });
  const stopProgress = reportProgress(simulator.counters, io);
  const played = scenario === null ? null : startScenario(scenario, args, vehicles, simulator, io);
  try {
    await waitForStop(args.durationS, io.signal);
  } finally {
    stopProgress();
    played?.stop();
    await played?.settled();
    await simulator.stop();
  }
  const { published, dropped, failed } = simulator.counters;
  io.log(`simulate: stopped; published ${published} fixes, dropped ${dropped}, failed ${failed}`);
  return { ...simulator.counters };
}

/** Devices (from a file, the API, or generated ids) paired with routes and speeds. */
async function resolveFleet(
  args: SimulateArgs,
  io: SimulateIo,
  scenario: ScenarioInputs | null,
): Promise<FleetVehicle[]> {
  // Read the routes file first: a bad file must fail before any vehicle is provisioned.
  const fileRoutes = args.routesPath === null ? null : await loadRoutesFile(args.routesPath);
  const devices = await resolveDevices(args, io, scenario?.scenario.fleet.vehicles ?? 10);
  const routes =
    fileRoutes ?? generateDemoRoutes({ center: args.center, count: devices.length, seed: args.seed });
  const random = createSeededRandom(deriveSeed(args.seed, 2));
  return devices.map((device, index) => ({
    ...device,
    route: routes[index % routes.length]!,
    speedKmh: Math.round(args.speedKmh * random.between(0.8, 1.2) * 10) / 10,
  }));
}

async function resolveDevices(
  args: SimulateArgs,
  io: SimulateIo,
  defaultCount: number,
): Promise<DeviceCredentials[]> {
  if (args.credentialsPath !== null) {
    const listed = await loadCredentialsFile(args.credentialsPath);
    if (args.vehicleCount !== null && args.vehicleCount > listed.length) {
      throw new UsageError(
        "--vehicles",
        `${args.vehicleCount} requested but ${args.credentialsPath} lists ${listed.length}`,
      );
    }
    return listed.slice(0, args.vehicleCount ?? listed.length);
  }
  const count = args.vehicleCount ?? defaultCount;
  const deviceIds = Array.from({ length: count }, (_, i) =>
    simulatedDeviceId(args.format, args.prefix, i + 1),
  );
  if (args.api === null) {
    io.log("simulate: no --credentials or --api; connecting without passwords (anonymous brokers only)");
    return deviceIds.map((deviceId) => ({ deviceId, secret: "" }));
  }
  io.log(`simulate: provisioning ${count} vehicles through ${args.api.url}`);
  const target = { apiUrl: args.api.url, apiKey: args.api.key, ...(io.signal ? { signal: io.signal } : {}) };
  return provisionVehicles(
    target,
    deviceIds.map((deviceId, i) => ({ name: `Sim van ${i + 1}`, deviceId })),
  );
}

/** `sim-3` for native devices, `sim/van-3` (OwnTracks' user/device) for OwnTracks ones. */
export const simulatedDeviceId = (format: TelemetryFormat, prefix: string, number: number): string =>
  format === "native" ? `${prefix}-${number}` : `${prefix}/van-${number}`;

function reportProgress(counters: Readonly<FleetCounters>, io: SimulateIo): () => void {
  const everyMs = io.progressEveryMs ?? DEFAULT_PROGRESS_EVERY_MS;
  let lastPublished = 0;
  const timer = setInterval(() => {
    const ratePerS = ((counters.published - lastPublished) * 1000) / everyMs;
    lastPublished = counters.published;
    io.log(
      `simulate: published ${counters.published}, dropped ${counters.dropped}, failed ${counters.failed}, rate ${ratePerS.toFixed(1)}/s`,
    );
  }, everyMs);
  return () => clearInterval(timer);
}

/** Logs the first error of each device; repeats (a broker down for a while) would flood the log. */
function reportErrorsOncePerDevice(io: SimulateIo): (error: Error, deviceId: string) => void {
  const reported = new Set<string>();
  return (error, deviceId) => {
    if (reported.has(deviceId)) return;
    reported.add(deviceId);
    io.log(`simulate: ${deviceId}: ${error.message} (later errors of this device are not printed)`);
  };
}

/** Resolves after `durationS` seconds or when `signal` aborts, whichever comes first. */
function waitForStop(durationS: number | null, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = durationS === null ? undefined : setTimeout(done, durationS * 1000);
    signal?.addEventListener("abort", done, { once: true });
  });
}
