import { describe, expect, it } from "vitest";
import { checkPlan } from "../planning/check-plan";
import { solvePlan } from "../planning/solve-plan";
import { proposalDiff, worthProposing } from "./proposal-diff";
import { type LiveStop, type LiveVehicle, replanProblem, withMatrix } from "./replan-problem";

const NOW = Date.parse("2026-11-23T11:00:00Z");
const pt = (x: number, y: number) => ({ lat: 43.7 + y / 111_320, lng: 7.4 + x / 80_000 });
const van = (id: string, x: number, y: number, over: Partial<LiveVehicle> = {}): LiveVehicle => ({
  vehicleId: id,
  driverId: null,
  available: true,
  position: pt(x, y),
  end: pt(0, 0),
  shiftEndMs: NOW + 8 * 3_600_000,
  capacity: { weightKg: 100 },
  departed: true,
  ...over,
});
const stop = (id: string, x: number, y: number, over: Partial<LiveStop> = {}): LiveStop => ({
  stopId: id,
  orderId: `ord_${id}`,
  kind: "delivery",
  lat: pt(x, y).lat,
  lng: pt(x, y).lng,
  timeWindows: [],
  serviceS: 120,
  load: { weightKg: 10, volumeM3: 0, units: 1 },
  skills: [],
  priority: 0,
  status: "assigned",
  vehicleId: null,
  sequence: null,
  etaMs: null,
  ...over,
});

/** Straight-line metres between points, at 10 m/s. */
function matrixOf(points: readonly { lat: number; lng: number }[]) {
  const n = points.length;
  const distancesM = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const a = points[i]!;
      const b = points[j]!;
      distancesM[i * n + j] = Math.hypot((a.lat - b.lat) * 111_320, (a.lng - b.lng) * 80_000);
    }
  return { distancesM, durationsS: distancesM.map((d) => d / 10) };
}

describe("replanProblem", () => {
  const vehicles = [van("a", 1000, 0), van("b", 0, 1000, { available: false })];
  const stops = [
    stop("a1", 2000, 0, { vehicleId: "a", sequence: 0, status: "arrived" }),
    stop("a2", 3000, 0, { vehicleId: "a", sequence: 1 }),
    stop("b1", 0, 2000, { vehicleId: "b", sequence: 0 }),
    stop("b2", 0, 3000, { vehicleId: "b", sequence: 1 }),
    stop("new", 500, 500, { status: "unassigned" }),
    stop("ret", 1500, 1500, { kind: "pickup", status: "unassigned" }),
  ];
  const replan = replanProblem(vehicles, stops, { nowMs: NOW, depot: pt(0, 0), transferS: 600 });

  it("keeps on-board goods on a working van, transfers a broken van's, and fetches the rest at the depot", () => {
    const { problem } = replan;
    expect(problem.vehicles.map((v) => [v.id, v.onRoad?.committed])).toEqual([
      ["a", [{ type: "job", id: "a1" }]],
    ]);
    expect(problem.jobs.map((j) => [j.id, j.type, j.vehicleIds ?? null])).toEqual([
      ["a1", "delivery", ["a"]],
      ["a2", "delivery", ["a"]],
      ["ret", "pickup", null],
    ]);
    const shipments = problem.shipments ?? [];
    expect(shipments.map((s) => s.id)).toEqual(["b1", "b2", "new"]);
    const brokenVanAt = replan.points[shipments[0]!.pickup.location]!;
    expect(brokenVanAt).toEqual(pt(0, 1000));
    expect(shipments[0]!.pickup.location).toBe(shipments[1]!.pickup.location);
    // The 10 min transfer is for all of b's goods: 5 min for each of its two shipments.
    expect(shipments[0]!.pickup.serviceS).toBe(300);
    expect(replan.points[shipments[2]!.pickup.location]).toEqual(pt(0, 0));
    expect(shipments[2]!.pickup.location).toBe(replan.depotLocation);
  });

  it("solves to a feasible plan that serves every stop, the arrived one first", () => {
    const problem = withMatrix(replan, matrixOf(replan.points));
    const solution = solvePlan(problem, { iterationLimit: 2000, seed: 3 });
    expect(checkPlan(problem, solution).violations ?? []).toEqual([]);
    expect(solution.unassigned).toEqual([]);
    const route = solution.routes.find((r) => r.vehicleId === "a")!;
    const ids = route.steps.filter((s) => s.id).map((s) => `${s.type}:${s.id}`);
    expect(ids[0]).toBe("job:a1");
    expect(ids.indexOf("pickup:b1")).toBeLessThan(ids.indexOf("delivery:b1"));
  });

  it("reports the diff and says when a proposal is worth a dispatcher's attention", () => {
    const diff = proposalDiff(
      stops,
      [
        {
          vehicleId: "a",
          stops: ["a1", "a2", "b1", "b2", "new", "ret"].map((id, i) => ({
            stopId: id,
            arrivalMs: NOW + i * 60_000,
          })),
        },
      ],
      [],
    );
    expect([diff.moved, diff.resequenced, diff.postponed]).toEqual([4, 0, 0]);
    const same = new Map([["a", { durationS: 3600, distanceM: 30_000 }]]);
    const after = (durationS: number) => new Map([["a", { durationS, distanceM: 25_000 }]]);
    expect(worthProposing(diff, same, same, true).worth).toBe(true);
    expect(worthProposing(diff, same, after(3500), false)).toEqual({
      worth: false,
      why: "the gain is too small to change the drivers' routes",
    });
    // The changed routes are a's and the broken b's (which drives nothing any more).
    expect(worthProposing(diff, same, after(3000), false).why).toBe(
      "saves 10 min of driving on the 2 route(s) it changes",
    );
  });

  it("weighs a re-sequencing's gain against the routes it changes, not the whole fleet, and wants a minute at least", () => {
    const resequenced = proposalDiff(
      [
        stop("x1", 0, 100, { vehicleId: "x", sequence: 0 }),
        stop("x2", 0, 200, { vehicleId: "x", sequence: 1 }),
      ],
      [{ vehicleId: "x", stops: ["x2", "x1"].map((id, i) => ({ stopId: id, arrivalMs: NOW + i * 60_000 })) }],
      [],
    );
    const fleet = (xS: number) =>
      new Map([
        ["x", { durationS: xS, distanceM: 0 }],
        ...Array.from({ length: 19 }, (_, i) => [`v${i}`, { durationS: 3600, distanceM: 0 }] as const),
      ]);
    // 10 % of x's driving, 0.5 % of the fleet's: worth it.
    expect(worthProposing(resequenced, fleet(3600), fleet(3240), false)).toEqual({
      worth: true,
      why: "saves 6 min of driving on the 1 route(s) it changes",
    });
    // 10 % of a short route is 30 s: not worth telling a driver.
    expect(worthProposing(resequenced, fleet(300), fleet(270), false).worth).toBe(false);
  });
});
