import type { LngLat } from "@waybill/shared";
import type { ScenarioRoad } from "@waybill/shared/contracts/scenario.schema";
import type { ScenarioApi } from "./scenario-api";
import type { ScenarioAction } from "./scenario-timeline";
import type { DriverLogin } from "./simulate-inputs";

/**
 * What playing a scenario needs to know of the road network, which the simulator does not have:
 * the server's CLI supplies it from the scenario's OSM extract.
 */
export interface ScenarioWorld {
  /** Lines along a closed or slowed road, one per OSM way, `[lng, lat]`. */
  roadLines(road: ScenarioRoad): LngLat[][];
  /** The urgent orders of the scenario's `eventIndex`-th event, the same as the benchmark's. */
  urgentOrders(eventIndex: number): readonly {
    readonly id: string;
    readonly point: LngLat;
    readonly weightKg: number;
    readonly serviceS: number;
  }[];
}

/** Everything a scenario run acts on. */
export interface ScenarioPlayerOptions {
  readonly actions: readonly ScenarioAction[];
  /** Prefixes the urgent orders' external references. */
  readonly runTag: string;
  /** The device id of the fleet's n-th vehicle (1-based). */
  readonly deviceIdOf: (vehicle: number) => string | undefined;
  readonly fleet: { halt(deviceId: string): LngLat | null };
  /** null: nothing is sent to the server (no `--api`). */
  readonly api: Pick<ScenarioApi, "reportBreakdown" | "postClosure" | "postOrder"> | null;
  /** null: roads and urgent orders cannot be resolved (the command runs without the road network). */
  readonly world: ScenarioWorld | null;
  readonly drivers: readonly DriverLogin[];
  readonly log: (line: string) => void;
  /** Epoch ms; default `Date.now`. */
  readonly now?: () => number;
}

/** A scenario being played. */
export interface ScenarioRun {
  /** Cancels the actions not yet due. */
  stop(): void;
  /** Resolves when every action that came due has finished (failures are logged, not thrown). */
  settled(): Promise<void>;
}

/**
 * Plays a scenario's timeline against a running fleet: at each action's time a van breaks down
 * (it stops where it is and, with `--api`, its breakdown is reported by its driver or by
 * dispatch), a road is closed or slowed through the road-closure API, urgent orders are posted.
 * Each failure is logged and the run goes on.
 *
 * @example
 * const run = playScenario({ actions, runTag, deviceIdOf, fleet, api, world, drivers: [], log });
 * run.stop();
 */
export function playScenario(options: ScenarioPlayerOptions): ScenarioRun {
  const pending = new Set<Promise<void>>();
  const timers = options.actions.map((action) =>
    setTimeout(() => {
      const done = perform(action, options)
        .catch((error: unknown) =>
          options.log(`scenario: ${describe(action)} failed: ${(error as Error).message}`),
        )
        .finally(() => pending.delete(done));
      pending.add(done);
    }, action.dueMs),
  );
  return {
    stop: () => {
      for (const timer of timers) clearTimeout(timer);
    },
    settled: async () => {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}

async function perform(action: ScenarioAction, options: ScenarioPlayerOptions): Promise<void> {
  const { api, world, log } = options;
  if (action.kind === "breakdown") return breakDown(action.vehicle, options);
  if (!api) return log(`scenario: ${describe(action)}: not sent (no --api)`);
  if (!world) return log(`scenario: ${describe(action)}: not sent (the road network is not loaded)`);
  const now = options.now?.() ?? Date.now();
  if (action.kind === "roadEvent") {
    const lines = world.roadLines(action.road);
    const endsAt = new Date(now + action.durationMs);
    const ids: string[] = [];
    for (const line of lines) ids.push(await api.postClosure(line, action.reason, action.factor, endsAt));
    return log(
      `scenario: ${describe(action)}: ${ids.length} closure(s) posted until ${endsAt.toISOString()}`,
    );
  }
  const orders = world.urgentOrders(action.eventIndex);
  const window = { startAt: new Date(now), endAt: new Date(now + action.withinMs) };
  for (const order of orders) await api.postOrder({ ...order, ref: `${options.runTag}-${order.id}`, window });
  log(`scenario: ${describe(action)}: ${orders.length} orders posted, due by ${window.endAt.toISOString()}`);
}

async function breakDown(vehicle: number, options: ScenarioPlayerOptions): Promise<void> {
  const deviceId = options.deviceIdOf(vehicle);
  if (!deviceId)
    return options.log(`scenario: vehicle ${vehicle} breaks down, but only the fleet's first vehicles run`);
  const position = options.fleet.halt(deviceId);
  options.log(
    `scenario: ${deviceId} broke down${position ? ` at ${position[0].toFixed(5)},${position[1].toFixed(5)}` : ""}`,
  );
  if (!options.api) return options.log("scenario: the breakdown is not reported (no --api)");
  const driver = options.drivers.find((candidate) => candidate.vehicle === vehicle) ?? null;
  options.log(`scenario: ${await options.api.reportBreakdown(deviceId, position, driver)}`);
}

function describe(action: ScenarioAction): string {
  if (action.kind === "breakdown") return `breakdown of vehicle ${action.vehicle}`;
  if (action.kind === "urgentOrders") return `${action.count} urgent orders`;
  const road = action.road.label ?? action.road.name ?? `ways ${action.road.wayIds?.join(",")}`;
  return action.factor === null ? `closure of ${road}` : `slowdown on ${road}`;
}
