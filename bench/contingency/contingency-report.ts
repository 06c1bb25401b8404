import type { DayOutcome, DayReport } from "../../server/src/domain/contingency/day-simulation";
import type { Scenario } from "../../shared/src/contracts/scenario.schema";

/** One scenario's days, one per seed. */
export interface ScenarioRun {
  readonly scenario: Scenario;
  readonly file: string;
  readonly seeds: readonly number[];
  readonly reports: readonly DayReport[];
  readonly headline: string;
}

/** Trigger to proposal, ms: the issue's target for 20 vehicles and 300 stops. */
export const PROPOSAL_TARGET_MS = 5000;
const POLICIES = ["none", "naive", "waybill"] as const;

/** Means over the seeds of one policy's outcome, against the undisturbed days. */
interface PolicyMeans {
  readonly windowsMissed: number;
  readonly late: number;
  readonly notServed: number;
  readonly extraKm: number;
  readonly extraDrivingMin: number;
  readonly overtimeMin: number;
  /** Recoveries' wall times, ms. */
  readonly proposalMs: readonly number[];
  readonly matrixMs: readonly number[];
}

const mean = (values: readonly number[]) =>
  values.reduce((sum, v) => sum + v, 0) / Math.max(1, values.length);
const signed = (value: number, digits: number) => `${value >= 0 ? "+" : ""}${value.toFixed(digits)}`;
const ms = (value: number) => Math.round(value).toLocaleString("en-US");

function meansOf(run: ScenarioRun, policy: (typeof POLICIES)[number]): PolicyMeans {
  const pairs = run.reports.map((report) => ({
    base: report.undisturbed,
    outcome: report.outcomes.find((o) => o.policy === policy) as DayOutcome,
  }));
  const recoveries = pairs.flatMap(({ outcome }) => outcome.recoveries);
  return {
    windowsMissed: mean(pairs.map(({ outcome }) => outcome.windowsMissed)),
    late: mean(pairs.map(({ outcome }) => outcome.late)),
    notServed: mean(pairs.map(({ outcome }) => outcome.notServed)),
    extraKm: mean(pairs.map(({ base, outcome }) => (outcome.distanceM - base.distanceM) / 1000)),
    extraDrivingMin: mean(pairs.map(({ base, outcome }) => (outcome.drivingS - base.drivingS) / 60)),
    overtimeMin: mean(pairs.map(({ outcome }) => outcome.overtimeS / 60)),
    proposalMs: recoveries.map((r) => r.wallMs),
    matrixMs: recoveries.map((r) => r.matrixMs),
  };
}

/** Prints a scenario's days and the means by policy; false when a proposal missed the time target. */
export function printScenario(run: ScenarioRun): boolean {
  console.log(`\n## ${run.scenario.name} (${run.file}): ${run.headline}\n`);
  run.reports.forEach((report, i) => {
    const { summary } = report.plan;
    const waybill = report.outcomes.find((o) => o.policy === "waybill");
    const decisions = waybill?.recoveries
      .map((r) => (r.applied ? "applied" : `not applied: ${r.why}`))
      .join(", ");
    console.log(
      `seed ${run.seeds[i]}: plan ${summary.vehicles} of ${run.scenario.fleet.vehicles} vans, ` +
        `${report.undisturbed.orders - summary.unassigned} of ${report.undisturbed.orders} orders, ${(summary.distanceM / 1000).toFixed(1)} km; ` +
        `undisturbed ${report.undisturbed.windowsMissed} windows missed; ` +
        POLICIES.map((policy) => {
          const o = report.outcomes.find((outcome) => outcome.policy === policy)!;
          return `${policy} ${o.windowsMissed} missed ${signed((o.distanceM - report.undisturbed.distanceM) / 1000, 1)} km`;
        }).join(", ") +
        (decisions ? ` (Waybill's proposal ${decisions})` : ""),
    );
  });
  console.log(
    `\n${`mean of ${run.reports.length} day(s)`.padEnd(18)} windows missed   late  not served  extra km  extra driving  overtime   trigger to proposal`,
  );
  let passed = true;
  for (const policy of POLICIES) {
    const m = meansOf(run, policy);
    const worst = Math.max(0, ...m.proposalMs);
    // The naive recovery is a dispatcher's rule of thumb: its computing time means nothing.
    const proposal =
      m.proposalMs.length === 0 || policy !== "waybill"
        ? "-"
        : `${ms(mean(m.proposalMs))} ms (max ${ms(worst)}, matrix ${ms(mean(m.matrixMs))})`;
    const target =
      policy === "waybill" && m.proposalMs.length > 0
        ? worst < PROPOSAL_TARGET_MS
          ? " ok < 5 s"
          : " MISSED 5 s"
        : "";
    if (target.includes("MISSED")) passed = false;
    console.log(
      `${policy.padEnd(18)} ${m.windowsMissed.toFixed(1).padStart(14)} ${m.late.toFixed(1).padStart(6)} ${m.notServed.toFixed(1).padStart(11)} ` +
        `${signed(m.extraKm, 1).padStart(9)} ${`${signed(m.extraDrivingMin, 0)} min`.padStart(14)} ${`${m.overtimeMin.toFixed(0)} min`.padStart(9)}   ${proposal}${target}`,
    );
  }
  console.log(ratios(run));
  return passed;
}

/** Waybill against naive and none, on windows missed and extra distance. */
function ratios(run: ScenarioRun): string {
  const [none, naive, waybill] = POLICIES.map((policy) => meansOf(run, policy)) as [
    PolicyMeans,
    PolicyMeans,
    PolicyMeans,
  ];
  const ratio = (a: number, b: number) => (b === 0 ? (a === 0 ? "1.00 (both 0)" : "-") : (a / b).toFixed(2));
  return (
    `Waybill / naive: windows missed ${ratio(waybill.windowsMissed, naive.windowsMissed)}, ` +
    `extra km ${ratio(waybill.extraKm, naive.extraKm)}; ` +
    `Waybill / none: windows missed ${ratio(waybill.windowsMissed, none.windowsMissed)}, ` +
    `not served ${waybill.notServed.toFixed(1)} vs ${none.notServed.toFixed(1)}`
  );
}

/** One line per scenario: windows missed and extra km by policy, and the slowest proposal. */
export function printSummary(runs: readonly ScenarioRun[]): void {
  console.log(
    `\n## summary (means)\n\nscenario            windows missed none / naive / waybill   extra km none / naive / waybill   slowest proposal`,
  );
  for (const run of runs) {
    const [none, naive, waybill] = POLICIES.map((policy) => meansOf(run, policy)) as [
      PolicyMeans,
      PolicyMeans,
      PolicyMeans,
    ];
    const missed = [none, naive, waybill].map((m) => m.windowsMissed.toFixed(1)).join(" / ");
    const km = [none, naive, waybill].map((m) => signed(m.extraKm, 1)).join(" / ");
    console.log(
      `${run.scenario.name.padEnd(19)} ${missed.padStart(38)}   ${km.padStart(31)}   ${ms(Math.max(0, ...waybill.proposalMs))} ms`,
    );
  }
}
