import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type SmtpSink, startSmtpSink } from "@waybill/server/adapters/mail/testing/smtp-sink";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ContingencyChain, carryOutScenario } from "../../bench/contingency/live-chain";
import { type LiveDay, startLiveDay } from "../../bench/contingency/live-day";
import { readScenarioFile } from "../../bench/contingency/scenario-day";
import { outboxEvents } from "../../server/src/adapters/db/schema";
import type { Scenario } from "../../shared/src/contracts/scenario.schema";
import { type DispatcherListener, listenAsDispatcher } from "../support/dispatcher-socket";
import { type DriverListener, listenAsDriver } from "../support/driver-socket";
import { eventually, startTestSystem, type TestSystem, uniqueDeviceId } from "../support/system";

/*
 * The contingency chain of contingency-chain.e2e.test.ts (simulator -> MQTT -> pipeline ->
 * trigger -> proposal -> approval -> drivers -> webhooks -> customers) for the scenarios other
 * than the breakdown, on Monaco's roads (../shared/data/osm; © OpenStreetMap contributors, ODbL):
 * the urgent-order burst of telematics/src/simulator/scenarios, on 4 vans and 30 orders instead
 * of 20 and 300 (the burst cut down with the fleet). Each runs on its own system: an
 * organisation's live state is all its routes. A short trigger cool-down merges the burst into
 * one proposal, as the default one does in minutes. The closed bridge is not here: on this cut-down
 * day no route crosses Pont Sainte-Dévote, so its proposal is rightly `not_needed`.
 */
const MONACO = fileURLToPath(new URL("../../../shared/data/osm/monaco.osm.pbf", import.meta.url));
const scenarioFile = (name: string) =>
  fileURLToPath(new URL(`../../telematics/src/simulator/scenarios/${name}.json`, import.meta.url));
const missing = !existsSync(MONACO);
const SIZE = { vans: 4, orders: 30 };

/** The scenario's events cut down with the fleet: a burst of urgent orders in proportion to the vans. */
function cutDown(scenario: Scenario): Scenario {
  const events = scenario.events.map((event) =>
    event.kind === "urgentOrders"
      ? { ...event, count: Math.max(1, Math.round((event.count * SIZE.vans) / scenario.fleet.vehicles)) }
      : event,
  );
  return { ...scenario, events };
}

const SCENARIOS = [
  { name: "urgent-orders", trigger: "new_orders", played: /scenario: \d+ urgent orders: \d+ orders posted/ },
] as const;

describe.skipIf(missing).each(SCENARIOS)(
  `the contingency chain of $name, simulator to customer${missing ? ` (skipped: ${MONACO} not found)` : ""}`,
  ({ name, trigger, played }) => {
    let system: TestSystem;
    let sink: SmtpSink;
    let dispatcher: DispatcherListener;
    let day: LiveDay | undefined;
    const drivers = new Map<string, DriverListener>();

    beforeAll(async () => {
      sink = await startSmtpSink();
      system = await startTestSystem({
        env: { OSM_FILE: MONACO, SMTP_URL: sink.url, CONTINGENCY_COOLDOWN_MINUTES: "0.25" },
      });
      dispatcher = await listenAsDispatcher(system.url, system.adminKey);
    }, 120_000);
    afterAll(async () => {
      dispatcher?.socket.close();
      for (const driver of drivers.values()) driver.socket.close();
      await day?.stop();
      await system?.stop();
      await sink?.close();
    });

    it(`${name}: an approved, feasible re-plan no worse than the naive rescue; drivers, webhooks and customers told`, async () => {
      const scenario = cutDown(readScenarioFile(scenarioFile(name)));
      day = await startLiveDay(system, scenario, SIZE, uniqueDeviceId(name));
      for (const van of day.vans)
        drivers.set(van.vehicleId, await listenAsDriver(system.url, van.driver.token));
      const chain = await carryOutScenario({ ...system, db: system.database.db }, day, {
        proposals: dispatcher.announced,
      });

      expect(day.log).toContainEqual(expect.stringMatching(played));
      expect(chain.proposal).toMatchObject({ status: "proposed", trigger: { kind: trigger } });
      const routed = chain.proposal.changes.filter(
        (change) => change.fromVehicleId === null && change.toVehicleId,
      );
      expect(routed.length, "orders of the burst given a van").toBeGreaterThan(0);
      expectFeasibleAndNoWorseThanNaive(chain);
      await expectDriversTold(chain, drivers);
      const rerouted = (await system.database.db.select().from(outboxEvents)).filter(
        (event) => event.type === "shipment.rerouted",
      );
      expect(rerouted.map((event) => event.orderId).sort()).toEqual([...chain.movedOrders].sort());
      expect(chain.times.etaUpdatedMs).toHaveLength(chain.movedOrders.length);
      expectCustomersToldAtMostOnce(chain, sink);
    }, 180_000);
  },
);

