import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ContingencyChain, carryOutScenario } from "../../bench/contingency/live-chain";
import type { LiveDay, LiveDaySize } from "../../bench/contingency/live-day";
import { readScenarioFile } from "../../bench/contingency/scenario-day";
import { notifications, outboxEvents } from "../../server/src/adapters/db/schema";
import type { SmtpSink } from "../../server/src/adapters/mail/testing/smtp-sink";
import type { OrderDto } from "../../shared/src";
import { type ContingencyStage, startContingencyStage } from "../support/contingency-stage";
import { eventually } from "../support/system";

/*
 * The contingency chain of contingency-chain.e2e.test.ts (simulator -> MQTT -> pipeline ->
 * trigger -> proposal -> approval -> drivers -> webhooks -> customers) for the scenarios other
 * than the breakdown, on Monaco's roads (../shared/data/osm; © OpenStreetMap contributors, ODbL),
 * each from its file in telematics/src/simulator/scenarios, cut down to seconds:
 *
 * - the closed bridge and the arterial jam on 2 vans and the 30 orders of the scenario's day whose
 *   trips the closure or the jam lengthens most (`near: "road"`): 30 orders spread over the city
 *   would rarely use the one road, and the trigger then rightly changes nothing;
 * - the burst of urgent orders on 4 vans and 30 orders, the burst cut down with the fleet (4 orders).
 *
 * Each runs on its own system (an organisation's live state is all its routes). A short trigger
 * cool-down merges the burst of events (a closure per OSM way, an order per request) into one
 * proposal after the first, as the default one does in minutes.
 */
const MONACO = fileURLToPath(new URL("../../../shared/data/osm/monaco.osm.pbf", import.meta.url));
const scenarioFile = (name: string) =>
  fileURLToPath(new URL(`../../telematics/src/simulator/scenarios/${name}.json`, import.meta.url));
const missing = !existsSync(MONACO);

const SCENARIOS: readonly {
  readonly name: string;
  readonly size: LiveDaySize;
  readonly trigger: string;
  readonly played: RegExp;
  /** What the drivers' notice says happened, when their route took a re-routed stop. */
  readonly reason: string;
}[] = [
  {
    name: "closed-bridge",
    size: { vans: 2, orders: 30, near: "road" },
    trigger: "road_closure",
    played: /^scenario: closure of Pont Sainte-Dévote: \d+ closure\(s\) posted/,
    reason: "road closure",
  },
  {
    name: "arterial-jam",
    size: { vans: 2, orders: 30, near: "road" },
    trigger: "road_closure",
    played: /^scenario: slowdown on Boulevard Princesse Charlotte: \d+ closure\(s\) posted/,
    reason: "slow traffic",
  },
  {
    name: "urgent-orders",
    size: { vans: 4, orders: 30 },
    trigger: "new_orders",
    played: /^scenario: \d+ urgent orders: \d+ orders posted/,
    reason: "new urgent orders",
  },
];

