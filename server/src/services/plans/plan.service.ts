import type {
  CreatePlanBody,
  EventActor,
  LngLat,
  PlanDto,
  PlannedRouteDto,
  PlanProgressDto,
  PlanStatus,
} from "@waybill/shared";
import { and, desc, eq } from "drizzle-orm";
import { DateTime } from "luxon";
import type { z } from "zod";
import { newId } from "../../adapters/crypto/secrets";
import type { Db } from "../../adapters/db/database";
import { plans } from "../../adapters/db/schema";
import type { PlanningRun, PlanningWorkers } from "../../adapters/planning/planning-workers";
import {
  type DispatchStop,
  type DispatchVehicle,
  dispatchProblem,
  dispatchRoutes,
  problemPoints,
  stopsCutOffByRoad,
} from "../../domain/dispatch/dispatch-problem";
import { retimeRoute } from "../../domain/dispatch/retime-route";
import { PlanningInputError } from "../../domain/planning/planning-input-error";
import type { LiveEvents } from "../../ports/live-events";
import { AppError } from "../app-error";
import type { OrderService } from "../orders/order.service";
import type { RoutingService } from "../routing.service";
import { loadPlannableStops, type PlanRow, planDto, resolveVehicles } from "./plan-inputs";

type CreatePlan = z.output<typeof CreatePlanBody>;

/** What applying a plan did, stop by stop. */
export interface ApplyReport {
  readonly applied: number;
  readonly failed: readonly { readonly stopId: string; readonly reason: string }[];
}

/**
 * Route plans for a day: builds the problem from the organisation's stops and the road network's
 * matrix, solves it in a worker thread with progress on the live channel, keeps the result with
 * the road geometry, lets a dispatcher move stops by hand (re-timed, with warnings) and applies
 * it to the stops (orders become `planned`).
 */
export class PlanService {
  private readonly running = new Map<string, PlanningRun>();
  /** Each running plan's progress stores, chained in order. */
  private readonly progressWrites = new Map<string, Promise<void>>();

