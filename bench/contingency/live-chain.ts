import type { Db } from "../../server/src/adapters/db/database";
import { type notifications, outboxEvents, proposals } from "../../server/src/adapters/db/schema";
import type { DriverRouteDto, ProposalDto } from "../../shared/src";
import type { Scenario } from "../../shared/src/contracts/scenario.schema";
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

/** Everything one trigger's chain did, from the scenario's events to the customers' e-mails. */
export interface ContingencyChain {
  readonly proposal: ProposalDto;
  /** The naive rescue and the approved re-plan, on the state the proposal was made from. */
  readonly naive: RecoveryOutcome;
  readonly applied: RecoveryOutcome;
  /** The orders moved to another van (or given one). */
  readonly movedOrders: readonly string[];
  /**
   * The orders the approval announced as re-routed (`shipment.rerouted`, one each): moved, taken
   * off a van (postponed), or brought back inside their window by a new order of stops.
   */
  readonly reroutedOrders: readonly string[];
  /** Each driver's route (as the driver app fetches it) before and after. */
  readonly routes: ReadonlyMap<string, { readonly before: DriverRouteDto; readonly after: DriverRouteDto }>;
  /**
   * The customer notices the rules gave the re-route, the scheduling of orders given their first
   * van, and the moved orders' new ETAs.
   */
  readonly notices: readonly (typeof notifications.$inferSelect)[];
  readonly times: TimeToTell;
}

/** A breakdown's chain: the broken van's stops moved to working vans. */
export type BreakdownChain = ContingencyChain;

/** The kind of trigger each kind of scenario event sets off on the server. */
const TRIGGER_OF_EVENT = {
  breakdown: "breakdown",
  closure: "road_closure",
  slowdown: "road_closure",
  urgentOrders: "new_orders",
} as const satisfies Record<Scenario["events"][number]["kind"], ProposalDto["trigger"]["kind"]>;

/**
 * The scenario's breakdown carried out end to end on a live day: see {@link carryOutScenario}.
 *
 * @throws Error when the scenario breaks no van down, or as carryOutScenario.
 */
export function carryOutBreakdown(
  system: LiveSystem & { readonly db: Db },
  day: LiveDay,
  channel: DispatcherChannel,
): Promise<BreakdownChain> {
  if (!brokenVan(day.scenario, day.vans)) throw new Error(`scenario ${day.scenario.name} breaks no van down`);
  return carryOutScenario(system, day, channel);
}

/**
 * The scenario's trigger carried out end to end on a live day: its events played (a van stops and
 * its driver reports it, a road is closed or slowed, urgent orders are posted), the proposal
 * awaited on the dispatchers' channel, the naive rescue computed on the same state, the proposal
 * approved over HTTP, then the new ETAs awaited from tracking and the customers' e-mails from the
 * notification rules, with the time each took.
 *
 * @throws Error when a step does not come within its time (the proposal 60 s, the ETAs 60 s).
 */
export async function carryOutScenario(
  system: LiveSystem & { readonly db: Db },
  day: LiveDay,
  channel: DispatcherChannel,
): Promise<ContingencyChain> {
  const broken = brokenVan(day.scenario, day.vans);
  const before = await Promise.all(day.vans.map((van) => driverRoute(system, van)));
  const run = await playLiveScenario(system, day);
  await run.settled();
  const playedAt = Date.now();
  const answers = answersScenario(day.scenario, broken, playedAt);
  const seen = await poll(
    async () => channel.proposals.find((p) => answers(p.proposal)),
    `the proposal for ${day.scenario.name} on the dispatchers' channel`,
    60_000,
  );
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
  const moves = proposal.changes.filter(
    (change) => change.toVehicleId !== null && change.toVehicleId !== change.fromVehicleId,
  );
  const movedOrders = moves.map((change) => change.orderId);
  const reroutedOrders = proposal.changes.filter(announcedRerouted).map((change) => change.orderId);
  // Tracking announces a new ETA when it moves by minutes: surely for a stop on another van.
  const etaUpdates = await etaUpdatesSince(system.db, movedOrders, approvedAt, 60_000);
  const rerouted = (await system.db.select().from(outboxEvents)).filter(
    (event) => event.type === "shipment.rerouted" && event.data.proposalId === proposal.id,
  );
  // An order given its first van is told it is scheduled (its status planned), not re-routed.
  const firstVan = new Set(
    moves.filter((change) => change.fromVehicleId === null).map((change) => change.orderId),
  );
  const scheduled = (await system.db.select().from(outboxEvents)).filter(
    (event) =>
      event.type === "order.status_changed" &&
      event.data.to === "planned" &&
      firstVan.has(event.orderId ?? "") &&
      event.occurredAt >= approvedAt,
  );
  const notices = await customerNoticesOf(system.db, [...rerouted, ...scheduled, ...etaUpdates], 30_000);
  const changedVans = new Set(
    proposal.changes
      .filter(
        (change) => change.toVehicleId !== change.fromVehicleId || change.toSequence !== change.fromSequence,
      )
      .flatMap((change) => (change.toVehicleId ? [change.toVehicleId] : [])),
  );
  const driversTold = new Map(
    [...changedVans].map((vehicleId) => [
      vehicleId,
      channel.routeChanges?.find((c) => c.vehicleId === vehicleId && c.at >= approvedAt.getTime())?.at,
    ]),
  );
  return {
    proposal,
    naive: naiveOutcome(same),
    applied,
    movedOrders,
    reroutedOrders,
    routes: new Map(day.vans.map((van, i) => [van.vehicleId, { before: before[i]!, after: after[i]! }])),
    notices,
    times: await timeToTell(system.db, {
      brokenVehicleId: broken?.vehicleId ?? null,
      playedAt,
      proposalSeenAt: seen.at,
      approvedAt,
      answeredAt,
      reroutedOrders,
      affectedOrders: [...new Set([...reroutedOrders, ...firstVan])],
      etaUpdates,
      notices,
      driversTold,
    }),
  };
}

/**
 * Whether approving a change announces it as re-routed (the contingency service's rule): a stop
 * moved to another van, taken off its van (postponed), or kept on its van with its window,
 * missed before, kept now. A stop given its first van is scheduled instead.
 */
function announcedRerouted(change: ProposalDto["changes"][number]): boolean {
  if (change.fromVehicleId === null) return false;
  if (change.fromVehicleId !== change.toVehicleId) return true;
  return change.windowBefore === "missed" && change.windowAfter === "kept";
}

/**
 * Whether a proposal is the one the scenario's trigger calls for: a breakdown's, for its van; a
 * road event's or a burst of urgent orders', proposed from the state once every closure or order
 * was posted (the burst's first trigger goes at once and sees only part of it, the rest merge).
 */
function answersScenario(
  scenario: Scenario,
  broken: { readonly vehicleId: string } | undefined,
  playedAt: number,
): (proposal: ProposalDto) => boolean {
  const kinds = new Set<string>(scenario.events.map((event) => TRIGGER_OF_EVENT[event.kind]));
  if (broken) return (proposal) => proposal.trigger.vehicleId === broken.vehicleId;
  return (proposal) =>
    kinds.has(proposal.trigger.kind) &&
    proposal.status === "proposed" &&
    Date.parse(proposal.createdAt) >= playedAt;
}
