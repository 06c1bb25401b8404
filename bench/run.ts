/**
 * `pnpm bench <name>`: the benchmarks of Waybill. See docs/benchmarks.md.
 *
 *   ingest   K devices -> Mosquitto -> Waybill -> PostgreSQL and the live channel, against the bare MQTT hop
 *            (--tracking: every vehicle drives a day of orders on the road network, live tracking on)
 *   broker   how Mosquitto's flow-control settings treat an MQTT 5 subscriber (Receive Maximum, queues)
 *   cluster  stored positions/s with 1, 2, 3 server processes in one MQTT shared-subscription group
 *   routing  import, preprocessing, routes, matrices and traffic updates on the OSM extracts, against Dijkstra
 *   matching map-matching accuracy (route mismatch by sampling and noise) and fixes/s, against OSRM's figures
 *   history  matching a day of 1 Hz fixes for the trips endpoint in a routing worker: total and longest call
 *   vrp      the route planner on the Solomon and Gehring-Homberger instances, against the best-known solutions
 *   map-fps  the dispatcher console's frame rate in chromium with 2,000 vehicles reporting every second, against idle
 *   eta      ETA accuracy on a simulated day with traffic unlike the plan, against the plan's arrival times
 *   contingency  simulated days with a breakdown, a closed bridge, a jam, urgent orders: none, naive, Waybill
 */
import { INGEST_USAGE, parseIngestOptions } from "./ingest/options";

/** Each bench, loaded only when asked for (the ingest bench loads the whole server). */
const benches: Record<string, (argv: readonly string[]) => Promise<boolean>> = {
  ingest: async (argv) => (await import("./ingest/ingest-bench")).runIngestBench(parseIngestOptions(argv)),
  broker: async () => (await import("./broker/flow-control")).runBrokerProbe(),
  cluster: async (argv) => {
    const { parseClusterOptions } = await import("./cluster/cluster-options");
    return (await import("./cluster/cluster-bench")).runClusterBench(parseClusterOptions(argv));
  },
  routing: async (argv) => {
    await (await import("./routing/routing.bench")).runRoutingBench(argv);
    return true;
  },
  matching: async (argv) => (await import("./matching/matching.bench")).runMatchingBench(argv),
  history: async () => (await import("./history/history.bench")).runHistoryBench(),
  vrp: async (argv) => (await import("./vrp/vrp.bench")).runVrpBench(argv),
  "map-fps": async (argv) => {
    const { parseMapFpsOptions } = await import("./map-fps/map-fps-options");
    return (await import("./map-fps/map-fps.bench")).runMapFpsBench(parseMapFpsOptions(argv));
  },
  eta: async (argv) => (await import("./eta/eta.bench")).runEtaBench(argv),
  contingency: async (argv) => (await import("./contingency/contingency.bench")).runContingencyBench(argv),
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