/**
 * Every open stop served once, within capacity and shifts; no more windows missed than the naive
 * rescue on the same state. A window made unreachable for any recovery by a loaded machine slowing
 * the vans' clock-driven day is counted, never excused. Not "strictly fewer": with 4 urgent orders
 * on 4 vans, a slowed day can leave both recoveries missing the same unreachable windows (seen
 * 4 and 4 with another chain test beside it); `pnpm bench contingency` measures the improvement.
 */
function expectFeasibleAndNoWorseThanNaive(chain: ContingencyChain): void {
  const { violations } = chain.applied.check;
  expect(violations.filter((violation) => !violation.endsWith("after its windows"))).toEqual([]);
  expect(chain.applied.windowsMissed).toBeLessThanOrEqual(chain.naive.windowsMissed);
}

/**
 * Each van given stops (urgent orders, or stops of another van) finds them in the app's route and
 * hears `route:changed` with them added on its driver's `/driver` socket.
 */
async function expectDriversTold(
  chain: ContingencyChain,
  drivers: ReadonlyMap<string, DriverListener>,
): Promise<void> {
  const moves = chain.proposal.changes.filter(
    (change) => change.toVehicleId !== null && change.toVehicleId !== change.fromVehicleId,
  );
  expect(moves.length).toBeGreaterThan(0);
  for (const vehicleId of new Set(moves.map((change) => change.toVehicleId!))) {
    const given = moves.filter((change) => change.toVehicleId === vehicleId).map((change) => change.stopId);
    expect(chain.routes.get(vehicleId)?.after.stops.map((stop) => stop.id)).toEqual(
      expect.arrayContaining(given),
    );
    const heard = drivers.get(vehicleId)!.changes;
    await eventually(
      () =>
        heard.length > 0 && heard.reduce((sum, change) => sum + change.added, 0) >= given.length
          ? true
          : undefined,
      10_000,
      `route:changed with ${given.length} stops added for the driver of ${vehicleId}`,
    );
  }
}

/** Each customer of a moved order gets at most one re-route notice, and at most one such e-mail. */
function expectCustomersToldAtMostOnce(chain: ContingencyChain, sink: SmtpSink): void {
  const rerouteNotices = chain.notices.filter((notice) => notice.template === "rerouted");
  for (const orderId of chain.movedOrders)
    expect(rerouteNotices.filter((notice) => notice.orderId === orderId).length).toBeLessThanOrEqual(1);
  for (const notice of rerouteNotices.filter((n) => n.status === "sent")) {
    const mails = sink.received.filter(
      (mail) =>
        mail.to.includes(notice.recipient!) &&
        mail.headers
          .get("subject")
          ?.startsWith(`Your delivery ${notice.facts.orderReference} was re-planned`),
    );
    expect(mails, `re-route e-mails to ${notice.recipient}`).toHaveLength(1);
  }
}
