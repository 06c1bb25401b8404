import type { PlanningObjective } from "../../server/src/domain/planning/planning-solution";

/** The instance sets of ../shared/data/vrp the bench runs. */
export const INSTANCE_SETS = ["solomon", "homberger_200"] as const;
export type InstanceSet = (typeof INSTANCE_SETS)[number];

/** Options of `pnpm bench vrp`. */
export interface VrpBenchOptions {
  readonly sets: readonly InstanceSet[];
  /** Per instance; null: 5 s for Solomon, 20 s for Gehring-Homberger 200. */
  readonly timeLimitS: number | null;
  readonly objective: PlanningObjective;
  /** Only these instances (names as in bks.csv); empty: all of the sets. */
  readonly instances: readonly string[];
  readonly seed: number;
}

export const VRP_USAGE = [
  "pnpm bench vrp [--set solomon|homberger_200|all] [--time-limit S] [--objective distance|vehicles]",
  "               [--instances C101,R201] [--seed N]",
  "  defaults: --set solomon, --time-limit 5 (Solomon) / 20 (homberger_200), --objective distance, --seed 1",
];

/** Parses the bench's flags; throws with the usage on a bad one. */
export function parseVrpBenchOptions(argv: readonly string[]): VrpBenchOptions {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i]!;
    const value = argv[i + 1];
    if (
      !["--set", "--time-limit", "--objective", "--instances", "--seed"].includes(flag) ||
      value === undefined
    )
      throw new Error(
        `bench vrp: bad flag ${flag}${value === undefined ? " (no value)" : ""}\n${VRP_USAGE.join("\n")}`,
      );
    values.set(flag, value);
  }
  const set = values.get("--set") ?? "solomon";
  if (set !== "all" && !INSTANCE_SETS.includes(set as InstanceSet))
    throw new Error(`bench vrp: --set must be solomon, homberger_200 or all, got ${set}`);
  const objective = values.get("--objective") ?? "distance";
  if (objective !== "distance" && objective !== "vehicles")
    throw new Error(`bench vrp: --objective must be distance or vehicles, got ${objective}`);
  const timeLimit = values.get("--time-limit");
  if (timeLimit !== undefined && !(Number(timeLimit) > 0))
    throw new Error(`bench vrp: --time-limit must be > 0 seconds, got ${timeLimit}`);
  return {
    sets: set === "all" ? INSTANCE_SETS : [set as InstanceSet],
    timeLimitS: timeLimit === undefined ? null : Number(timeLimit),
    objective: objective === "distance" ? "cost" : "vehicles",
    instances: (values.get("--instances") ?? "").split(",").filter((name) => name !== ""),
    seed: Number(values.get("--seed") ?? 1),
  };
}
