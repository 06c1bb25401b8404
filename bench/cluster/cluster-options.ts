import { parseArgs } from "node:util";

/** Settings of `pnpm bench cluster`. */
export interface ClusterBenchOptions {
  /** Instance counts to measure, in order (each a fresh set of server processes). */
  readonly instances: readonly number[];
  /** Simulated devices (one MQTT connection and one vehicle each). */
  readonly devices: number;
  /** Length of each measured steady window, seconds. */
  readonly windowSeconds: number;
  /** Warm-up before each window (connections, device lookups, JIT), seconds. */
  readonly warmupSeconds: number;
  /** Publishes awaiting PUBACK per device client. */
  readonly windowPerClient: number;
  /** PostgreSQL server to create the scratch database on. */
  readonly adminDatabaseUrl: string;
}

export const CLUSTER_USAGE = `pnpm bench cluster [--instances 1,2,3] [--devices 200] [--seconds 15] [--warmup 5]
                    [--window-per-client 20]
  Starts the given numbers of server processes (pnpm serve) in one MQTT shared-subscription group
  against a bench Mosquitto and a scratch database (BENCH_DATABASE_URL, default
  postgres://root@127.0.0.1:5432/postgres), publishes as fast as they consume, and reports stored
  positions per second, CPU per message by process, and the exact accounting (lost must be 0).`;

/** Parses the command line; throws with the usage on a bad value. */
export function parseClusterOptions(argv: readonly string[]): ClusterBenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      instances: { type: "string", default: "1,2,3" },
      devices: { type: "string", default: "200" },
      seconds: { type: "string", default: "15" },
      warmup: { type: "string", default: "5" },
      "window-per-client": { type: "string", default: "20" },
    },
  });
  const positive = (name: keyof typeof values): number => {
    const value = Number(values[name]);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be > 0\n${CLUSTER_USAGE}`);
    return value;
  };
  const instances = String(values.instances)
    .split(",")
    .map((part) => Number(part.trim()));
  if (instances.some((n) => !Number.isInteger(n) || n < 1 || n > 8))
    throw new Error(`--instances must be a list of whole numbers 1-8, such as 1,2,3\n${CLUSTER_USAGE}`);
  return {
    instances,
    devices: Math.round(positive("devices")),
    windowSeconds: positive("seconds"),
    warmupSeconds: positive("warmup"),
    windowPerClient: Math.round(positive("window-per-client")),
    adminDatabaseUrl: process.env.BENCH_DATABASE_URL ?? "postgres://root@127.0.0.1:5432/postgres",
  };
}
