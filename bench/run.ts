/**
 * `pnpm bench <name>`: the benchmarks of Waybill. See docs/benchmarks.md.
 *
 *   ingest   K devices -> Mosquitto -> Waybill -> PostgreSQL and the live channel, against the bare MQTT hop
 *   broker   how Mosquitto's flow-control settings treat an MQTT 5 subscriber (Receive Maximum, queues)
 *   routing  import, preprocessing, routes, matrices and traffic updates on the OSM extracts, against Dijkstra
 *   matching map-matching accuracy (route mismatch by sampling and noise) and fixes/s, against OSRM's figures
 *   vrp      the route planner on the Solomon and Gehring-Homberger instances, against the best-known solutions
 */
import { INGEST_USAGE, parseIngestOptions } from "./ingest/options";

/** Each bench, loaded only when asked for (the ingest bench loads the whole server). */
const benches: Record<string, (argv: readonly string[]) => Promise<boolean>> = {
  ingest: async (argv) => (await import("./ingest/ingest-bench")).runIngestBench(parseIngestOptions(argv)),
  broker: async () => (await import("./broker/flow-control")).runBrokerProbe(),
  routing: async (argv) => {
    await (await import("./routing/routing.bench")).runRoutingBench(argv);
    return true;
  },
  matching: async (argv) => (await import("./matching/matching.bench")).runMatchingBench(argv),
  vrp: async (argv) => (await import("./vrp/vrp.bench")).runVrpBench(argv),
};

const [name = "", ...argv] = process.argv.slice(2);
const bench = benches[name];
if (!bench) {
  console.error(`usage: pnpm bench <${Object.keys(benches).join("|")}> [options]\n\n${INGEST_USAGE}`);
  process.exit(2);
}
bench(argv).then(
  (passed) => process.exit(passed ? 0 : 1),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
