import { readFile } from "node:fs/promises";
import { UsageError } from "@waybill/telematics/simulator/usage-error";
import { PlanningWorkers } from "../adapters/planning/planning-workers";
import { checkPlan } from "../domain/planning/check-plan";
import { type InstanceFormat, parseInstance } from "../domain/planning/instance-format";
import type { PlanningSolution, SolveProgress } from "../domain/planning/planning-solution";
import { routesDistance, vrptwToProblem } from "../domain/planning/vrptw-instance";

export const SOLVE_USAGE = [
  "Usage: waybill solve FILE [--format solomon|vrplib] [--objective distance|vehicles] [--time-limit SECONDS]",
  "                          [--seed N] [--json]",
  "  FILE              a VRPTW instance: Solomon / Gehring-Homberger text, or VRPLIB (.vrp)",
  "  --format          default: detected from the content",
  "  --objective       distance (default): total distance; vehicles: fewest vehicles, then distance",
  "  --time-limit      seconds of search, default 5",
  "  --seed            the solver's random seed, default 1 (same seed, same machine speed: same routes)",
  "  --json            print {instance, vehicles, distance, routes, ...}; routes are customer numbers",
  "  Ctrl-C stops the search and prints the best plan so far. Distance is recomputed in double precision.",
];

/** What `solve --json` prints. */
export interface SolveOutput {
  readonly instance: string;
  readonly objective: "distance" | "vehicles";
  readonly vehicles: number;
  /** Total Euclidean distance of the routes, recomputed in double precision. */
  readonly distance: number;
  /** Each route as the instance's customer numbers in visiting order, depot excluded. */
  readonly routes: number[][];
  readonly unassigned: readonly { id: string; reason: string }[];
  readonly iterations: number;
  readonly elapsedMs: number;
}

/** What the command needs from its process: output lines, and a signal to stop the search early. */
export interface SolveCommandIo {
  readonly log: (line: string) => void;
  /** Progress lines (the best plan over time), when not printing JSON. */
  readonly progress: (line: string) => void;
  readonly signal?: AbortSignal;
}

/** `waybill solve`: plans routes for a literature instance in a worker thread and prints them. */
export async function runSolveCommand(argv: readonly string[], io: SolveCommandIo): Promise<SolveOutput> {
  const flags = parseSolveFlags(argv);
  const text = await readFile(flags.file, "utf8").catch((error: Error) => {
    throw new UsageError(undefined, `cannot read ${flags.file}: ${error.message}`, { flag: "FILE" });
  });
  const instance = parseInstance(text, flags.format);
  const problem = vrptwToProblem(instance);
  const workers = new PlanningWorkers(1);
  try {
    const run = workers.solve(
      problem,
      {
        objective: flags.objective === "distance" ? "cost" : "vehicles",
        seed: flags.seed,
        timeLimitMs: flags.timeLimitS * 1000,
      },
      flags.json ? undefined : (p) => io.progress(formatProgress(p)),
    );
    const stop = () => run.cancel();
    io.signal?.addEventListener("abort", stop, { once: true });
    const plan = await run.result.finally(() => io.signal?.removeEventListener("abort", stop));
    const violations = checkPlan(problem, plan).violations;
    if (violations.length > 0)
      throw new Error(`the solver returned an infeasible plan: ${violations.join("; ")}`);
    const output = describeOutput(instance.name, flags.objective, plan, (routes) =>
      routesDistance(instance, routes),
    );
    if (flags.json) io.log(JSON.stringify(output));
    else printPlan(output, io.log);
    return output;
  } finally {
    await workers.close();
  }
}

interface SolveFlags {
  readonly file: string;
  readonly format: InstanceFormat | null;
  readonly objective: "distance" | "vehicles";
  readonly timeLimitS: number;
  readonly seed: number;
  readonly json: boolean;
}

function parseSolveFlags(argv: readonly string[]): SolveFlags {
  const values = new Map<string, string>();
  const files: string[] = [];
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--json") json = true;
    else if (["--format", "--objective", "--time-limit", "--seed"].includes(arg)) {
      const value = argv[++i];
      if (value === undefined) throw new UsageError(arg, "needs a value");
      values.set(arg, value);
    } else if (arg.startsWith("--")) throw new UsageError(arg, "unknown flag");
    else files.push(arg);
  }
  if (files.length !== 1)
    throw new UsageError(
      "FILE",
      files.length === 0 ? "is required" : `expected one file, got ${files.length}`,
    );
  return {
    file: files[0]!,
    format: oneOf("--format", values.get("--format"), ["solomon", "vrplib"] as const, null),
    objective: oneOf("--objective", values.get("--objective"), ["distance", "vehicles"] as const, "distance"),
    timeLimitS: positiveNumber("--time-limit", values.get("--time-limit") ?? "5"),
    seed: integer("--seed", values.get("--seed") ?? "1"),
    json,
  };
}

function oneOf<T extends string, D>(
  flag: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback: D,
): T | D {
  if (value === undefined) return fallback;
  if (!allowed.includes(value as T))
    throw new UsageError(flag, `expected ${allowed.join(" or ")}, got "${value}"`);
  return value as T;
}

function positiveNumber(flag: string, text: string): number {
  const value = Number(text);
  if (!(value > 0) || !Number.isFinite(value))
    throw new UsageError(flag, `expected a number of seconds > 0, got "${text}"`);
  return value;
}

function integer(flag: string, text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new UsageError(flag, `expected an integer, got "${text}"`);
  return value;
}

function describeOutput(
  instance: string,
  objective: "distance" | "vehicles",
  plan: PlanningSolution,
  distanceOf: (routes: number[][]) => number,
): SolveOutput {
  const routes = plan.routes.map((route) =>
    route.steps.filter((step) => step.type === "job").map((step) => Number(step.id)),
  );
  return {
    instance,
    objective,
    vehicles: routes.length,
    distance: distanceOf(routes),
    routes,
    unassigned: plan.unassigned.map(({ id, reason }) => ({ id, reason })),
    iterations: plan.search.iterations,
    elapsedMs: Math.round(plan.search.elapsedMs),
  };
}

function printPlan(output: SolveOutput, log: (line: string) => void): void {
  log(
    `${output.instance}: ${output.vehicles} vehicles, distance ${output.distance.toFixed(2)} ` +
      `(${output.iterations} iterations in ${(output.elapsedMs / 1000).toFixed(1)} s)`,
  );
  for (const [r, route] of output.routes.entries()) log(`  route ${r + 1}: ${route.join(" ")}`);
  for (const { id, reason } of output.unassigned) log(`  unassigned ${id}: ${reason}`);
}

const formatProgress = (p: SolveProgress): string =>
  `  ${(p.elapsedMs / 1000).toFixed(1)} s: ${p.vehicles} vehicles, cost ${p.cost.toFixed(2)}` +
  `${p.unassigned > 0 ? `, ${p.unassigned} unassigned` : ""} (${p.iterations} iterations)`;
