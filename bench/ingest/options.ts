import { parseArgs } from "node:util";

/** Settings of `pnpm bench ingest`. */
export interface IngestBenchOptions {
  /** Simulated devices (one MQTT connection and one vehicle each). */
  readonly devices: number;
  /** Length of each phase's measured steady window, seconds. */
  readonly windowSeconds: number;
  /** Warm-up before each window (connections, device lookups, JIT), seconds. */
  readonly warmupSeconds: number;
  /** Aggregate publish rate of the latency phase, messages per second. */
  readonly fixedRatePerSecond: number;
  /** "max" mode: publishes awaiting PUBACK per client. */
  readonly windowPerClient: number;
  /**
   * "max" mode: most messages published and not yet consumed. The default, 2,000, is the
   * consumers' Receive Maximum: the broker then never has to queue for them, and queuing is where
   * Mosquitto 2.0.11 strands messages (docs/benchmarks.md).
   */
  readonly backlogCap: number;
  /**
   * `--tracking`: every vehicle gets a day of work first (a route on the road network, three
   * orders along it assigned to it) and drives it, so live tracking runs on every position.
   */
  readonly tracking: boolean;
  /** With `--tracking`: an unmeasured phase at 1,000/s first (routes made, vans departed), seconds. */
  readonly prerollSeconds: number;
  /** PostgreSQL server to create the scratch database on. */
  readonly adminDatabaseUrl: string;
}

export const INGEST_USAGE = `pnpm bench ingest [--devices 200] [--seconds 15] [--warmup 3] [--rate 5000]
                   [--window-per-client 20] [--backlog 2000] [--tracking [--preroll 30]]
  --tracking: the vehicles drive routes on the server's road network (the synthetic town, or
  OSM_FILE) with three orders each assigned to them, so live tracking (stops, route, ETAs, rules)
  runs on every position; an unmeasured phase of --preroll seconds at 1,000/s comes first.
  Needs PostgreSQL (BENCH_DATABASE_URL, default postgres://root@127.0.0.1:5432/postgres) and
  /usr/sbin/mosquitto. STORE_BATCH_MAX and INGEST_INFLIGHT_MAX in the environment reach the server.`;

/** Parses the command line; throws with the usage on a bad value. */
export function parseIngestOptions(argv: readonly string[]): IngestBenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      devices: { type: "string", default: "200" },
      seconds: { type: "string", default: "15" },
      warmup: { type: "string", default: "3" },
      rate: { type: "string", default: "5000" },
      "window-per-client": { type: "string", default: "20" },
      backlog: { type: "string", default: "2000" },
      tracking: { type: "boolean", default: false },
      preroll: { type: "string", default: "30" },
    },
  });
  const positive = (name: Exclude<keyof typeof values, "tracking">): number => {
    const value = Number(values[name]);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be > 0\n${INGEST_USAGE}`);
    return value;
  };
  return {
    devices: Math.round(positive("devices")),
    windowSeconds: positive("seconds"),
    warmupSeconds: positive("warmup"),
    fixedRatePerSecond: positive("rate"),
    windowPerClient: Math.round(positive("window-per-client")),
    backlogCap: Math.round(positive("backlog")),
    tracking: values.tracking === true,
    prerollSeconds: positive("preroll"),
    adminDatabaseUrl: process.env.BENCH_DATABASE_URL ?? "postgres://root@127.0.0.1:5432/postgres",
  };
}
