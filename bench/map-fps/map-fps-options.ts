import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

/** Settings of `pnpm bench map-fps`. */
export interface MapFpsOptions {
  /** Simulated vehicles (one MQTT client and one vehicle each). */
  readonly vehicles: number;
  /** Time between two fixes of one vehicle, ms. */
  readonly intervalMs: number;
  /** Length of each measured window, seconds. */
  readonly seconds: number;
  /** Live feed before the live window (JIT, tiles, steady socket frames), seconds. */
  readonly warmupSeconds: number;
  /** Road network: an OSM extract (its path), or "" for the server's synthetic town. */
  readonly osmFile: string;
  /**
   * `mqtt`: the telematics simulator publishes to the broker and the fixes reach the page through
   * the server (the real path). `direct`: the bench writes the fixes into the page's socket itself
   * (see direct-feed.ts), for when the server cannot keep up on the machine.
   */
  readonly source: "mqtt" | "direct";
  /** PostgreSQL server to create the scratch database on. */
  readonly adminDatabaseUrl: string;
}

export const MAP_FPS_USAGE = `pnpm bench map-fps [--vehicles 2000] [--interval 1000] [--seconds 20] [--warmup 10]
                    [--osm liechtenstein|monaco|andorra|synthetic|<path to .osm.pbf>] [--source mqtt|direct]
  Needs PostgreSQL (BENCH_DATABASE_URL, default postgres://root@127.0.0.1:5432/postgres),
  /usr/sbin/mosquitto and /usr/bin/chromium. The extracts are read from ../shared/data/osm.`;

const osmDir = fileURLToPath(new URL("../../../shared/data/osm/", import.meta.url));

/** Parses the command line; throws with the usage on a bad value. */
export function parseMapFpsOptions(argv: readonly string[]): MapFpsOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      vehicles: { type: "string", default: "2000" },
      interval: { type: "string", default: "1000" },
      seconds: { type: "string", default: "20" },
      warmup: { type: "string", default: "10" },
      osm: { type: "string", default: "liechtenstein" },
      source: { type: "string", default: "mqtt" },
    },
  });
  const number = (name: keyof typeof values, min: number, max: number): number => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value < min || value > max)
      throw new Error(
        `bench map-fps: --${name} must be a whole number in [${min}, ${max}]\n${MAP_FPS_USAGE}`,
      );
    return value;
  };
  if (values.source !== "mqtt" && values.source !== "direct")
    throw new Error(`bench map-fps: --source must be mqtt or direct\n${MAP_FPS_USAGE}`);
  return {
    source: values.source,
    vehicles: number("vehicles", 1, 10_000),
    intervalMs: number("interval", 100, 60_000),
    seconds: number("seconds", 2, 600),
    warmupSeconds: number("warmup", 0, 600),
    osmFile: osmPath(values.osm ?? "liechtenstein"),
    adminDatabaseUrl: process.env.BENCH_DATABASE_URL ?? "postgres://root@127.0.0.1:5432/postgres",
  };
}

function osmPath(name: string): string {
  if (name === "synthetic") return "";
  const path = name.includes("/") ? name : `${osmDir}${name}.osm.pbf`;
  if (!existsSync(path)) throw new Error(`bench map-fps: no OSM extract at ${path}\n${MAP_FPS_USAGE}`);
  return path;
}
