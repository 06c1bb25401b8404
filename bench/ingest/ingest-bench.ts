import { type BenchBroker, type BrokerLimits, startBroker } from "../support/broker";
import { describeMachine } from "../support/machine";
import { runBareHop } from "./bare-hop";
import { type BenchDatabase, createBenchDatabase } from "./bench-database";
import type { IngestBenchOptions } from "./options";
import { formatReport } from "./report";
import type { IngestBenchResult } from "./result";
import { checkTargets } from "./targets";
import { prepareTrackedFleet, startDrives } from "./tracked-fleet";
import { provisionVehicles, startWaybill } from "./waybill";
import { WaybillBench } from "./waybill-phases";

/** The bench broker: QoS 1 queues far above any backlog a phase can build, so none is dropped. */
export const BENCH_BROKER_LIMITS: BrokerLimits = { maxInflightMessages: 2000, maxQueuedMessages: 200_000 };
/** The server's default MQTT 5 Receive Maximum (INGEST_INFLIGHT_MAX); the bare subscriber uses it too. */
const RECEIVE_MAXIMUM = Number(process.env.INGEST_INFLIGHT_MAX ?? 2000);

type Cleanup = () => Promise<void> | void;

/** `pnpm bench ingest`: runs the three phases, prints the report; resolves true when all targets pass. */
export async function runIngestBench(options: IngestBenchOptions): Promise<boolean> {
  const cleanups: Cleanup[] = [];
  const cleanUp = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };
  // Ctrl-C or a timeout must not leave a broker running or a scratch database behind.
  const onSignal = () => void cleanUp().finally(() => process.exit(130));
  process.once("SIGINT", onSignal).once("SIGTERM", onSignal);
  try {
    const broker = await startBroker(BENCH_BROKER_LIMITS);
    cleanups.push(() => broker.stop());
    const database = await createBenchDatabase(options.adminDatabaseUrl);
    cleanups.push(() => database.drop());
    const result = await runPhases(options, broker, database, cleanups);
    console.log(`\n${formatReport(result)}`);
    return checkTargets(result).every((c) => c.pass);
  } finally {
    process.off("SIGINT", onSignal).off("SIGTERM", onSignal);
    await cleanUp();
  }
}

async function runPhases(
  options: IngestBenchOptions,
  broker: BenchBroker,
  database: BenchDatabase,
  cleanups: Cleanup[],
): Promise<IngestBenchResult> {
  const deviceIds = Array.from({ length: options.devices }, (_, i) => `bench-${String(i).padStart(5, "0")}`);
  const timing = { warmupMs: options.warmupSeconds * 1000, windowMs: options.windowSeconds * 1000 };
  const maxMode = {
    kind: "max",
    windowPerClient: options.windowPerClient,
    backlogCap: options.backlogCap,
  } as const;
  const bareHop = async (name: string) => {
    progress(
      `${name}: ${options.devices} devices at max -> mosquitto ${broker.url} -> one mqtt.js subscriber`,
    );
    const run = await runBareHop({
      name,
      broker,
      deviceIds,
      mode: maxMode,
      ...timing,
      receiveMaximum: RECEIVE_MAXIMUM,
      onStall: (r) =>
        progress(`${name}: ${Math.round(r.consumedPerSecond)}/s, but the broker stranded messages`),
    });
    progress(`${name}: ${Math.round(run.result.consumedPerSecond)}/s`);
    return run;
  };
  const bareBefore = await bareHop("bare hop before");
  progress(`starting Waybill on ${database.name}`);
  const waybill = await startWaybill(broker.url, database.url);
  let bench: WaybillBench | undefined;
  const stopWaybill = once(async () => {
    await bench?.detach();
    await waybill.stop();
  });
  cleanups.push(stopWaybill);
  const vehicles = await provisionVehicles(waybill, deviceIds);
  const fleet = options.tracking ? await prepareTrackedFleet(waybill, vehicles) : null;
  if (fleet)
    progress(
      `tracking: ${fleet.orders} orders assigned along ${Math.round(fleet.routeKm)} km of routes; the vans set off now`,
    );
  const attached = await WaybillBench.attach({
    waybill,
    broker,
    deviceIds,
    ...timing,
    ...(fleet ? { plans: startDrives(fleet, Date.now()) } : {}),
    trackingRows: () => database.trackingRows(),
  });
  bench = attached;
  const preroll = fleet
    ? await attached.run("tracking preroll", { kind: "rate", perSecond: 1000 }, options.prerollSeconds * 1000)
    : null;
  progress("waybill: max rate");
  const max = await attached.run("waybill max", maxMode);
  progress(
    `waybill max: ${Math.round(max.consumedPerSecond)}/s; latency phase at ${options.fixedRatePerSecond}/s`,
  );
  const fixed = await attached.run(`waybill ${options.fixedRatePerSecond}/s`, {
    kind: "rate",
    perSecond: options.fixedRatePerSecond,
  });
  const storedTotal = (await waybill.counts()).stored;
  const positionCounts = { rows: await database.countPositions(), storedTotal };
  const trackingRows = fleet ? await database.trackingRows() : null;
  // Waybill stops (its subscription would take the bare hop's messages) before the second bare hop.
  await stopWaybill();
  const bareAfter = await bareHop("bare hop after");
  return {
    machine: { ...describeMachine(), postgres: await database.version() },
    settings: settingsOf(options, waybill.overrides),
    fixedRatePerSecond: options.fixedRatePerSecond,
    bare: { before: bareBefore, after: bareAfter },
    max,
    fixed,
    database: positionCounts,
    ...(fleet && preroll && trackingRows
      ? {
          tracking: {
            orders: fleet.orders,
            lateOrders: fleet.lateOrders,
            routeKm: fleet.routeKm,
            preroll,
            rows: trackingRows,
          },
        }
      : {}),
  };
}

function settingsOf(options: IngestBenchOptions, overrides: Readonly<Record<string, string>>) {
  return {
    devices: options.devices,
    window: `${options.windowSeconds}s`,
    warmup: `${options.warmupSeconds}s`,
    rate: options.fixedRatePerSecond,
    windowPerClient: options.windowPerClient,
    backlog: options.backlogCap,
    receiveMaximum: RECEIVE_MAXIMUM,
    ...(options.tracking ? { tracking: "on", preroll: `${options.prerollSeconds}s` } : {}),
    ...overrides,
  };
}

/** A function that runs its body once; later calls wait for that run. */
function once(body: () => Promise<void>): () => Promise<void> {
  let run: Promise<void> | undefined;
  return () => {
    run ??= body();
    return run;
  };
}

const progress = (message: string) => console.log(`[bench] ${message}`);