describe.skipIf(missing).each(SCENARIOS)(
  `the contingency chain of $name, simulator to customer${missing ? ` (skipped: ${MONACO} not found)` : ""}`,
  ({ name, size, trigger, played, reason }) => {
    let stage: ContingencyStage;
    let day: LiveDay;

    beforeAll(async () => {
      stage = await startContingencyStage(MONACO, 0.25);
    }, 120_000);
    afterAll(() => stage?.stop());

    it(`${name}: an approved, feasible re-plan better than the naive rescue; drivers, webhooks and customers told`, async () => {
      const { system, dispatcher, drivers } = stage;
      day = await stage.startDay(readScenarioFile(scenarioFile(name)), size);
      const heardBefore = new Map(
        [...drivers].map(([vehicleId, driver]) => [vehicleId, driver.changes.length]),
      );
      const chain = await carryOutScenario({ ...system, db: system.database.db }, day, {
        proposals: dispatcher.announced,
      });

      expect(day.log).toContainEqual(expect.stringMatching(played));
      expect(chain.proposal).toMatchObject({ status: "proposed", trigger: { kind: trigger } });
      expect(chain.proposal.why).toMatch(/^(keeps \d+ more promised window|saves \d+ min of driving)/);
      expectFeasibleAndBetterThanNaive(chain);
      await expectDriversTold(chain, heardBefore);
      await expectWebhooksAndCustomersTold(chain);
    }, 240_000);

    /**
     * Every open stop served once or postponed as proposed, within capacity and shifts; no more
     * windows missed than the naive rescue on the same state (for a road event: keeping the routes;
     * for urgent orders: each to the nearest van with room, at the end of its round), and fewer
     * when the naive rescue misses any. A window made unreachable for any recovery by a loaded
     * machine slowing the vans' clock-driven day is counted, never excused.
     */
    function expectFeasibleAndBetterThanNaive(chain: ContingencyChain): void {
      const { violations } = chain.applied.check;
      expect(violations.filter((violation) => !violation.endsWith("after its windows"))).toEqual([]);
      const postponed = chain.proposal.changes.filter((change) => change.toVehicleId === null);
      expect(chain.applied.plan.unassigned.map((task) => task.id).sort()).toEqual(
        postponed.map((change) => change.stopId).sort(),
      );
      expect(chain.applied.windowsMissed).toBeLessThanOrEqual(chain.naive.windowsMissed);
      if (chain.naive.windowsMissed > 0)
        expect(chain.applied.windowsMissed).toBeLessThan(chain.naive.windowsMissed);
    }

    /**
     * Each van whose route the proposal changes (stops given to it, or its stops in a new order)
     * has them so in the app's route and hears `route:changed` on its driver's `/driver` socket,
     * saying why when a re-routed stop is among them.
     */
    async function expectDriversTold(
      chain: ContingencyChain,
      heardBefore: ReadonlyMap<string, number>,
    ): Promise<void> {
      const changes = chain.proposal.changes.filter(
        (change) =>
          change.toVehicleId !== null &&
          (change.toVehicleId !== change.fromVehicleId || change.toSequence !== change.fromSequence),
      );
      expect(changes.length).toBeGreaterThan(0);
      for (const vehicleId of new Set(changes.map((change) => change.toVehicleId!))) {
        const proposed = chain.proposal.routes.find((route) => route.vehicleId === vehicleId)!.stopIds;
        const after = chain.routes.get(vehicleId)!.after.stops.filter((stop) => proposed.includes(stop.id));
        expect(after.map((stop) => stop.id)).toEqual(proposed);
        const heard = stage.drivers.get(vehicleId)!.changes;
        const told = await eventually(
          () =>
            heard.length > heardBefore.get(vehicleId)! ? heard.slice(heardBefore.get(vehicleId)) : undefined,
          10_000,
          `route:changed for the driver of ${vehicleId} after the approval`,
        );
        const rerouted = changes.some(
          (change) => change.toVehicleId === vehicleId && chain.reroutedOrders.includes(change.orderId),
        );
        if (rerouted)
          expect(told.map((change) => change.notice)).toContainEqual(
            expect.stringMatching(new RegExp(`by dispatch \\(re-route after ${reason}\\)$`)),
          );
      }
    }

    /**
     * Webhooks: one `shipment.rerouted` of this proposal per order it announces (moved to another
     * van, postponed, or brought back inside its window). Customers, at the SMTP server: one
     * re-route e-mail each of those; an urgent order given its first van is scheduled, so its
     * customer gets the one "scheduled" e-mail and no re-route e-mail.
     */
    async function expectWebhooksAndCustomersTold(chain: ContingencyChain): Promise<void> {
      const { db } = stage.system.database;
      const rerouted = (await db.select().from(outboxEvents)).filter(
        (event) => event.type === "shipment.rerouted" && event.data.proposalId === chain.proposal.id,
      );
      expect(rerouted.map((event) => event.orderId).sort()).toEqual([...chain.reroutedOrders].sort());
      expect(chain.times.etaUpdatedMs).toHaveLength(chain.movedOrders.length);
      const scheduled = chain.proposal.changes
        .filter((change) => change.fromVehicleId === null && change.toVehicleId !== null)
        .map((change) => change.orderId);
      await expectOneEmailEach(chain.reroutedOrders, "rerouted", "was re-planned");
      await expectOneEmailEach(scheduled, "order_scheduled", "is scheduled");
      for (const orderId of scheduled) {
        const order = (await (await stage.system.api(`/api/v1/orders/${orderId}`)).json()) as OrderDto;
        const replanned = stage.sink.received.filter((mail) =>
          mailAbout(mail, order.externalRef ?? orderId, "was re-planned"),
        );
        expect(replanned, `re-route e-mails about ${orderId}, scheduled`).toEqual([]);
      }
    }

    /** Each order's `template` notice sent, and exactly one e-mail about it saying `says`. */
    async function expectOneEmailEach(
      orderIds: readonly string[],
      template: string,
      says: string,
    ): Promise<void> {
      if (orderIds.length === 0) return;
      const notices = await eventually(
        async () => {
          const rows = (await stage.system.database.db.select().from(notifications)).filter(
            (row) => orderIds.includes(row.orderId) && row.template === template,
          );
          return rows.length === orderIds.length && rows.every((row) => row.status !== "queued")
            ? rows
            : undefined;
        },
        30_000,
        `one ${template} notice per order, handed to the SMTP server`,
      );
      for (const notice of notices) {
        expect(notice.status, `${template} notice of ${notice.orderId}`).toBe("sent");
        const mails = stage.sink.received.filter(
          (mail) => mail.to.includes(notice.recipient!) && mailAbout(mail, notice.facts.orderReference, says),
        );
        expect(mails, `${template} e-mails to ${notice.recipient}`).toHaveLength(1);
      }
    }

    /** Whether an e-mail's subject is about the order (its reference, as the customer knows it) and says `says`. */
    function mailAbout(mail: SmtpSink["received"][number], reference: string, says: string): boolean {
      return mail.headers.get("subject")?.startsWith(`Your delivery ${reference} ${says}`) ?? false;
    }
  },
);
