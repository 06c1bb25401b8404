import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { launchBrowser } from "../../test/support/browser";
import { createBenchDatabase } from "../ingest/bench-database";
import { startBroker } from "../support/broker";
import { describeMachine } from "../support/machine";
import { openConsole } from "./console-page";
import { DirectFeed } from "./direct-feed";
import { FleetDriver } from "./fleet-driver";
import { summarizeFrames } from "./frame-probe";
import type { MapFpsOptions } from "./map-fps-options";
import { formatMapFpsReport, type LoadRates, TARGET_FPS } from "./map-fps-report";
import {
  createDispatcher,
  type PlannedVehicle,
  planFleet,
  provisionFleet,
  startBenchSystem,
} from "./map-fps-system";

type Cleanup = () => Promise<unknown> | unknown;
type Counter = { get(): Promise<{ values: { value: number }[] }> };

const dashboardDir = fileURLToPath(new URL("../../dashboard/", import.meta.url));
/** After the feed stops, the server is drained when it stored nothing new for this long. */
const DRAINED_AFTER_MS = 3_000;
/** Longest wait for the server to work off what the broker queued while it lagged. */
const DRAIN_TIMEOUT_MS = 120_000;

/**
 * `pnpm bench map-fps`: the real system (Mosquitto, PostgreSQL, the server in this process) fed by
 * the telematics simulator in a child process, N vehicles at one fix per interval over MQTT (or, with
 * `--source direct`, the same fixes written straight into the page's socket: direct-feed.ts); the
 * dispatcher console in headless chromium counts its frames (requestAnimationFrame) and long tasks
 * over live windows (the whole fleet in view, clustered; street level around one vehicle), then
 * over an idle one (feed stopped, same view) as the reference. Resolves true when every live
 * window's median reaches {@link TARGET_FPS}.
 */
export async function runMapFpsBench(options: MapFpsOptions): Promise<boolean> {
  const cleanups: Cleanup[] = [];
  const cleanUp = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };
  // Ctrl-C must not leave a broker, a fleet process or a scratch database behind.
  const onSignal = () => void cleanUp().finally(() => process.exit(130));
  process.once("SIGINT", onSignal).once("SIGTERM", onSignal);
  try {
    progress("building the dashboard (vite)");
    await promisify(execFile)(`${dashboardDir}node_modules/.bin/vite`, ["build", "--logLevel", "warn"], {
      cwd: dashboardDir,
    });
    const broker = await startBroker({ maxInflightMessages: 2000, maxQueuedMessages: 200_000 });
    cleanups.push(() => broker.stop());
    const database = await createBenchDatabase(options.adminDatabaseUrl);
    cleanups.push(() => database.drop());
    progress(`starting Waybill on ${database.name} (road network: ${options.osmFile || "synthetic town"})`);
    const bench = await startBenchSystem(broker.url, database.url, options.osmFile);
    cleanups.push(() => bench.stop());
    progress(`provisioning ${options.vehicles} vehicles and planning their loops`);
    const login = await createDispatcher(bench);
    const vehicles = await planFleet(bench, await provisionFleet(bench, options.vehicles));
    const source = await startSource(options, broker.url, vehicles);
    cleanups.push(() => source.stop());
    const browser = await launchBrowser();
    cleanups.push(() => browser.close());
    const page = await openConsole(browser, bench.system.url, login, options.vehicles, (page) =>
      source.beforeOpen(page),
    );
    source.pageOpened();
    progress(`console live; warming up ${options.warmupSeconds} s`);
    await sleep(options.warmupSeconds * 1000);
    const fleetState = await page.fleet();
    const server = serverCounters(bench.system.metrics);

    const windows: { name: string; window: Awaited<ReturnType<typeof page.record>>; load: LoadRates }[] = [];
    const measure = async (name: string) => {
      progress(`window "${name}": ${options.seconds} s`);
      const before = { fleet: source.published(), server: await server() };
      const window = await page.record(options.seconds);
      const seconds =
        window.recording.frameTimesMs.length > 1
          ? (window.recording.frameTimesMs.at(-1)! - window.recording.frameTimesMs[0]!) / 1000
          : options.seconds;
      const after = { fleet: source.published(), server: await server() };
      windows.push({
        name,
        window,
        load: {
          publishedPerSecond: (after.fleet - before.fleet) / seconds,
          storedPerSecond: (after.server.stored - before.server.stored) / seconds,
        },
      });
      await page.screenshot(name);
    };
    await measure("live, whole fleet");
    await page.focusFirstVehicle();
    await sleep(3_000);
    await measure("live, street level");
    await page.showAll();
    await source.stop();
    const drainedInMs = await waitUntilDrained(server);
    progress(`feed stopped; the server stored its backlog in ${Math.round(drainedInMs / 1000)} s`);
    await measure("idle, whole fleet");
    await page.close();

    const machine = describeMachine();
    const report = formatMapFpsReport({
      machine: `${machine.cores} cores, ${machine.cpuModel}; Node ${machine.node}; Mosquitto ${machine.mosquitto}; Chromium ${browser.version()} (SwiftShader WebGL)`,
      settings: `source=${options.source} vehicles=${options.vehicles} interval=${options.intervalMs}ms window=${options.seconds}s warmup=${options.warmupSeconds}s osm=${options.osmFile || "synthetic"} viewport=1440x900`,
      fleet: fleetState,
      drainedInMs,
      phases: windows.map(({ name, window, load }) => ({
        name,
        summary: summarizeFrames(window.recording),
        machineBusy: window.machineBusy,
        load,
      })),
    });
    console.log(`\n${report}`);
    const live = windows.filter((w) => w.name.startsWith("live"));
    return live.every((w) => summarizeFrames(w.window.recording).p50Fps >= TARGET_FPS);
  } finally {
    process.off("SIGINT", onSignal).off("SIGTERM", onSignal);
    await cleanUp();
  }
}

