import { z } from "zod";
import type { FieldIssue } from "../errors";

/**
 * A contingency scenario: one simulated delivery day on a real road network (an OSM extract),
 * generated from a seed, and the events that disturb it at set times (a van breaks down, a road
 * is closed or jammed, urgent orders arrive). Read by the contingency benchmark
 * (`pnpm bench contingency`) and by the fleet simulator (`waybill simulate --scenario FILE`).
 * Times are times of day `HH:mm` on the simulated day; the same file and seed give the same day.
 *
 * @example
 * const parsed = parseScenario(JSON.parse(text));
 * if ("issues" in parsed) console.error(parsed.issues); // [{ field: "events[0].vehicle", reason: "..." }]
 */

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;
const ClockTime = z.string().regex(CLOCK, "expected a time of day HH:mm");
const Longitude = z.number().min(-180, "longitude below -180").max(180, "longitude above 180");
const Latitude = z.number().min(-90, "latitude below -90").max(90, "latitude above 90");

/** `[min, max]` with min <= max. */
const range = (min: number, max: number) =>
  z
    .tuple([z.number().min(min).max(max), z.number().min(min).max(max)])
    .refine(([low, high]) => low <= high, "expected [min, max] with min <= max");

/**
 * A road of the extract: OSM way ids, or a street name (every way of the extract with exactly
 * that `name` tag). Way ids are exact; a name is for readability and may match several ways.
 */
const RoadRef = z
  .strictObject({
    wayIds: z.array(z.number().int().positive()).min(1, "list at least one way id").max(200).optional(),
    name: z.string().trim().min(1).max(120).optional(),
    /** What the road is, for people: "Pont Sainte-Dévote, the bridge over the Gaumates ravine". */
    label: z.string().max(200).optional(),
  })
  .refine((road) => (road.wayIds === undefined) !== (road.name === undefined), {
    message: "give exactly one of wayIds and name",
  });

const Breakdown = z.strictObject({
  kind: z.literal("breakdown"),
  /** The vehicle, 1-based in the fleet: 3 is the third van (`van-3`, simulator device `sim-3`). */
  vehicle: z.number().int().min(1, "vehicles are numbered from 1"),
  at: ClockTime,
});

const Closure = z.strictObject({
  kind: z.literal("closure"),
  road: RoadRef,
  from: ClockTime,
  to: ClockTime,
  reason: z.string().trim().min(1).max(200).default("road closed"),
});

const Slowdown = z.strictObject({
  kind: z.literal("slowdown"),
  road: RoadRef,
  /** Speeds on the road are multiplied by this (0.2: a fifth of the free-flow speed). */
  factor: z.number().min(0.05, "must be at least 0.05 (use a closure to close the road)").max(1),
  from: ClockTime,
  to: ClockTime,
  reason: z.string().trim().min(1).max(200).default("traffic jam"),
});

const UrgentOrders = z.strictObject({
  kind: z.literal("urgentOrders"),
  at: ClockTime,
  count: z.number().int().min(1).max(500),
  /** Each must be delivered within this many minutes of `at`. */
  withinMinutes: z.number().int().min(15).max(720),
});

const ScenarioEvent = z.discriminatedUnion("kind", [Breakdown, Closure, Slowdown, UrgentOrders], {
  error: "expected kind breakdown, closure, slowdown or urgentOrders",
});

