import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BreakdownChain, carryOutBreakdown } from "../../bench/contingency/live-chain";
import { brokenVan } from "../../bench/contingency/live-day";
import { readScenarioFile } from "../../bench/contingency/scenario-day";
import { describeRouteChange, diffRoutes } from "../../dashboard/src/driver/route/route-diff";
import { notifications, outboxEvents } from "../../server/src/adapters/db/schema";
import { type ContingencyStage, startContingencyStage } from "../support/contingency-stage";
import { eventually } from "../support/system";

/*
 * The whole contingency chain on Monaco's roads (../shared/data/osm; © OpenStreetMap
 * contributors, ODbL) for the breakdown scenario of telematics/src/simulator/scenarios: its seed,
 * addresses, windows and van 4, on 4 vans and 30 orders instead of 20 and 300. The day is planned
 * and applied through the API, the simulated vans drive over MQTT, the scenario runner of
 * `waybill simulate` stops van 4 and its driver reports it; the proposal comes on the dispatchers'
 * channel and is approved over HTTP; then the drivers' routes (`route:changed` on each driver's
 * `/driver` socket, and the route as their app fetches it), the webhooks' events, the new ETAs
 * from tracking and the customers' e-mails (a real SMTP server: one re-route e-mail each). The
 * stale approval (routes changed since the proposal: 409 `superseded`) is contingency.e2e.test.ts's.
 */
const MONACO = fileURLToPath(new URL("../../../shared/data/osm/monaco.osm.pbf", import.meta.url));
const BREAKDOWN = fileURLToPath(
  new URL("../../telematics/src/simulator/scenarios/breakdown.json", import.meta.url),
);
const missing = !existsSync(MONACO);

let stage: ContingencyStage;

describe.skipIf(missing)(
  `the contingency chain, simulator to customer${missing ? ` (skipped: ${MONACO} not found)` : ""}`,
  () => {
    beforeAll(async () => {
      stage = await startContingencyStage(MONACO, 0);
    }, 120_000);
    afterAll(() => stage?.stop());

    it("breakdown: van 4's stops go to working vans, better than the naive rescue; drivers, webhooks and customers are told", async () => {
      const { system, dispatcher } = stage;
      const day = await stage.startDay(readScenarioFile(BREAKDOWN), { vans: 4, orders: 30 });
      const broken = brokenVan(day.scenario, day.vans)!;
      const chain = await carryOutBreakdown({ ...system, db: system.database.db }, day, {
        proposals: dispatcher.announced,
      });

      expect(day.log).toContain(
        `scenario: driver ${broken.driver.email} reported a breakdown of ${broken.vehicleId}`,
      );
      expect(chain.proposal).toMatchObject({ status: "proposed", trigger: { kind: "breakdown" } });
      const moved = chain.proposal.changes.filter((change) => change.fromVehicleId === broken.vehicleId);
      expect(moved.length).toBeGreaterThan(0);
      expect(moved.every((change) => change.toVehicleId && change.toVehicleId !== broken.vehicleId)).toBe(
        true,
      );

      // Feasible (every open stop served once, capacity, shifts) and better than naive on windows.
      // A window can become unreachable for any recovery when a loaded machine slows the vans'
      // clock-driven day: such a miss is counted against Waybill, never excused, but only a day
      // where the naive recovery misses some leaves room to show an improvement.
      const { violations } = chain.applied.check;
      expect(violations.filter((violation) => !violation.endsWith("after its windows"))).toEqual([]);
      expect(chain.applied.plan.unassigned).toEqual([]);
      expect(chain.applied.plan.routes.map((route) => route.vehicleId)).not.toContain(broken.vehicleId);
      expect(chain.applied.windowsMissed).toBeLessThanOrEqual(chain.naive.windowsMissed);
      if (chain.naive.windowsMissed > 0)
        expect(chain.applied.windowsMissed).toBeLessThan(chain.naive.windowsMissed);

      await expectDriversTold(chain, moved);
      // Webhooks: each moved order rerouted once (and any stop of a taking van its new order brings
      // back inside its window); the moved ones' new ETAs from the vans that took them over
      // (carryOutBreakdown waited for one per moved order).
      const rerouted = (await system.database.db.select().from(outboxEvents)).filter(
        (event) => event.type === "shipment.rerouted",
      );
      expect(rerouted.every((event) => event.data.proposalId === chain.proposal.id)).toBe(true);
      expect(rerouted.map((event) => event.orderId).sort()).toEqual([...chain.reroutedOrders].sort());
      expect(chain.reroutedOrders).toEqual(expect.arrayContaining([...chain.movedOrders]));
      expect(chain.times.etaUpdatedMs).toHaveLength(chain.movedOrders.length);
      await expectCustomersToldOnce(chain);
    }, 180_000);
  },
);

/**
 * Each driver taking stops over is told on their `/driver` socket (`route:changed`, saying why)
 * and finds the stops in the app's route, with the app's notice.
 */
async function expectDriversTold(
  chain: BreakdownChain,
  moved: BreakdownChain["proposal"]["changes"],
): Promise<void> {
  for (const [vehicleId, { before, after }] of chain.routes) {
    const taken = moved.filter((change) => change.toVehicleId === vehicleId).map((change) => change.stopId);
    if (taken.length === 0) continue;
    expect(after.stops.map((stop) => stop.id)).toEqual(expect.arrayContaining(taken));
    expect(describeRouteChange(diffRoutes(before.stops, after.stops))).toContain(
      `${taken.length} stop${taken.length === 1 ? "" : "s"} added`,
    );
    const heard = stage.drivers.get(vehicleId)!.changes;
    const told = await eventually(
      () => (heard.reduce((sum, change) => sum + change.added, 0) >= taken.length ? heard : undefined),
      10_000,
      `route:changed with ${taken.length} stops added for the driver of ${vehicleId}`,
    );
    expect(told.map((change) => change.notice)).toContainEqual(
      expect.stringMatching(/added.* by dispatch \(re-route after breakdown of .+\)$/),
    );
  }
}

/**
 * Customers: each re-routed order's customer gets exactly one re-route e-mail (the new ETA), at
 * the SMTP server, whatever ETA they were told before; the new ETAs from tracking right after it
 * are the same news, so no "new arrival time" e-mail follows it.
 */
async function expectCustomersToldOnce(chain: BreakdownChain): Promise<void> {
  const moved = [...chain.reroutedOrders];
  const rerouted = await eventually(
    async () => {
      const rows = (await stage.system.database.db.select().from(notifications)).filter((row) =>
        moved.includes(row.orderId),
      );
      const notices = rows.filter((row) => row.template === "rerouted");
      const settled = notices.length === moved.length && notices.every((n) => n.status !== "queued");
      return settled ? { notices, rows } : undefined;
    },
    30_000,
    "one re-route notice per re-routed order, handed to the SMTP server",
  );
  for (const notice of rerouted.notices) {
    expect(notice.status).toBe("sent");
    const reference = notice.facts.orderReference;
    const mails = stage.sink.received.filter(
      (mail) =>
        mail.to.includes(notice.recipient!) &&
        mail.headers.get("subject")?.startsWith(`Your delivery ${reference} was re-planned`),
    );
    expect(mails, `re-route e-mails to ${notice.recipient}`).toHaveLength(1);
    const etaAfter = rerouted.rows.filter(
      (row) =>
        row.orderId === notice.orderId &&
        row.template === "eta_changed" &&
        row.status === "sent" &&
        row.createdAt > notice.createdAt,
    );
    expect(etaAfter).toEqual([]);
  }
}
