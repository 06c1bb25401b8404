import type { Db } from "../../server/src/adapters/db/database";
import { type notifications, outboxEvents, proposals } from "../../server/src/adapters/db/schema";
import type { DriverRouteDto, ProposalDto } from "../../shared/src";
import { brokenVan, driverRoute, type LiveDay, type LiveSystem, playLiveScenario, poll } from "./live-day";
import { appliedOutcome, naiveOutcome, type RecoveryOutcome, sameState } from "./recovery-check";
import { customerNoticesOf, etaUpdatesSince, type TimeToTell, timeToTell } from "./time-to-tell";

/** The live channel as the bench hears it, each message with when it came (epoch ms). */
export interface DispatcherChannel {
  /** `/dispatch`: each `proposal:created`. */
  readonly proposals: readonly { readonly proposal: ProposalDto; readonly at: number }[];
  /** `/driver`, where listened to: each `route:changed` a van's driver heard. */
  readonly routeChanges?: readonly { readonly vehicleId: string; readonly at: number }[];
}

/** Everything one breakdown's chain did, from the report to the customers' e-mails. */
export interface BreakdownChain {
  readonly proposal: ProposalDto;
  /** The naive rescue and the approved re-plan, on the state the proposal was made from. */
  readonly naive: RecoveryOutcome;
  readonly applied: RecoveryOutcome;
  /** The moved orders, and each driver's route (as the driver app fetches it) before and after. */
  readonly movedOrders: readonly string[];
  readonly routes: ReadonlyMap<string, { readonly before: DriverRouteDto; readonly after: DriverRouteDto }>;
  /** The customer notices the rules gave the re-route and the moved orders' new ETAs. */
  readonly notices: readonly (typeof notifications.$inferSelect)[];
  readonly times: TimeToTell;
}

/**
 * The scenario's breakdown carried out end to end on a live day: its events played (the van
 * stops, its driver reports it), the proposal awaited on the dispatchers' channel, the naive
 * rescue computed on the same state, the proposal approved over HTTP, then the new ETAs awaited
 * from tracking and the customers' e-mails from the notification rules, with the time each took.
 *
 * @throws Error when a step does not come within its time (the proposal 30 s, the ETAs 60 s).
 */
export async function carryOutBreakdown(
  system: LiveSystem & { readonly db: Db },
  day: LiveDay,
  channel: DispatcherChannel,
): Promise<BreakdownChain> {
  const broken = brokenVan(day.scenario, day.vans);
  if (!broken) throw new Error(`scenario ${day.scenario.name} breaks no van down`);
  const before = await Promise.all(day.vans.map((van) => driverRoute(system, van)));
  const run = await playLiveScenario(system, day);
  const seen = await poll(
    async () => channel.proposals.find((p) => p.proposal.trigger.vehicleId === broken.vehicleId),
    "the breakdown's proposal on the dispatchers' channel",
    30_000,
  );
  await run.settled();
  const { proposal } = seen;
  const row = (await system.db.select().from(proposals)).find((p) => p.id === proposal.id);
  if (!row) throw new Error(`proposal ${proposal.id} is not stored`);
  const same = await sameState(system.db, system.api, row.organisationId, row.basis);
  const approvedAt = new Date();
  const approval = await system.api(`/api/v1/proposals/${proposal.id}/approve`, { method: "POST" });
  const answeredAt = Date.now();
  if (approval.status !== 200) throw new Error(`approving: ${approval.status} ${await approval.text()}`);
  const after = await Promise.all(day.vans.map((van) => driverRoute(system, van)));
  const applied = await appliedOutcome(system.db, row.organisationId, same);
  const movedOrders = proposal.changes
    .filter((change) => change.fromVehicleId === broken.vehicleId)
    .map((change) => change.orderId);
  const etaUpdates = await etaUpdatesSince(system.db, movedOrders, approvedAt, 60_000);
  const rerouted = (await system.db.select().from(outboxEvents)).filter(
    (event) => event.type === "shipment.rerouted" && movedOrders.includes(event.orderId ?? ""),
  );
  const notices = await customerNoticesOf(system.db, [...rerouted, ...etaUpdates], 30_000);
  const takers = new Set(
    proposal.changes.filter((c) => c.fromVehicleId === broken.vehicleId).map((c) => c.toVehicleId ?? ""),
  );
  const driversTold = new Map(
    [...takers].map((vehicleId) => [
      vehicleId,
      channel.routeChanges?.find((c) => c.vehicleId === vehicleId && c.at >= approvedAt.getTime())?.at,
    ]),
  );
  return {
    proposal,
    naive: naiveOutcome(same),
    applied,
    movedOrders,
    routes: new Map(day.vans.map((van, i) => [van.vehicleId, { before: before[i]!, after: after[i]! }])),
    notices,
    times: await timeToTell(system.db, {
      brokenVehicleId: broken.vehicleId,
      proposalSeenAt: seen.at,
      approvedAt,
      answeredAt,
      movedOrders,
      etaUpdates,
      notices,
      driversTold,
    }),
  };
}