  constructor(
    private readonly db: Db,
    private readonly routing: RoutingService,
    private readonly planner: PlanningWorkers,
    private readonly live: LiveEvents,
    private readonly orders: OrderService,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Marks plans left running by a stopped server as failed (their worker is gone). */
  async recoverInterrupted(): Promise<void> {
    await this.db
      .update(plans)
      .set({
        status: "failed",
        error: "interrupted by a server restart; start it again",
        finishedAt: this.clock(),
      })
      .where(eq(plans.status, "running"));
  }

  /** Starts a plan; it runs in the background, reporting progress, and is fetched when finished. */
  async create(organisationId: string, body: CreatePlan, actor: EventActor): Promise<PlanDto> {
    const day = DateTime.fromISO(body.date, { zone: body.timeZone });
    if (!day.isValid)
      throw new AppError("validation_failed", "the date or time zone is not valid", [
        { field: "timeZone", reason: day.invalidExplanation ?? "invalid" },
      ]);
    const vehicles = await resolveVehicles(this.db, organisationId, body.vehicles, day);
    const stops = await loadPlannableStops(this.db, organisationId, body.stopIds ?? null);
    if (stops.length === 0)
      throw new AppError(
        "validation_failed",
        "there is nothing to plan: no unassigned stop of a ready order",
        [{ field: "stopIds", reason: "no plannable stops" }],
      );
    const row: PlanRow = {
      id: newId("pln"),
      organisationId,
      status: "running",
      date: body.date,
      timeZone: body.timeZone,
      objective: body.objective,
      timeLimitS: body.timeLimitSeconds,
      iterations: body.iterations ?? null,
      seed: body.seed ?? 1,
      vehicles,
      stops,
      progress: null,
      result: null,
      edited: false,
      error: null,
      createdBy: actor.id,
      createdAt: this.clock(),
      finishedAt: null,
      appliedAt: null,
    };
    await this.db.insert(plans).values(row);
    void this.run(row, day.startOf("day").toMillis());
    return planDto(row);
  }

  async get(organisationId: string, planId: string): Promise<PlanDto> {
    return planDto(await this.row(organisationId, planId));
  }

  async list(organisationId: string): Promise<PlanDto[]> {
    const rows = await this.db
      .select()
      .from(plans)
      .where(eq(plans.organisationId, organisationId))
      .orderBy(desc(plans.createdAt))
      .limit(50);
    return rows.map(planDto);
  }

  /** Stops a running plan early: it finishes with the best routes found so far. */
  async cancel(organisationId: string, planId: string): Promise<PlanDto> {
    const row = await this.row(organisationId, planId);
    const run = this.running.get(planId);
    if (row.status !== "running" || !run)
      throw new AppError("conflict", `plan ${planId} is ${row.status}, not running`, [], {
        extensions: { currentState: row.status },
      });
    run.cancel();
    await run.result.catch(() => undefined);
    return this.get(organisationId, planId);
  }

  /**
   * Moves a stop by hand to a position in a route (or out of every route). Both routes are
   * re-timed on the road network and checked; problems come back as warnings, not refusals.
   */
  async move(
    organisationId: string,
    planId: string,
    move: { stopId: string; vehicleId: string | null; index: number },
  ): Promise<PlanDto> {
    const row = await this.editable(organisationId, planId);
    const result = row.result as NonNullable<PlanRow["result"]>;
    const stop = row.stops.find((candidate) => candidate.stopId === move.stopId);
    if (!stop)
      throw new AppError("validation_failed", `stop ${move.stopId} is not part of this plan`, [
        { field: "stopId", reason: "not in the plan" },
      ]);
    const target = move.vehicleId === null ? null : row.vehicles.find((v) => v.vehicleId === move.vehicleId);
    if (target === undefined)
      throw new AppError("validation_failed", `vehicle ${move.vehicleId} is not part of this plan`, [
        { field: "vehicleId", reason: "not in the plan" },
      ]);
    const sequences = new Map(
      result.routes.map((route) => [route.vehicleId, route.stops.map((s) => s.stopId)]),
    );
    const source = [...sequences].find(([, ids]) => ids.includes(move.stopId))?.[0] ?? null;
    if (source)
      sequences.set(
        source,
        (sequences.get(source) ?? []).filter((id) => id !== move.stopId),
      );
    if (target) {
      const ids = sequences.get(target.vehicleId) ?? [];
      ids.splice(Math.min(move.index, ids.length), 0, move.stopId);
      sequences.set(target.vehicleId, ids);
    }
    const changed = new Set(
      [source, target?.vehicleId].filter((id): id is string => id !== null && id !== undefined),
    );
    const routes: PlannedRouteDto[] = [];
    for (const vehicle of row.vehicles) {
      const ids = sequences.get(vehicle.vehicleId);
      if (!ids) continue;
      const previous = result.routes.find((route) => route.vehicleId === vehicle.vehicleId);
      if (previous && !changed.has(vehicle.vehicleId)) routes.push(previous);
      else if (ids.length)
        routes.push(
          await this.timedRoute(
            vehicle,
            ids.map((id) => stopOf(row, id)),
          ),
        );
    }
    const unassigned = [
      ...result.unassigned.filter((entry) => entry.stopId !== move.stopId),
      ...(target ? [] : [{ stopId: stop.stopId, orderId: stop.orderId, reason: "taken out by hand" }]),
    ];
    const next = { routes, unassigned, summary: summarise(routes, unassigned.length) };
    await this.db.update(plans).set({ result: next, edited: true }).where(eq(plans.id, planId));
    return this.get(organisationId, planId);
  }

  /** Assigns every planned stop to its vehicle and driver in route order; the orders become planned. */
  async apply(organisationId: string, planId: string, actor: EventActor): Promise<ApplyReport> {
    const row = await this.editable(organisationId, planId);
    const result = row.result as NonNullable<PlanRow["result"]>;
    const failed: { stopId: string; reason: string }[] = [];
    let applied = 0;
    for (const route of result.routes)
      for (const [sequence, stop] of route.stops.entries()) {
        try {
          await this.orders.assignStop(
            organisationId,
            stop.stopId,
            {
              vehicleId: route.vehicleId,
              driverId: route.driverId,
              sequence,
              plannedArrivalAt: new Date(stop.arrivalAt),
            },
            actor,
          );
          applied++;
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          failed.push({ stopId: stop.stopId, reason: error.message });
        }
      }
    await this.db
      .update(plans)
      .set({ status: "applied", appliedAt: this.clock() })
      .where(eq(plans.id, planId));
    return { applied, failed };
  }

  /** Solves in a worker; stores progress and the result; tells the live channel. */
  private async run(row: PlanRow, originMs: number): Promise<void> {
    let status: PlanStatus = "failed";
    try {
      const points = problemPoints(row.vehicles, row.stops).map((p): LngLat => [p.lng, p.lat]);
      const matrix = await this.routing.matrix(points, points);
      const unroutable = matrix.sources.flatMap((source, index) => ("error" in source ? [index] : []));
      if (unroutable.some((index) => index < 2 * row.vehicles.length))
        throw new AppError("validation_failed", "a vehicle's start or end is not near a road");
      const flat = (cells: (number | null)[][]) =>
        Float64Array.from(cells.flat(), (v) => v ?? Number.POSITIVE_INFINITY);
      const problem = dispatchProblem(
        row.vehicles,
        row.stops,
        { durationsS: flat(matrix.durationsS), distancesM: flat(matrix.distancesM) },
        originMs,
      );
      const run = this.planner.solve(
        problem,
        {
          objective: row.objective === "vehicles" ? "vehicles" : "cost",
          timeLimitMs: row.timeLimitS * 1000,
          ...(row.iterations === null ? {} : { iterationLimit: row.iterations }),
          seed: row.seed,
        },
        (progress) => this.progress(row, progress),
      );
      this.running.set(row.id, run);
      const solution = await run.result;
      const timed = dispatchRoutes(solution, row.vehicles, row.stops, originMs);
      const routes = await Promise.all(timed.map((route) => this.withGeometry(route, row)));
      const stopById = new Map(row.stops.map((stop) => [stop.stopId, stop]));
      const cutOff = new Set(
        stopsCutOffByRoad(row.vehicles.length, row.stops.length, (from, to) => matrix.durationsS[from]![to]!),
      );
      const reasonOf = (stopIndex: number, reason: string) => {
        if (unroutable.includes(2 * row.vehicles.length + stopIndex)) return "address_not_near_a_road";
        return cutOff.has(stopIndex) ? "no_road_connection" : reason;
      };
      const unassigned = solution.unassigned.map((task) => ({
        stopId: task.id,
        orderId: stopById.get(task.id)?.orderId ?? "",
        reason: reasonOf(
          row.stops.findIndex((s) => s.stopId === task.id),
          task.reason,
        ),
      }));
      status = solution.search.cancelled ? "cancelled" : "succeeded";
      const result = { routes, unassigned, summary: summarise(routes, unassigned.length) };
      await this.progressStored(row.id);
      await this.finish(row, { status, result });
    } catch (error) {
      const message =
        error instanceof AppError || error instanceof PlanningInputError
          ? error.message
          : "the planner failed";
      await this.progressStored(row.id);
      await this.finish(row, { status: "failed", error: message });
    } finally {
      this.running.delete(row.id);
      this.live.publish(row.organisationId, "plan:finished", { planId: row.id, status });
    }
  }

  /**
   * Publishes a progress report and stores it. The stores run one after another per plan: on a
   * pool of connections two quick reports could otherwise land out of order, leaving an earlier
   * one as the plan's last (seen: a finished plan showing 0 iterations).
   */
  private progress(row: PlanRow, progress: Omit<PlanProgressDto, "planId">): void {
    const dto: PlanProgressDto = { planId: row.id, ...progress };
    this.live.publish(row.organisationId, "plan:progress", dto);
    const write = async () => {
      await this.db
        .update(plans)
        .set({ progress: dto })
        .where(and(eq(plans.id, row.id), eq(plans.status, "running")));
    };
    const previous = this.progressWrites.get(row.id) ?? Promise.resolve();
    // A failed write leaves the previous report; the result, stored next, is what counts.
    this.progressWrites.set(
      row.id,
      previous.then(write).catch(() => undefined),
    );
  }

  /** Waits for a plan's progress reports to be stored, so that the result is stored after them. */
  private async progressStored(planId: string): Promise<void> {
    await this.progressWrites.get(planId);
    this.progressWrites.delete(planId);
  }

  private async finish(row: PlanRow, outcome: Partial<PlanRow>): Promise<void> {
    await this.db
      .update(plans)
      .set({ ...outcome, finishedAt: this.clock() })
      .where(eq(plans.id, row.id));
  }

  /** Re-times a route edited by hand, on the road network's legs. */
  private async timedRoute(vehicle: DispatchVehicle, stops: DispatchStop[]): Promise<PlannedRouteDto> {
    const points = [vehicle.start, ...stops, vehicle.end].map((p): LngLat => [p.lng, p.lat]);
    const road = await this.routing.route(points, { steps: false });
    return { ...retimeRoute(vehicle, stops, road.legs), geometry: road.geometry };
  }

  private async withGeometry(
    route: Omit<PlannedRouteDto, "geometry">,
    row: PlanRow,
  ): Promise<PlannedRouteDto> {
    const vehicle = row.vehicles.find((candidate) => candidate.vehicleId === route.vehicleId);
    if (!vehicle) return { ...route, geometry: null };
    const points = [vehicle.start, ...route.stops, vehicle.end].map((p): LngLat => [p.lng, p.lat]);
    const road = await this.routing.route(points, { steps: false }).catch(() => null);
    return { ...route, geometry: road?.geometry ?? null };
  }

  private async row(organisationId: string, planId: string): Promise<PlanRow> {
    const [row] = await this.db
      .select()
      .from(plans)
      .where(and(eq(plans.organisationId, organisationId), eq(plans.id, planId)));
    if (!row) throw new AppError("not_found", `plan ${planId} does not exist`);
    return row;
  }

  /** A finished plan that was not applied yet. */
  private async editable(organisationId: string, planId: string): Promise<PlanRow> {
    const row = await this.row(organisationId, planId);
    if ((row.status !== "succeeded" && row.status !== "cancelled") || !row.result)
      throw new AppError(
        "conflict",
        `plan ${planId} is ${row.status}; only a finished plan can be changed or applied`,
        [],
        {
          extensions: { currentState: row.status },
        },
      );
    return row;
  }
}

function stopOf(row: PlanRow, stopId: string): DispatchStop {
  const stop = row.stops.find((candidate) => candidate.stopId === stopId);
  if (!stop) throw new Error(`stop ${stopId} vanished from plan ${row.id}`);
  return stop;
}

function summarise(routes: readonly PlannedRouteDto[], unassigned: number): NonNullable<PlanDto["summary"]> {
  return {
    distanceM: routes.reduce((sum, route) => sum + route.distanceM, 0),
    durationS: routes.reduce((sum, route) => sum + route.durationS, 0),
    vehicles: routes.filter((route) => route.stops.length > 0).length,
    unassigned,
  };
}
