import type {
  ContingencyPolicyBody,
  ContingencyPolicyDto,
  EventActor,
  LngLat,
  ProposalChangeDto,
  ProposalDto,
} from "@waybill/shared";
import { and, desc, eq } from "drizzle-orm";
import type { Logger } from "pino";
import { newId } from "../../adapters/crypto/secrets";
import type { Db } from "../../adapters/db/database";
import { contingencyPolicies, proposals, vehicles } from "../../adapters/db/schema";
import type { PlanningWorkers } from "../../adapters/planning/planning-workers";
import { autoApplyVerdict } from "../../domain/contingency/auto-apply";
import {
  currentArrivals,
  currentTotals,
  plannedTotals,
  type ReplanMatrix,
} from "../../domain/contingency/current-routes";
import {
  fleetTotals,
  type ProposedRoute,
  proposalDiff,
  worthProposing,
} from "../../domain/contingency/proposal-diff";
import {
  type LiveStop,
  type LiveVehicle,
  replanProblem,
  withMatrix,
} from "../../domain/contingency/replan-problem";
import { rerouteReason } from "../../domain/contingency/reroute-reason";
import type { TriggerKind } from "../../domain/contingency/triggers";
import type { PlanningSolution } from "../../domain/planning/planning-solution";
import type { LiveEvents } from "../../ports/live-events";
import { AppError } from "../app-error";
import type { OrderService } from "../orders/order.service";
import type { RoutingService } from "../routing.service";
import { fingerprint, loadLiveState } from "./live-state";

type ProposalRow = typeof proposals.$inferSelect;

/** What set a re-plan off. */
export interface ContingencyTrigger {
  readonly kind: TriggerKind;
  readonly vehicleId: string | null;
  readonly detail: string | null;
}

/** The actor of proposals applied by an organisation's policy. */
const AUTO_APPLY: EventActor = { kind: "system", id: "auto-apply" };

/** Until an organisation sets its own: every proposal waits for a dispatcher. */
const REVIEW_EVERYTHING: ContingencyPolicyDto = {
  autoApply: false,
  maxMovedStops: 5,
  maxExtraDistanceM: 10_000,
  maxExtraDurationS: 3_600,
  updatedAt: null,
};

/** Minutes a transfer of goods from a broken-down vehicle takes. */
const TRANSFER_S = 10 * 60;

/**
 * Contingency re-routing: from the live state (where each vehicle is, what it carries, what is
 * done), re-plans the remaining stops with the route planner, compares with the current routes
 * (stops moved, ETAs and windows before and after, extra time and distance), and proposes it
 * when it is worth it. An approved proposal is carried out through the status machine, each
 * affected order announced (`shipment.rerouted`); a proposal whose routes changed meanwhile is
 * refused.
 */
