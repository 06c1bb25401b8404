import { existsSync } from "node:fs";
import { availableParallelism, cpus } from "node:os";
import { basename } from "node:path";
import { type DayReport, simulateDay, triggerS } from "../../server/src/domain/contingency/day-simulation";
import { checkPlan } from "../../server/src/domain/planning/check-plan";
import type { Scenario, ScenarioEvent } from "../../shared/src/contracts/scenario.schema";
import { type ContingencyBenchOptions, parseContingencyOptions } from "./contingency-options";
import { printScenario, printSummary, type ScenarioRun } from "./contingency-report";
import { extractPath, loadExtract, prepareDay, readScenarioFile } from "./scenario-day";

/**
 * `pnpm bench contingency`: each scenario of telematics/src/simulator/scenarios (a breakdown, a
 * closed bridge, a jam on an arterial, a burst of urgent orders, on the Monaco extract) as a
 * simulated day: the orders planned with the route planner on the real road graph, the plan
 * driven undisturbed, then with the event under three policies (none, naive, Waybill's
 * re-plan as the contingency service makes it). Prints windows missed, stops not served,
 * extra distance and driving time against the undisturbed day, overtime, and the wall time from
 * the trigger to Waybill's proposal (target: under 5 s for 20 vehicles and 300 stops). Every
 * re-plan is re-checked by checkPlan. See docs/benchmarks.md.
 */
export async function runContingencyBench(argv: readonly string[]): Promise<boolean> {
  const options = parseContingencyOptions(argv);
  if (options.live) {
    const { liveSize, printLiveChain, runLiveScenario } = await import("./contingency-live");
    for (const file of options.scenarios) {
      const scenario = readScenarioFile(file);
      const size = liveSize(scenario, options.live);
      printLiveChain(scenario, size, await runLiveScenario(scenario, size));
    }
    return true;
  }
  console.log(
    `# bench contingency: ${cpus()[0]?.model ?? "unknown CPU"}, ${availableParallelism()} cores, Node ${process.version}; ` +
      `Waybill's recovery: ${options.iterations === null ? `${options.timeLimitS} s time limit` : `${options.iterations} iterations`}, ` +
      `day plan: ${options.planIterations} iterations`,
  );
  const runs: ScenarioRun[] = [];
  let passed = true;
  for (const file of options.scenarios) {
    const scenario = readScenarioFile(file);
    if (!existsSync(extractPath(scenario.extract))) {
      console.log(`\n## ${scenario.name}: skipped (${extractPath(scenario.extract)} not found)`);
      continue;
    }
    const seeds = options.seeds.length > 0 ? options.seeds : [scenario.seed];
    const reports: DayReport[] = [];
    for (const seed of seeds) reports.push(await runDay({ ...scenario, seed }, options));
    const run: ScenarioRun = { scenario, file: basename(file), seeds, reports, headline: headline(scenario) };
    passed = printScenario(run) && passed;
    runs.push(run);
  }
  if (runs.length > 1) printSummary(runs);
  return passed;
}

async function runDay(scenario: Scenario, options: ContingencyBenchOptions): Promise<DayReport> {
  const extract = await loadExtract(scenario.extract);
  const { network, orders } = prepareDay(scenario, extract);
  const now = () => performance.now();
  const recovery =
    options.iterations === null
      ? { timeLimitMs: options.timeLimitS * 1000, now }
      : { iterationLimit: options.iterations };
  const report = simulateDay(scenario, network, orders, {
    planIterations: options.planIterations,
    recovery,
    now,
  });
  for (const outcome of report.outcomes)
    for (const record of outcome.recoveries) {
      if (record.policy !== "waybill") continue;
      const violations = checkPlan(record.problem, record.plan).violations;
      if (violations.length > 0)
        throw new Error(
          `${scenario.name} seed ${scenario.seed}: Waybill's re-plan fails checkPlan: ${violations[0]}`,
        );
    }
  return report;
}

/** What happens in the scenario, in words. */
function headline(scenario: Scenario): string {
  const describe = (event: ScenarioEvent) => {
    if (event.kind === "breakdown") return `van-${event.vehicle} breaks down at ${event.at}`;
    if (event.kind === "urgentOrders")
      return `${event.count} urgent orders at ${event.at}, due within ${event.withinMinutes} min`;
    const road = event.road.label ?? event.road.name ?? `ways ${event.road.wayIds?.join(", ")}`;
    return event.kind === "closure"
      ? `${road} closed ${event.from}-${event.to}`
      : `${road} at ${Math.round(event.factor * 100)} % speed ${event.from}-${event.to}`;
  };
  const events = [...scenario.events]
    .sort((a, b) => triggerS(a) - triggerS(b))
    .map(describe)
    .join("; ");
  return `${events || "no event"} (${scenario.extract}; ${scenario.fleet.vehicles} vans, ${scenario.orders.count} orders, day ${scenario.day.start}-${scenario.day.end})`;
}
