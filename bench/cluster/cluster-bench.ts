import { randomBytes } from "node:crypto";
import { type ServerProcess, startServerProcess, sumMetric } from "../../test/support/server-process";
import { type BenchDatabase, createBenchDatabase } from "../ingest/bench-database";
import { machineCpuMicros, postgresCpuMicros, processCpuMicros } from "../ingest/cpu";
import { BENCH_BROKER_LIMITS } from "../ingest/ingest-bench";
import { type PhaseResult, runPhase } from "../ingest/phase";
import { type BenchBroker, startBroker } from "../support/broker";
import { describeMachine } from "../support/machine";
import { mqtt } from "../support/packages";
import type { ClusterBenchOptions } from "./cluster-options";
import { formatClusterReport } from "./cluster-report";

/** One instance count measured: the phase, and its exact accounting after draining. */
export interface ClusterPhaseResult extends PhaseResult {
  readonly instances: number;
  /** Stored (or rejected) by each instance over the steady window. */
  readonly perInstance: readonly number[];
  /** Acknowledged by the broker to the devices, minus stored, minus rejected. Must be 0. */
  readonly lost: number;
}

/** How often the instances' counters are read (the generator's credit follows them). */
const SCRAPE_EVERY_MS = 50;
const RECEIVE_MAXIMUM = 2000;

type Cleanup = () => Promise<void> | void;

/** `pnpm bench cluster`: 1, 2, 3... instances in turn; resolves true when nothing was lost. */
export async function runClusterBench(options: ClusterBenchOptions): Promise<boolean> {
  const cleanups: Cleanup[] = [];
  const cleanUp = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };
  const onSignal = () => void cleanUp().finally(() => process.exit(130));
  process.once("SIGINT", onSignal).once("SIGTERM", onSignal);
  try {
    const broker = await startBroker(BENCH_BROKER_LIMITS);
    cleanups.push(() => broker.stop());
    const database = await createBenchDatabase(options.adminDatabaseUrl);
    cleanups.push(() => database.drop());
    const adminKey = `bench-admin-${randomBytes(16).toString("hex")}`;
    const deviceIds = Array.from(
      { length: options.devices },
      (_, i) => `bench-${String(i).padStart(5, "0")}`,
    );
    const phases: ClusterPhaseResult[] = [];
    for (const [index, instances] of options.instances.entries()) {
      phases.push(
        await measure({ options, broker, database, adminKey, deviceIds, instances, provision: index === 0 }),
      );
    }
    const machine = { ...describeMachine(), postgres: await database.version() };
    console.log(`\n${formatClusterReport(machine, options, phases)}`);
    return phases.every((phase) => phase.lost === 0);
  } finally {
    process.off("SIGINT", onSignal).off("SIGTERM", onSignal);
    await cleanUp();
  }
}

interface MeasureSpec {
  readonly options: ClusterBenchOptions;
  readonly broker: BenchBroker;
  readonly database: BenchDatabase;
  readonly adminKey: string;
  readonly deviceIds: readonly string[];
  readonly instances: number;
  /** Create the vehicles (the first measurement only; the database is kept). */
  readonly provision: boolean;
}