export class ContingencyService {
  constructor(
    private readonly db: Db,
    private readonly routing: RoutingService,
    private readonly planner: PlanningWorkers,
    private readonly orders: OrderService,
    private readonly live: LiveEvents,
    private readonly log: Logger,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Computes a proposal now (seconds for a day of a few hundred stops). */
  async propose(organisationId: string, trigger: ContingencyTrigger, timeLimitS = 3): Promise<ProposalDto> {
    // A broken-down or silent vehicle takes no stops in the proposal: its stops must move.
    const vehicleOut = trigger.kind === "breakdown" || trigger.kind === "vehicle_offline";
    if (vehicleOut && !trigger.vehicleId)
      throw new AppError("validation_failed", `say which vehicle: required for ${trigger.kind}`, [
        { field: "vehicleId", reason: `required for ${trigger.kind}` },
      ]);
    const now = this.clock();
    const outOfService = new Set(vehicleOut && trigger.vehicleId ? [trigger.vehicleId] : []);
    const state = await loadLiveState(this.db, organisationId, now.getTime(), outOfService);
    const base = {
      id: newId("prp"),
      organisationId,
      trigger: { kind: trigger.kind, vehicleId: trigger.vehicleId, detail: trigger.detail },
      basis: state.basis,
      createdAt: now,
    };
    if (state.stops.length === 0 || !state.vehicles.some((vehicle) => vehicle.available))
      return this.store({
        ...base,
        status: "not_needed",
        why: state.stops.length ? "no vehicle is available to take the stops" : "there are no open stops",
        changes: [],
        summary: null,
        routes: [],
      });
    const replan = replanProblem(state.vehicles, state.stops, {
      nowMs: now.getTime(),
      depot: state.depot,
      transferS: TRANSFER_S,
    });
    const points = replan.points.map((p): LngLat => [p.lng, p.lat]);
    const matrix = await this.routing.matrix(points, points);
    const flat = (cells: (number | null)[][]) =>
      Float64Array.from(cells.flat(), (value) => value ?? Number.POSITIVE_INFINITY);
    const durations = flat(matrix.durationsS);
    const distances = flat(matrix.distancesM);
    // The problem's points are the vehicles' and stops' own objects: identity finds their row.
    const rows = new Map(replan.points.map((point, i) => [point, i]));
    const current: ReplanMatrix = {
      size: points.length,
      durationsS: durations,
      distancesM: distances,
      locationOf: (point) => rows.get(point) ?? 0,
    };
    const problem = withMatrix(replan, { durationsS: durations, distancesM: distances });
    const solution = await this.planner.solve(problem, {
      objective: "cost",
      timeLimitMs: timeLimitS * 1000,
      seed: 1,
    }).result;
    const proposed = proposedRoutes(solution, replan.originMs);
    const diff = proposalDiff(
      stopsAsTheyWillGo(state.vehicles, state.stops, current, now.getTime()),
      proposed,
      solution.unassigned.map((task) => ({ stopId: task.id, reason: task.reason })),
      new Set(state.vehicles.filter((vehicle) => !vehicle.available).map((vehicle) => vehicle.vehicleId)),
    );
    const before = currentTotals(state.vehicles, state.stops, current);
    const after = plannedTotals(solution.routes, problem.matrices);
    const working = new Set(state.vehicles.filter((v) => v.available).map((v) => v.vehicleId));
    const mustMove = state.stops.some((stop) => stop.vehicleId !== null && !working.has(stop.vehicleId));
    const verdict = worthProposing(diff, before, after, mustMove);
    const [fleetBefore, fleetAfter] = [fleetTotals(before), fleetTotals(after)];
    const driverOf = new Map(state.vehicles.map((vehicle) => [vehicle.vehicleId, vehicle.driverId]));
    return this.store({
      ...base,
      status: verdict.worth ? "proposed" : "not_needed",
      why: verdict.why,
      changes: diff.changes.map(changeDto),
      summary: {
        moved: diff.moved,
        resequenced: diff.resequenced,
        postponed: diff.postponed,
        windowsKeptBefore: diff.windowsKeptBefore,
        windowsKeptAfter: diff.windowsKeptAfter,
        durationBeforeS: Math.round(fleetBefore.durationS),
        durationAfterS: Math.round(fleetAfter.durationS),
        distanceBeforeM: Math.round(fleetBefore.distanceM),
        distanceAfterM: Math.round(fleetAfter.distanceM),
      },
      routes: proposed.map((route) => ({
        vehicleId: route.vehicleId,
        driverId: driverOf.get(route.vehicleId) ?? null,
        stops: route.stops.map((stop) => ({
          stopId: stop.stopId,
          arrivalAt: new Date(stop.arrivalMs).toISOString(),
        })),
      })),
    });
  }

  /** Carries a proposal out, unless the routes changed since it was made. */
  async approve(
    organisationId: string,
    proposalId: string,
    actor: EventActor,
    keep: ReadonlySet<string> = new Set(),
  ): Promise<ProposalDto> {
    const row = await this.decidable(organisationId, proposalId);
    const unknown = [...keep].filter((stopId) => !row.changes.some((change) => change.stopId === stopId));
    if (unknown.length)
      throw new AppError(
        "validation_failed",
        "only stops the proposal changes can be kept as they are",
        unknown.map((stopId) => ({
          field: "keepStopIds",
          reason: `${stopId} is not among the proposal's changes`,
        })),
      );
    const state = await loadLiveState(this.db, organisationId, this.clock().getTime(), new Set());
    if (fingerprint(state.stops) !== row.basis) {
      await this.decide(row, "superseded", actor);
      throw new AppError(
        "conflict",
        "the routes changed since this proposal was made (a stop was served, moved or added); ask for a new one",
        [],
        { extensions: { currentState: "superseded" } },
      );
    }
    const current = new Map(state.stops.map((stop) => [stop.stopId, stop]));
    const why = rerouteReason(
      row.trigger.kind as TriggerKind,
      await this.vehicleName(organisationId, row.trigger.vehicleId),
      row.trigger.detail,
    );
    // Announced as re-routed: stops moved to another vehicle or taken off theirs (postponed), and
    // stops the new order of a route brings back inside their window (their customer may have
    // been told of the delay). An order given its first vehicle is scheduled, not re-routed.
    const rescued = new Set(
      row.changes
        .filter((change) => change.windowBefore === "missed" && change.windowAfter === "kept")
        .map((change) => change.stopId),
    );
    for (const route of row.routes)
      for (const [sequence, planned] of route.stops.entries()) {
        const stop = current.get(planned.stopId);
        if (
          !stop ||
          keep.has(stop.stopId) ||
          (stop.vehicleId === route.vehicleId && stop.sequence === sequence && !rescued.has(stop.stopId))
        )
          continue;
        if (stop.status === "arrived") continue;
        await this.orders.assignStop(
          organisationId,
          stop.stopId,
          {
            vehicleId: route.vehicleId,
            driverId: route.driverId,
            sequence,
            plannedArrivalAt: new Date(planned.arrivalAt),
          },
          actor,
          // A first van is scheduling, which the order's own status change announces.
          stop.vehicleId === null || (stop.vehicleId === route.vehicleId && !rescued.has(stop.stopId))
            ? null
            : {
                type: "shipment.rerouted",
                stopId: stop.stopId,
                data: {
                  fromVehicleId: stop.vehicleId,
                  toVehicleId: route.vehicleId,
                  eta: planned.arrivalAt,
                  proposalId,
                  why,
                },
              },
        );
      }
    for (const change of row.changes)
      if (
        change.toVehicleId === null &&
        !keep.has(change.stopId) &&
        current.get(change.stopId)?.status === "assigned"
      )
        await this.orders.unassignStop(organisationId, change.stopId, `postponed: ${change.reason}`, actor, {
          type: "shipment.rerouted",
          stopId: change.stopId,
          data: {
            fromVehicleId: change.fromVehicleId,
            toVehicleId: null,
            reason: change.reason,
            proposalId,
            why,
          },
        });
    return this.decide(row, "approved", actor);
  }

  /** The name of the vehicle a trigger concerns, for the drivers' and customers' notices. */
  private async vehicleName(organisationId: string, vehicleId: string | null): Promise<string | null> {
    if (!vehicleId) return null;
    const [vehicle] = await this.db
      .select({ name: vehicles.name })
      .from(vehicles)
      .where(and(eq(vehicles.organisationId, organisationId), eq(vehicles.id, vehicleId)));
    return vehicle?.name ?? null;
  }

  async reject(organisationId: string, proposalId: string, actor: EventActor): Promise<ProposalDto> {
    return this.decide(await this.decidable(organisationId, proposalId), "rejected", actor);
  }

  async get(organisationId: string, proposalId: string): Promise<ProposalDto> {
    return proposalDto(await this.row(organisationId, proposalId));
  }

  async list(organisationId: string): Promise<ProposalDto[]> {
    const rows = await this.db
      .select()
      .from(proposals)
      .where(eq(proposals.organisationId, organisationId))
      .orderBy(desc(proposals.createdAt))
      .limit(50);
    return rows.map(proposalDto);
  }

  /**
   * A proposal for a trigger (a delay, a breakdown, an urgent order), applied at once when the
   * organisation's policy allows it; otherwise left for a dispatcher. An automatic approval the
   * routes overtook (409) leaves the proposal superseded, as a dispatcher's would.
   */
  async proposeTriggered(organisationId: string, trigger: ContingencyTrigger): Promise<ProposalDto> {
    const proposal = await this.propose(organisationId, trigger);
    const verdict = autoApplyVerdict(await this.policy(organisationId), proposal);
    if (!verdict.apply) return proposal;
    this.log.info(
      { proposalId: proposal.id, why: verdict.why },
      "applying a contingency proposal automatically",
    );
    try {
      return await this.approve(organisationId, proposal.id, AUTO_APPLY);
    } catch (error) {
      if (error instanceof AppError && error.code === "conflict")
        return this.get(organisationId, proposal.id);
      throw error;
    }
  }

  /** The organisation's policy for triggered proposals. */
  async policy(organisationId: string): Promise<ContingencyPolicyDto> {
    const [row] = await this.db
      .select()
      .from(contingencyPolicies)
      .where(eq(contingencyPolicies.organisationId, organisationId));
    if (!row) return REVIEW_EVERYTHING;
    return {
      autoApply: row.autoApply,
      maxMovedStops: row.maxMovedStops,
      maxExtraDistanceM: row.maxExtraDistanceM,
      maxExtraDurationS: row.maxExtraDurationS,
      updatedAt: row.updatedAt.toISOString(),
    };
  }

  async setPolicy(
    organisationId: string,
    policy: Required<ContingencyPolicyBody>,
    actor: EventActor,
  ): Promise<ContingencyPolicyDto> {
    const values = { ...policy, updatedBy: actor.id, updatedAt: this.clock() };
    await this.db
      .insert(contingencyPolicies)
      .values({ organisationId, ...values })
      .onConflictDoUpdate({ target: contingencyPolicies.organisationId, set: values });
    return this.policy(organisationId);
  }

  private async store(row: Omit<ProposalRow, "error" | "decidedAt" | "decidedBy">): Promise<ProposalDto> {
    const [stored] = await this.db.insert(proposals).values(row).returning();
    const dto = proposalDto(stored as ProposalRow);
    this.live.publish(row.organisationId, "proposal:created", dto);
    return dto;
  }

  private async decide(row: ProposalRow, status: "approved" | "rejected" | "superseded", actor: EventActor) {
    const [updated] = await this.db
      .update(proposals)
      .set({ status, decidedAt: this.clock(), decidedBy: actor.id })
      .where(eq(proposals.id, row.id))
      .returning();
    const dto = proposalDto(updated as ProposalRow);
    this.live.publish(row.organisationId, "proposal:decided", dto);
    return dto;
  }

  private async decidable(organisationId: string, proposalId: string): Promise<ProposalRow> {
    const row = await this.row(organisationId, proposalId);
    if (row.status !== "proposed")
      throw new AppError(
        "conflict",
        `proposal ${proposalId} is ${row.status}; only a proposed one can be decided`,
        [],
        {
          extensions: { currentState: row.status },
        },
      );
    return row;
  }

  private async row(organisationId: string, proposalId: string): Promise<ProposalRow> {
    const [row] = await this.db
      .select()
      .from(proposals)
      .where(and(eq(proposals.organisationId, organisationId), eq(proposals.id, proposalId)));
    if (!row) throw new AppError("not_found", `proposal ${proposalId} does not exist`);
    return row;
  }
}

/** The stops of each route in order (a transfer counts at its delivery), with arrival times. */
function proposedRoutes(solution: PlanningSolution, originMs: number): ProposedRoute[] {
  return solution.routes.map((route) => ({
    vehicleId: route.vehicleId,
    stops: route.steps
      .filter((step) => step.id !== undefined && (step.type === "job" || step.type === "delivery"))
      .map((step) => ({ stopId: step.id as string, arrivalMs: originMs + step.arrivalS * 1000 })),
  }));
}

/**
 * The open stops with the ETA they have if nothing changes: the later of tracking's ETA and the
 * current route re-timed on the roads as they are now. Tracking's knows the vehicle's pace but
 * may predate a closure or slowdown posted seconds ago (it recomputes at most every 30 s per
 * vehicle); the re-timing knows the roads but not the pace. Either saying late is a risk.
 */
function stopsAsTheyWillGo(
  vehicles: readonly LiveVehicle[],
  stops: readonly LiveStop[],
  matrix: ReplanMatrix,
  nowMs: number,
): LiveStop[] {
  const arrivals = currentArrivals(vehicles, stops, matrix, nowMs);
  return stops.map((stop) => {
    const retimed = arrivals.get(stop.stopId);
    if (retimed === undefined) return stop;
    return { ...stop, etaMs: Math.max(stop.etaMs ?? retimed, retimed) };
  });
}

function changeDto(change: ReturnType<typeof proposalDiff>["changes"][number]): ProposalChangeDto {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    stopId: change.stopId,
    orderId: change.orderId,
    fromVehicleId: change.fromVehicleId,
    toVehicleId: change.toVehicleId,
    fromSequence: change.fromSequence,
    toSequence: change.toSequence,
    etaBefore: iso(change.etaBeforeMs),
    etaAfter: iso(change.etaAfterMs),
    windowBefore: change.windowBefore,
    windowAfter: change.windowAfter,
    reason: change.reason,
  };
}

function proposalDto(row: ProposalRow): ProposalDto {
  return {
    id: row.id,
    status: row.status,
    trigger: row.trigger,
    why: row.why,
    changes: row.changes,
    summary: row.summary,
    routes: row.routes.map((route) => ({
      vehicleId: route.vehicleId,
      stopIds: route.stops.map((s) => s.stopId),
    })),
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decidedBy: row.decidedBy,
  };
}
