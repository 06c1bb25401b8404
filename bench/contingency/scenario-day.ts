import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { readOsmFile } from "../../server/src/adapters/osm/osm-reader";
import { DayNetwork } from "../../server/src/domain/contingency/day-network";
import { type DayOrder, generateDayOrders } from "../../server/src/domain/contingency/day-orders";
import { addressPoints, scenarioDisruptions } from "../../server/src/domain/contingency/scenario-roads";
import type { RoadGraph } from "../../server/src/domain/road/road-graph";
import { buildRoadGraphFromExtract } from "../../server/src/domain/road/road-import";
import { RouteEngine } from "../../server/src/domain/road/route-engine";
import { parseScenario, type Scenario } from "../../shared/src/contracts/scenario.schema";

const osmDir = fileURLToPath(new URL("../../../shared/data/osm/", import.meta.url));

/**
 * Reads and validates a scenario file.
 *
 * @throws Error naming the file and every faulty field.
 */
export function readScenarioFile(path: string): Scenario {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`, { cause: error });
  }
  const parsed = parseScenario(json);
  if ("issues" in parsed)
    throw new Error(`${path}: ${parsed.issues.map((issue) => `${issue.field}: ${issue.reason}`).join("; ")}`);
  return parsed.scenario;
}

/** A road graph and its routing engine, one per extract. */
export interface LoadedExtract {
  readonly graph: RoadGraph;
  readonly engine: RouteEngine;
  readonly loadMs: number;
}

const extracts = new Map<string, Promise<LoadedExtract>>();

/** Imports an extract of ../shared/data/osm once per run. */
export function loadExtract(name: string): Promise<LoadedExtract> {
  let loaded = extracts.get(name);
  if (!loaded) {
    loaded = (async () => {
      const startedAt = performance.now();
      const { extract } = await readOsmFile(`${osmDir}${name}`);
      const { graph } = buildRoadGraphFromExtract(extract);
      return { graph, engine: new RouteEngine(graph), loadMs: performance.now() - startedAt };
    })();
    extracts.set(name, loaded);
  }
  return loaded;
}

/** Whether the scenario's extract is on this machine. */
export function extractPath(name: string): string {
  return `${osmDir}${name}`;
}

/** The day of a scenario on its extract: the network with its closures and slowdowns, and the orders. */
export function prepareDay(
  scenario: Scenario,
  extract: LoadedExtract,
): { network: DayNetwork; orders: DayOrder[]; addresses: number } {
  const network = new DayNetwork(extract.engine, scenarioDisruptions(scenario, extract.graph));
  const { depot } = scenario.fleet;
  const addresses = network.reachableFrom(
    depot,
    addressPoints(extract.graph, depot, scenario.orders.radiusM),
  );
  return { network, orders: generateDayOrders(scenario, addresses), addresses: addresses.length };
}
