import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The scenarios shipped with the simulator. */
export const SCENARIO_DIR = fileURLToPath(
  new URL("../../telematics/src/simulator/scenarios/", import.meta.url),
);

/** Options of `pnpm bench contingency`. */
export interface ContingencyBenchOptions {
  /** Scenario files; default: every file of {@link SCENARIO_DIR}. */
  readonly scenarios: readonly string[];
  /** Seeds to run each scenario with; empty: each scenario's own seed. */
  readonly seeds: readonly number[];
  /** Waybill's solver time limit per recovery, as the contingency service's default (3 s). */
  readonly timeLimitS: number;
  /** Instead of the time limit: a fixed number of iterations (reproducible recoveries). */
  readonly iterations: number | null;
  /** Iterations of the day's plan. */
  readonly planIterations: number;
  /** `--live VANSxORDERS`: each scenario carried out on the real system instead (time to tell). */
  readonly live: { readonly vans: number; readonly orders: number } | null;
}

export const CONTINGENCY_USAGE = [
  "pnpm bench contingency [--scenario FILE]... [--seeds 1,2,3] [--time-limit S] [--iterations N]",
  "                       [--plan-iterations N] [--live VANSxORDERS]",
  "  defaults: every file of telematics/src/simulator/scenarios, each with its own seed,",
  "            --time-limit 3 (the contingency service's), --plan-iterations 30000",
  "  --live 4x30: each scenario carried out on the real system, cut down to 4 vans and 30 orders",
  "            (a closure or slowdown: 2 vans and the 30 orders near its road): the time from the",
  "            trigger to the proposal, from the approval to the drivers, webhooks, customers",
];

const FLAGS = ["--scenario", "--seeds", "--time-limit", "--iterations", "--plan-iterations", "--live"];

/** Parses the bench's flags; throws with the usage on a bad one. */
export function parseContingencyOptions(argv: readonly string[]): ContingencyBenchOptions {
  const scenarios: string[] = [];
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i]!, argv[i + 1]];
    if (!FLAGS.includes(flag) || value === undefined)
      throw new Error(
        `bench contingency: bad flag ${flag}${value === undefined ? " (no value)" : ""}\n${CONTINGENCY_USAGE.join("\n")}`,
      );
    if (flag === "--scenario") scenarios.push(value);
    else values.set(flag, value);
  }
  const number = (flag: string, fallback: number, check: (n: number) => boolean) => {
    const text = values.get(flag);
    const value = text === undefined ? fallback : Number(text);
    if (!check(value)) throw new Error(`bench contingency: ${flag}: bad value ${text}`);
    return value;
  };
  const seeds = (values.get("--seeds") ?? "")
    .split(",")
    .filter((s) => s !== "")
    .map(Number);
  if (seeds.some((seed) => !Number.isInteger(seed) || seed < 0))
    throw new Error(`bench contingency: --seeds: expected integers >= 0, got ${values.get("--seeds")}`);
  const live = values.get("--live");
  const [vans, orders] = (live ?? "").split("x").map(Number);
  if (live !== undefined && !(/^\d+x\d+$/.test(live) && vans! >= 2 && orders! >= vans!))
    throw new Error(
      `bench contingency: --live: expected VANSxORDERS (2 vans or more, as many orders), got ${live}`,
    );
  const iterations = values.has("--iterations")
    ? number("--iterations", 0, (n) => Number.isInteger(n) && n > 0)
    : null;
  return {
    scenarios:
      scenarios.length > 0
        ? scenarios
        : readdirSync(SCENARIO_DIR)
            .filter((file) => file.endsWith(".json"))
            .sort()
            .map((file) => `${SCENARIO_DIR}${file}`),
    seeds,
    timeLimitS: number("--time-limit", 3, (n) => n > 0 && n <= 60),
    iterations,
    planIterations: number("--plan-iterations", 30_000, (n) => Number.isInteger(n) && n > 0),
    live: live === undefined ? null : { vans: vans!, orders: orders! },
  };
}
