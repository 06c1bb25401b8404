import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { UsageError } from "@waybill/telematics/simulator/usage-error";
import { describe, expect, it } from "vitest";
import { runSolveCommand } from "./solve.command";

const INSTANCE = `TINY

VEHICLE
NUMBER     CAPACITY
  3         10

CUSTOMER
CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME

    0      0          0          0          0       200          0
    1      3          4          5          0        50          2
    2      0          8          5          0        50          2
    3     -6          0          6          0       100          2
`;

const file = join(mkdtempSync(join(tmpdir(), "waybill-solve-")), "tiny.txt");
writeFileSync(file, INSTANCE);

/** Runs the command and collects what it prints. */
async function run(argv: string[]) {
  const lines: string[] = [];
  const output = await runSolveCommand(argv, { log: (line) => lines.push(line), progress: () => {} });
  return { output, lines };
}

describe(runSolveCommand.name, () => {
  it("prints the routes as customer numbers, the vehicle count and the distance as JSON", async () => {
    const { lines } = await run([file, "--time-limit", "0.2", "--json"]);
    const printed = JSON.parse(lines[0]!);
    expect(printed).toMatchObject({ instance: "TINY", objective: "distance", vehicles: 2, unassigned: [] });
    expect(printed.routes.flat().sort()).toEqual([1, 2, 3]);
    expect(printed.distance).toBeCloseTo(5 + 5 + 8 + 12, 9);
  });

  it("prints a readable plan without --json", async () => {
    const { lines } = await run([
      file,
      "--time-limit",
      "0.2",
      "--objective",
      "vehicles",
      "--format",
      "solomon",
    ]);
    expect(lines[0]).toMatch(/^TINY: 2 vehicles, distance 30\.00 \(\d+ iterations in [\d.]+ s\)$/);
    expect(lines.slice(1).every((line) => /^ {2}route \d: [\d ]+$/.test(line))).toBe(true);
  });

  it.each([
    [["--time-limit", "0.2"], "FILE: is required"],
    [[file, "--objective", "fastest"], '--objective: expected distance or vehicles, got "fastest"'],
    [[file, "--time-limit", "0"], '--time-limit: expected a number of seconds > 0, got "0"'],
    [[file, "--seed", "1.5"], '--seed: expected an integer, got "1.5"'],
    [[file, "--colour"], "--colour: unknown flag"],
    [["/nonexistent/x.txt"], "cannot read /nonexistent/x.txt"],
  ])("rejects %j with a usage error", async (argv, message) => {
    const error = await run(argv).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toContain(message);
  });
});