async function measure(spec: MeasureSpec): Promise<ClusterPhaseResult> {
  const { options, broker, instances } = spec;
  const group = `bench-${instances}-${randomBytes(3).toString("hex")}`;
  const clientIds = Array.from({ length: instances }, (_, i) => `${group}-${i + 1}`);
  progress(`${instances} instance(s): starting (share group ${group})`);
  const servers: ServerProcess[] = [];
  try {
    for (const clientId of clientIds) servers.push(await startInstance(spec, group, clientId));
    if (spec.provision) await provisionVehicles(servers[0] as ServerProcess, spec.adminKey, spec.deviceIds);
    const counters = new CounterScraper(servers);
    await counters.start();
    const before = counters.perInstance;
    let windowStart: readonly number[] = before;
    let windowEnd: readonly number[] = before;
    const result = await runPhase({
      name: `${instances} instance${instances > 1 ? "s" : ""}`,
      brokerUrl: broker.url,
      deviceIds: spec.deviceIds,
      mode: {
        kind: "max",
        windowPerClient: options.windowPerClient,
        // Each instance takes up to its Receive Maximum in flight; more would queue in the broker.
        backlogCap: RECEIVE_MAXIMUM * instances,
      },
      warmupMs: options.warmupSeconds * 1000,
      windowMs: options.windowSeconds * 1000,
      consumed: () => counters.total,
      cpu: async () => ({
        server: servers.reduce((sum, server) => sum + processCpuMicros(server.child.pid as number), 0),
        broker: processCpuMicros(broker.pid),
        database: postgresCpuMicros(),
        machine: machineCpuMicros(),
      }),
      record: (on) => {
        if (on) windowStart = counters.perInstance;
        else windowEnd = counters.perInstance;
      },
    });
    await counters.stop();
    const consumed = counters.total - before.reduce((sum, n) => sum + n, 0);
    progress(`${instances} instance(s): ${Math.round(result.consumedPerSecond)} stored/s`);
    return {
      ...result,
      instances,
      perInstance: windowEnd.map((n, i) => n - (windowStart[i] ?? 0)),
      lost: result.generator.acked - consumed,
    };
  } finally {
    await Promise.all(servers.map((server) => server.stop("SIGTERM")));
    await endBrokerSessions(broker.url, clientIds);
  }
}

function startInstance(spec: MeasureSpec, group: string, clientId: string): Promise<ServerProcess> {
  return startServerProcess(clientId, {
    DATABASE_URL: spec.database.url,
    MQTT_URL: spec.broker.url,
    MQTT_SHARE_GROUP: group,
    MQTT_CLIENT_ID: clientId,
    WAYBILL_ADMIN_KEY: spec.adminKey,
    LOG_LEVEL: "warn",
    INGEST_INFLIGHT_MAX: String(RECEIVE_MAXIMUM),
    // As in the ingest bench: devices far above 1 Hz; the limiter's cost stays in the figures.
    DEVICE_RATE_LIMIT_PER_SECOND: "100000",
    DEVICE_RATE_BURST: "1000000",
  });
}

/** Stored + rejected per instance, read from each one's GET /metrics every {@link SCRAPE_EVERY_MS}. */
class CounterScraper {
  perInstance: readonly number[] = [];
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly servers: readonly ServerProcess[]) {}

  get total(): number {
    return this.perInstance.reduce((sum, n) => sum + n, 0);
  }

  async start(): Promise<void> {
    await this.scrape();
    this.timer = setInterval(() => {
      this.running ??= this.scrape().finally(() => {
        this.running = null;
      });
    }, SCRAPE_EVERY_MS);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
    await this.scrape();
  }

  private async scrape(): Promise<void> {
    this.perInstance = await Promise.all(
      this.servers.map(async (server) => {
        const text = await (await fetch(`${server.url}/metrics`)).text();
        return (
          sumMetric(text, "waybill_positions_stored_total") +
          sumMetric(text, "waybill_telemetry_rejected_total")
        );
      }),
    );
  }
}

async function provisionVehicles(server: ServerProcess, adminKey: string, deviceIds: readonly string[]) {
  const create = async (deviceId: string) => {
    const response = await fetch(`${server.url}/api/v1/vehicles`, {
      method: "POST",
      headers: { authorization: `Bearer ${adminKey}`, "content-type": "application/json" },
      body: JSON.stringify({ name: `Bench van ${deviceId}`, deviceId }),
    });
    if (response.status !== 201)
      throw new Error(`POST /api/v1/vehicles for ${deviceId}: ${response.status} ${await response.text()}`);
  };
  for (let i = 0; i < deviceIds.length; i += 10) await Promise.all(deviceIds.slice(i, i + 10).map(create));
}

/** Ends the stopped instances' broker sessions, so they queue nothing during the next measurement. */
async function endBrokerSessions(brokerUrl: string, clientIds: readonly string[]): Promise<void> {
  for (const clientId of clientIds) {
    const client = await mqtt
      .connectAsync(brokerUrl, { clientId, clean: true, protocolVersion: 5, reconnectPeriod: 0 })
      .catch(() => null);
    await client?.endAsync();
  }
}

const progress = (message: string) => console.log(`[bench] ${message}`);