/** The JSON of a scenario file, as validated. */
export const ScenarioFile = z
  .strictObject({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/, "expected 1-80 of a-z 0-9 - (kebab-case)"),
    description: z.string().max(2000).optional(),
    /** The OSM extract the day happens on, by file name (looked up in ../shared/data/osm). */
    extract: z
      .string()
      .regex(/^[\w.-]+\.osm(\.pbf|\.gz)?$/, "expected an OSM file name such as monaco.osm.pbf"),
    /** Seeds every random draw: orders, their windows, amounts and service times. */
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1),
    /** The working day; every vehicle's shift. */
    day: z.strictObject({ start: ClockTime, end: ClockTime }),
    fleet: z.strictObject({
      vehicles: z.number().int().min(1).max(200),
      capacityKg: z.number().positive().max(100_000),
      /** Where every vehicle starts and ends, `[lng, lat]`. */
      depot: z.tuple([Longitude, Latitude]),
    }),
    /** The day's orders, planned before the day starts. */
    orders: z.strictObject({
      count: z.number().int().min(1).max(2000),
      /** Orders lie on roads no farther than this from the depot, metres (straight line). */
      radiusM: z.number().min(100).max(100_000),
      weightKg: range(0, 10_000),
      serviceMinutes: range(0, 120),
      /** Length of each promised delivery window, minutes; windows start on the half hour. */
      windowMinutes: z
        .number()
        .int()
        .min(15)
        .max(24 * 60),
      /** Share of orders with a promised window; the others may come any time of the day. */
      windowShare: z.number().min(0).max(1).default(1),
    }),
    events: z.array(ScenarioEvent).max(20).default([]),
  })
  .superRefine((scenario, context) => {
    const issue = (path: (string | number)[], message: string) =>
      context.addIssue({ code: "custom", path, message });
    // Zod reports malformed times itself and still runs this: compare only well-formed ones.
    if (!CLOCK.test(scenario.day.start) || !CLOCK.test(scenario.day.end)) return;
    const start = clockSeconds(scenario.day.start);
    const end = clockSeconds(scenario.day.end);
    if (end <= start) issue(["day", "end"], "must be after day.start");
    scenario.events.forEach((event, index) => {
      const at = (field: string, value: string) => {
        if (!CLOCK.test(value)) return Number.NaN;
        const s = clockSeconds(value);
        if (s < start || s > end)
          issue(["events", index, field], `must lie in the day (${scenario.day.start}-${scenario.day.end})`);
        return s;
      };
      if (event.kind === "breakdown" || event.kind === "urgentOrders") at("at", event.at);
      else if (at("to", event.to) <= at("from", event.from))
        issue(["events", index, "to"], "must be after from");
      if (event.kind === "breakdown" && event.vehicle > scenario.fleet.vehicles)
        issue(["events", index, "vehicle"], `the fleet has ${scenario.fleet.vehicles} vehicles`);
    });
  });

/** A validated scenario (defaults filled in). */
export type Scenario = z.output<typeof ScenarioFile>;
/** One timed event of a scenario. */
export type ScenarioEvent = Scenario["events"][number];
/** A road of a closure or slowdown. */
export type ScenarioRoad = z.output<typeof RoadRef>;

/**
 * Validates a parsed scenario file: the scenario, or every problem found, each naming its field
 * (`events[2].from`) and the reason.
 *
 * @example
 * parseScenario({ name: "x" }); // { issues: [{ field: "extract", reason: "..." }, ...] }
 */
export function parseScenario(input: unknown): { scenario: Scenario } | { issues: FieldIssue[] } {
  const parsed = ScenarioFile.safeParse(input);
  if (parsed.success) return { scenario: parsed.data };
  return {
    issues: parsed.error.issues.map((issue) => ({
      field: fieldPath(issue.path),
      reason: issue.message,
    })),
  };
}

/**
 * Seconds from midnight of a time of day `HH:mm`.
 *
 * @example
 * clockSeconds("11:00"); // 39600
 */
export function clockSeconds(clock: string): number {
  const [hours, minutes] = clock.split(":").map(Number);
  return (hours ?? 0) * 3600 + (minutes ?? 0) * 60;
}

/** `events[2].from` from zod's `["events", 2, "from"]`; `$` for the root. */
function fieldPath(path: readonly PropertyKey[]): string {
  const text = path
    .map((key) => (typeof key === "number" ? `[${key}]` : `.${String(key)}`))
    .join("")
    .replace(/^\./, "");
  return text === "" ? "$" : text;
}