/** Where the fixes come from: the simulator over MQTT through the server, or the bench's direct feed. */
interface PositionSource {
  beforeOpen(page: Parameters<DirectFeed["attach"]>[0]): Promise<void>;
  pageOpened(): void;
  /** Fixes sent so far (broker-acknowledged, or written into the page). */
  published(): number;
  stop(): Promise<unknown>;
}

async function startSource(
  options: MapFpsOptions,
  brokerUrl: string,
  vehicles: readonly PlannedVehicle[],
): Promise<PositionSource> {
  if (options.source === "direct") {
    progress(
      `direct feed: ${vehicles.length} vehicles, one fix every ${options.intervalMs} ms each, into the page's socket`,
    );
    const feed = new DirectFeed(vehicles, options.intervalMs);
    return {
      beforeOpen: (page) => feed.attach(page),
      pageOpened: () => feed.start(),
      published: () => feed.sent,
      stop: async () => feed.stop(),
    };
  }
  const fleet = FleetDriver.spawn();
  progress(`connecting ${vehicles.length} MQTT clients; one fix every ${options.intervalMs} ms each`);
  try {
    await fleet.start(brokerUrl, vehicles, options.intervalMs);
  } catch (error) {
    fleet.kill();
    throw error;
  }
  let stopped = false;
  return {
    beforeOpen: async () => undefined,
    pageOpened: () => undefined,
    published: () => fleet.latest.published,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await fleet.stop().catch(() => fleet.kill());
    },
  };
}

/** Reads the server's own positions-stored counter (GET /metrics, in-process). */
function serverCounters(metrics: { positionsStored: Counter }): () => Promise<{ stored: number }> {
  return async () => ({
    stored: (await metrics.positionsStored.get()).values.reduce((sum, v) => sum + v.value, 0),
  });
}

/** Waits until the server stores no new position for {@link DRAINED_AFTER_MS}; resolves the time it took. */
async function waitUntilDrained(server: () => Promise<{ stored: number }>): Promise<number> {
  const started = Date.now();
  let last = (await server()).stored;
  let stillSince = Date.now();
  while (Date.now() - stillSince < DRAINED_AFTER_MS && Date.now() - started < DRAIN_TIMEOUT_MS) {
    await sleep(500);
    const stored = (await server()).stored;
    if (stored !== last) stillSince = Date.now();
    last = stored;
  }
  return stillSince - started;
}

function progress(message: string): void {
  console.error(`[map-fps] ${message}`);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
