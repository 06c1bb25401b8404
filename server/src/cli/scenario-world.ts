import { existsSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Scenario } from "@waybill/shared/contracts/scenario.schema";
import type { ScenarioWorld } from "@waybill/telematics/simulator/scenario-player";
import { UsageError } from "@waybill/telematics/simulator/usage-error";
import { loadGraphSource } from "../adapters/routing/graph-source";
import { DayNetwork } from "../domain/contingency/day-network";
import { generateDayOrders } from "../domain/contingency/day-orders";
import { addressPoints, roadLines } from "../domain/contingency/scenario-roads";
import { RouteEngine } from "../domain/road/route-engine";

/** Where the OSM extracts ship, beside the clone (../shared/data/osm). */
const SHARED_OSM_DIR = fileURLToPath(new URL("../../../../shared/data/osm/", import.meta.url));

/**
 * What `waybill simulate --scenario` needs of the road network, from the scenario's extract:
 * `OSM_FILE` when it is that file (the server routes on it), else ../shared/data/osm. The graph is
 * imported once into DATA_DIR/graph, as the server does. Closures are drawn along the scenario's
 * ways; urgent orders are the benchmark's (same seed, same addresses).
 *
 * @throws UsageError naming `--scenario` when the extract is nowhere to be found or a road of the
 *   scenario is not in it.
 */
export async function loadScenarioWorld(
  scenario: Scenario,
  config: { readonly OSM_FILE: string; readonly dataDir: string },
  log: (line: string) => void,
): Promise<ScenarioWorld> {
  const osmFile =
    config.OSM_FILE && basename(config.OSM_FILE) === scenario.extract
      ? config.OSM_FILE
      : join(SHARED_OSM_DIR, scenario.extract);
  if (!existsSync(osmFile))
    throw new UsageError(
      "--scenario",
      `extract ${scenario.extract} not found (looked at ${osmFile}); set OSM_FILE to it`,
    );
  if (basename(config.OSM_FILE) !== scenario.extract)
    log(`simulate: the scenario happens on ${osmFile}; the server should route on it too (OSM_FILE)`);
  const { graph } = await loadGraphSource({ kind: "osm", osmFile, graphDir: join(config.dataDir, "graph") });
  for (const event of scenario.events)
    if (event.kind === "closure" || event.kind === "slowdown") checkedLines(graph, event.road);
  const network = new DayNetwork(new RouteEngine(graph), []);
  const { depot } = scenario.fleet;
  const addresses = network.reachableFrom(depot, addressPoints(graph, depot, scenario.orders.radiusM));
  const orders = generateDayOrders(scenario, addresses);
  return {
    roadLines: (road) => checkedLines(graph, road),
    urgentOrders: (eventIndex) => orders.filter((order) => order.id.startsWith(`u${eventIndex + 1}-`)),
  };
}

function checkedLines(graph: Parameters<typeof roadLines>[0], road: Parameters<typeof roadLines>[1]) {
  try {
    return roadLines(graph, road);
  } catch (error) {
    throw new UsageError("--scenario", (error as Error).message, { cause: error });
  }
}
