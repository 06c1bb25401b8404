import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSmtpSink } from "../../server/src/adapters/mail/testing/smtp-sink";
import { startSystem } from "../../server/src/system";
import { DISPATCH_NAMESPACE, DRIVER_NAMESPACE, type ProposalDto } from "../../shared/src";
import type { Scenario } from "../../shared/src/contracts/scenario.schema";
import { socketIoClient } from "../support/packages";
import { type ContingencyChain, carryOutScenario } from "./live-chain";
import { type Api, type LiveDaySize, startLiveDay } from "./live-day";
import { extractPath } from "./scenario-day";

/**
 * The live day's size for a scenario, from `--live VANSxORDERS`: as given for a breakdown or a
 * burst of urgent orders; for a closure or a slowdown half the vans (at least 2) and the orders
 * whose trips it lengthens most, as test/e2e/contingency-scenarios.e2e.test.ts cuts it down, so
 * that the cut-down day uses the road.
 */
export function liveSize(scenario: Scenario, size: { vans: number; orders: number }): LiveDaySize {
  const roadEvent = scenario.events.some((event) => event.kind === "closure" || event.kind === "slowdown");
  return roadEvent
    ? { vans: Math.max(2, Math.floor(size.vans / 2)), orders: size.orders, near: "road" }
    : size;
}

/**
 * `pnpm bench contingency --live 4x30`: the scenario carried out on the real system (in this
 * process: PGlite, the embedded broker, a loopback SMTP server) as the chain tests in test/e2e do,
 * and the time each party takes to learn of it: the dispatchers (trigger to proposal), the
 * drivers (the approval's answer, then `route:changed`), webhooks (`shipment.rerouted`, then the
 * new ETAs from tracking) and customers (the e-mails sent).
 */
export async function runLiveScenario(scenario: Scenario, size: LiveDaySize): Promise<ContingencyChain> {
  const sink = await startSmtpSink();
  const adminKey = `bench-admin-${randomBytes(16).toString("hex")}`;
  const dataDir = mkdtempSync(join(tmpdir(), "waybill-bench-live-"));
  const system = await startSystem({
    env: {
      PORT: "0",
      HOST: "127.0.0.1",
      MQTT_PORT: "0",
      DATA_DIR: dataDir,
      WAYBILL_ADMIN_KEY: adminKey,
      OSM_FILE: extractPath(scenario.extract),
      SMTP_URL: sink.url,
      CONTINGENCY_COOLDOWN_MINUTES: "0",
      LOG_LEVEL: "warn",
    },
  });
  const api: Api = (path, init = {}) => {
    const { key = adminKey, json, method = "GET" } = init;
    return fetch(`${system.url}${path}`, {
      method,
      headers: {
        ...(key ? { authorization: `Bearer ${key}` } : {}),
        ...(json === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(json === undefined ? {} : { body: JSON.stringify(json) }),
    });
  };
  const socket = socketIoClient.io(`${system.url}${DISPATCH_NAMESPACE}`, {
    auth: { token: adminKey },
    transports: ["websocket"],
  });
  const proposals: { proposal: ProposalDto; at: number }[] = [];
  socket.on("proposal:created", (proposal: ProposalDto) => proposals.push({ proposal, at: Date.now() }));
  const live = { url: system.url, mqttUrl: system.mqttUrl, adminKey, api };
  const day = await startLiveDay(live, scenario, size, `bench-${randomBytes(3).toString("hex")}`);
  // Every driver listens on /driver, as the driver app does while signed in.
  const routeChanges: { vehicleId: string; at: number }[] = [];
  const drivers = day.vans.map((van) => {
    const driver = socketIoClient.io(`${system.url}${DRIVER_NAMESPACE}`, {
      auth: { token: van.driver.token },
      transports: ["websocket"],
    });
    driver.on("route:changed", () => routeChanges.push({ vehicleId: van.vehicleId, at: Date.now() }));
    return driver;
  });
  try {
    return await carryOutScenario({ ...live, db: system.database.db }, day, { proposals, routeChanges });
  } finally {
    for (const driver of drivers) driver.close();
    socket.close();
    await day.stop();
    await system.close();
    await sink.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Prints the chain's outcome and its time to tell, as docs/benchmarks.md reports them. */
export function printLiveChain(scenario: Scenario, size: LiveDaySize, chain: ContingencyChain): void {
  const { times } = chain;
  const brokenDown = scenario.events.some((event) => event.kind === "breakdown");
  const spread = (values: readonly number[]) =>
    values.length === 0
      ? "none"
      : `median ${ms(median(values))}, max ${ms(Math.max(...values))} (${values.length})`;
  console.log(
    `\n## ${scenario.name}, live: ${size.vans} vans, ${size.orders} orders${size.near === "road" ? " near the road" : ""} (seed ${scenario.seed})\n`,
  );
  console.log(
    `proposal: ${chain.proposal.why}; moved ${chain.movedOrders.length} orders, re-routed ${chain.reroutedOrders.length}; ` +
      `windows missed on the same state: naive ${chain.naive.windowsMissed}, ` +
      `Waybill ${chain.applied.windowsMissed}; Waybill's routes re-checked: ${chain.applied.check.violations.length} violations`,
  );
  console.log(
    `trigger (${brokenDown ? "incident stored" : "events posted"}) to proposal on the dispatchers' channel: ${ms(times.triggerToProposalMs)}`,
  );
  console.log(`approval to its answer (drivers' routes changed from then on):    ${ms(times.approvalMs)}`);
  console.log(
    `approval to route:changed on each changed route's /driver socket: ${spread(times.driverToldMs)}`,
  );
  console.log(
    `approval to shipment.rerouted in the outbox:                      ${spread(times.reroutedMs)}`,
  );
  console.log(
    `approval to the new ETA from tracking (shipment.eta_updated):     ${spread(times.etaUpdatedMs)}`,
  );
  console.log(
    `approval to the customer's e-mail sent (re-route, scheduled, ETA): ${spread(times.emailSentMs)}`,
  );
  console.log(
    `customer notices the rules decided: ${times.notices} (${times.notSent} not sent); ` +
      `re-routed or newly scheduled orders whose customer got none: ${times.untold}`,
  );
}

const ms = (value: number) => `${Math.round(value).toLocaleString("en-US")} ms`;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
