import type { PlannedRouteDto, PlannedStopDto, StopStatus } from "@waybill/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orders, organisations, plans, stops, vehicles } from "../../adapters/db/schema";
import { openTestDatabase, type TestDatabase } from "../../adapters/db/testing/test-database";
import { DrizzlePlannedDepartures } from "./planned-departures";

const NOW = Date.parse("2026-11-23T09:00:00Z");
const at = (hhmm: string) => `2026-11-23T${hhmm}:00.000Z`;

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
  await seed(database);
});
afterAll(() => database.dispose());

/** A route of a plan, with only what departures read filled in. */
const route = (vehicleId: string, startAt: string, stopIds: string[]): PlannedRouteDto => ({
  vehicleId,
  driverId: null,
  startAt,
  endAt: startAt,
  distanceM: 0,
  durationS: 0,
  stops: stopIds.map((stopId) => ({ stopId }) as PlannedStopDto),
  geometry: null,
  warnings: [],
});

async function seed({ db }: TestDatabase): Promise<void> {
  await db.insert(organisations).values({ id: "org_1", name: "Fleet" });
  await db
    .insert(vehicles)
    .values(["veh_1", "veh_2", "veh_3"].map((id) => ({ id, organisationId: "org_1", name: id })));
  const stop = (id: string, vehicleId: string, status: StopStatus) => ({ id, vehicleId, status });
  const all = [
    stop("stp_1", "veh_1", "assigned"),
    stop("stp_2", "veh_1", "assigned"),
    stop("stp_3", "veh_2", "en_route"),
    stop("stp_4", "veh_1", "assigned"), // planned for veh_3, since given to veh_1
  ];
  for (const s of all) {
    await db.insert(orders).values({
      id: `ord_${s.id}`,
      organisationId: "org_1",
      channel: "web",
      status: "planned",
      customerName: "C",
      destination: { address: "x", lat: 43.73, lng: 7.42 },
      timeZone: "UTC",
      timeWindows: [],
      items: [{ sku: "BOX", quantity: 1 }],
      serviceTimeS: 60,
      skills: [],
      priority: 0,
      receivedAt: new Date(NOW),
    });
    await db.insert(stops).values({
      ...s,
      organisationId: "org_1",
      orderId: `ord_${s.id}`,
      kind: "delivery",
      purpose: "delivery",
      place: { address: "x", lat: 43.73, lng: 7.42 },
      timeWindows: [],
      serviceTimeS: 60,
    });
  }
  const plan = (
    id: string,
    status: "applied" | "succeeded",
    appliedAt: string | null,
    routes: PlannedRouteDto[],
  ) => ({
    id,
    organisationId: "org_1",
    status,
    date: "2026-11-23",
    timeZone: "UTC",
    objective: "distance" as const,
    timeLimitS: 1,
    seed: 1,
    vehicles: [],
    stops: [],
    result: {
      routes,
      unassigned: [],
      summary: { distanceM: 0, durationS: 0, vehicles: routes.length, unassigned: 0 },
    },
    createdAt: new Date(NOW - 3_600_000),
    appliedAt: appliedAt ? new Date(appliedAt) : null,
  });
  await db
    .insert(plans)
    .values([
      plan("pln_old", "applied", at("06:00"), [route("veh_1", at("07:00"), ["stp_1"])]),
      plan("pln_new", "applied", at("06:30"), [
        route("veh_1", at("08:00"), ["stp_1", "stp_2"]),
        route("veh_2", at("08:30"), ["stp_3"]),
        route("veh_3", at("08:15"), ["stp_4"]),
      ]),
      plan("pln_draft", "succeeded", null, [route("veh_2", at("08:45"), ["stp_3"])]),
    ]);
}

describe(DrizzlePlannedDepartures.name, () => {
  it("gives each vehicle's departure from its newest applied plan, with whether one of its stops is under way", async () => {
    const departures = new DrizzlePlannedDepartures(database.db, () => NOW);
    const found = await departures.between(NOW - 12 * 3_600_000, NOW);
    expect(found.sort((a, b) => a.vehicleId.localeCompare(b.vehicleId))).toEqual([
      { organisationId: "org_1", vehicleId: "veh_1", plannedAt: Date.parse(at("08:00")), departed: false },
      { organisationId: "org_1", vehicleId: "veh_2", plannedAt: Date.parse(at("08:30")), departed: true },
    ]);
  });

  it("leaves out departures outside the asked span", async () => {
    const departures = new DrizzlePlannedDepartures(database.db, () => NOW);
    const found = await departures.between(Date.parse(at("08:20")), NOW);
    expect(found.map((d) => d.vehicleId)).toEqual(["veh_2"]);
  });
});
