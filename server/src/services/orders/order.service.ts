import { createHash } from "node:crypto";
import type {
  BusinessEvent,
  CreateOrderBody,
  EventActor,
  OrderDetailDto,
  OrderDto,
  PageDto,
  ReturnReason,
  RouteStopDto,
  StopDto,
  TimeWindow,
} from "@waybill/shared";
import { newId } from "../../adapters/crypto/secrets";
import type { Db, DbExecutor } from "../../adapters/db/database";
import type { IdempotencyRepository } from "../../adapters/db/repositories/idempotency.repository";
import {
  aggregateOf,
  type OrderListQuery,
  type OrderRecord,
  type OrdersRepository,
  type StopEtaRecord,
  type StopRow,
  type StopsFilter,
} from "../../adapters/db/repositories/orders.repository";
import { appendEvents } from "../../adapters/db/repositories/outbox.repository";
import { TransitionError } from "../../domain/orders/lifecycle";
import { type EventDraft, eventsOf, withMilestone } from "../../domain/orders/order-events";
import type { OrderAggregate, OrderState, Transition } from "../../domain/orders/order-state";
import {
  type Assignment,
  assignStop,
  type CommandContext,
  createOrder,
  departWithVehicle,
  recordFeedback,
  reportStop,
  requestReturn,
  rescheduleDelivery,
  returnToSender,
  type StopReport,
  setException,
  setOrderStatus,
  unassignStop,
} from "../../domain/orders/order-workflow";
import { routeChangesOf } from "../../domain/orders/route-changes";
import { normaliseWindows } from "../../domain/orders/time-windows";
import { AppError } from "../app-error";
import { orderDetailDto, orderDto, proofDtos, stopDto } from "./order-dto";
import type { TrackingLinks } from "./tracking-links";

/** Parsed body of `POST /api/v1/orders` (defaults applied). */
export type NewOrder = Omit<CreateOrderBody, "timeWindows" | "serviceTimeSeconds" | "skills" | "priority"> & {
  readonly timeWindows: readonly TimeWindow[];
  readonly serviceTimeSeconds: number;
  readonly skills: readonly string[];
  readonly priority: number;
};

/** A request's `Idempotency-Key` and the hash of the request it came with. */
export interface IdempotencyClaim {
  readonly key: string;
  readonly requestHash: string;
}

/** Who may act on a stop: anyone of the organisation, or one driver on their own stops only. */
export interface StopScope {
  readonly organisationId: string;
  readonly driverId: string | null;
}

/** Hash of what a keyed request asked for: the same key with another request is refused. */
export const requestHashOf = (method: string, path: string, body: string): string =>
  createHash("sha256").update(`${method} ${path}\n${body}`).digest("hex");

/**
 * Orders and their stops: creation (idempotent), the order system's and the drivers'
 * transitions through the one status machine, the timeline, and the outbox events each change
 * causes, all in one transaction per command.
 */
export class OrderService {
  constructor(
    private readonly db: Db,
    private readonly orders: OrdersRepository,
    private readonly idempotency: IdempotencyRepository,
    private readonly links: TrackingLinks,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /**
   * Creates an order in `received` with its delivery stop and tracking link. With an
   * idempotency claim, a retry returns the first response and creates nothing (`replayed`).
   */
  async create(
    organisationId: string,
    body: NewOrder,
    actor: EventActor,
    claim: IdempotencyClaim | null,
  ): Promise<{ order: OrderDto; replayed: boolean }> {
    if (claim) {
      const stored = await this.idempotency.find(this.db, organisationId, claim.key);
      if (stored) return { order: this.replay(stored, claim), replayed: true };
    }
    const windows = normaliseWindows(body.timeWindows, body.timeZone, "timeWindows");
    if (!windows.ok)
      throw new AppError("validation_failed", "the delivery windows cannot be used", windows.issues);
    try {
      return await this.db.transaction(async (tx) => {
        const order = await this.insertOrder(tx, organisationId, body, windows, actor);
        if (claim) {
          const fresh = await this.idempotency.store(tx, organisationId, claim.key, {
            requestHash: claim.requestHash,
            status: 201,
            response: order,
          });
          if (!fresh) throw new ConcurrentRetry();
        }
        return { order, replayed: false };
      });
    } catch (error) {
      // A concurrent request with the same key committed first: its order (and so a clash on
      // the external reference, or on the key itself) is the answer to this retry.
      if (
        claim &&
        (error instanceof ConcurrentRetry || isUniqueViolation(error, "orders_external_ref_key"))
      ) {
        const stored = await this.idempotency.find(this.db, organisationId, claim.key);
        if (stored) return { order: this.replay(stored, claim), replayed: true };
      }
      if (isUniqueViolation(error, "orders_external_ref_key")) {
        const existing = body.externalRef
          ? await this.orders.findByExternalRef(this.db, organisationId, body.externalRef)
          : null;
        throw new AppError(
          "conflict",
          `an order with externalRef ${body.externalRef} exists already (${existing?.id ?? "unknown"}); send an Idempotency-Key to retry safely`,
          [{ field: "externalRef", reason: "already used by another order" }],
          { extensions: existing ? { orderId: existing.id } : {} },
        );
      }
      throw error;
    }
  }

  private replay(stored: { requestHash: string; response: unknown }, claim: IdempotencyClaim): OrderDto {
    if (stored.requestHash !== claim.requestHash)
      throw new AppError(
        "validation_failed",
        "this Idempotency-Key was used for a different request; use a new key for a new order",
        [{ field: "Idempotency-Key", reason: "reused with a different request" }],
      );
    return stored.response as OrderDto;
  }

  /** Inserts the order, its delivery stop, timeline, tracking link and events (inside `tx`). */
  async insertOrder(
    tx: DbExecutor,
    organisationId: string,
    body: NewOrder,
    windows: { timeZone: string; windows: TimeWindow[] },
    actor: EventActor,
  ): Promise<OrderDto> {
    const now = this.clock();
    const id = newId("ord");
    const state: OrderState = {
      id,
      status: "received",
      attempts: 0,
      deliveredAt: null,
      returnReason: null,
      exception: null,
      feedback: null,
      destination: body.destination,
      origin: body.origin ?? null,
      timeWindows: windows.windows,
      serviceTimeS: body.serviceTimeSeconds,
    };
    const transition = createOrder(state, this.context(now), body.channel);
    await this.orders.insert(tx, {
      id,
      organisationId,
      channel: body.channel,
      externalRef: body.externalRef ?? null,
      status: "received",
      customerName: body.customer.name,
      customerEmail: body.customer.email ?? null,
      customerPhone: body.customer.phone ?? null,
      notifyCustomer: body.customer.notifications ?? true,
      destination: body.destination,
      origin: body.origin ?? null,
      timeZone: windows.timeZone,
      timeWindows: windows.windows,
      items: body.items,
      serviceTimeS: body.serviceTimeSeconds,
      skills: [...body.skills],
      priority: body.priority,
      notes: body.notes ?? null,
      receivedAt: now,
      createdAt: now,
      updatedAt: now,
    });
    const timeline = withMilestone(null, transition);
    await this.orders.saveTransition(tx, organisationId, null, transition.next, timeline, { at: now, actor });
    await this.links.issue(tx, organisationId, id, now);
    return this.commit(tx, organisationId, eventsOf(timeline), actor, now, id);
  }

  async get(organisationId: string, orderId: string): Promise<OrderDetailDto> {
    const record = await this.orders.get(this.db, organisationId, orderId);
    if (!record) throw new AppError("not_found", `order ${orderId} does not exist`);
    return this.detail(record);
  }

  async getByExternalRef(organisationId: string, externalRef: string): Promise<OrderDetailDto> {
    const row = await this.orders.findByExternalRef(this.db, organisationId, externalRef);
    if (!row) throw new AppError("not_found", `no order has externalRef ${externalRef}`);
    return this.get(organisationId, row.id);
  }

  /** A page of orders, newest first; `nextCursor` continues after its last item. */
  async list(
    organisationId: string,
    query: Omit<OrderListQuery, "after">,
    cursor: string | null,
  ): Promise<PageDto<OrderDto>> {
    const after = cursor ? decodeCursor(cursor) : undefined;
    const records = await this.orders.list(this.db, organisationId, {
      ...query,
      ...(after ? { after } : {}),
      limit: query.limit + 1,
    });
    const page = records.slice(0, query.limit);
    const last = page.at(-1);
    const items = await Promise.all(page.map((record) => this.dto(this.db, record)));
    return {
      items,
      nextCursor:
        records.length > query.limit && last ? encodeCursor(last.order.createdAt, last.order.id) : null,
    };
  }

  /** The order system's own transitions: `ready` or `cancelled`. */
  setStatus(
    organisationId: string,
    orderId: string,
    status: "ready" | "cancelled",
    reason: string | null,
    actor: EventActor,
  ): Promise<OrderDto> {
    return this.run(organisationId, orderId, actor, (aggregate) => setOrderStatus(aggregate, status, reason));
  }

  requestReturn(
    organisationId: string,
    orderId: string,
    request: { reason: ReturnReason; note?: string | undefined; timeWindows: readonly TimeWindow[] },
    actor: EventActor,
    timeZone: string | undefined = undefined,
  ): Promise<OrderDto> {
    return this.run(organisationId, orderId, actor, (aggregate, context, record) => {
      const windows = this.windows(request.timeWindows, timeZone ?? record.order.timeZone);
      return requestReturn(
        aggregate,
        { reason: request.reason, note: request.note ?? null, timeWindows: windows },
        context,
      );
    });
  }

  reschedule(
    organisationId: string,
    orderId: string,
    request: { timeWindows?: readonly TimeWindow[] | undefined; note?: string | undefined },
    actor: EventActor,
  ): Promise<OrderDto> {
    return this.run(organisationId, orderId, actor, (aggregate, context, record) => {
      const windows = request.timeWindows ? this.windows(request.timeWindows, record.order.timeZone) : null;
      return rescheduleDelivery(aggregate, windows, context, request.note ?? null);
    });
  }

  returnToSender(
    organisationId: string,
    orderId: string,
    reason: string | null,
    actor: EventActor,
  ): Promise<OrderDto> {
    return this.run(organisationId, orderId, actor, (aggregate) => returnToSender(aggregate, reason));
  }

  /** The customer's rating after delivery (through their tracking link). */
  recordFeedback(
    organisationId: string,
    orderId: string,
    feedback: { rating: number; comment?: string | undefined },
  ): Promise<OrderDto> {
    const actor: EventActor = { kind: "customer", id: null };
    return this.run(organisationId, orderId, actor, (aggregate, context) =>
      recordFeedback(aggregate, {
        rating: feedback.rating,
        comment: feedback.comment ?? null,
        at: context.now.toISOString(),
      }),
    );
  }

  /** The vehicle left: its planned orders are out for delivery. Returns the orders changed. */
  async departVehicle(organisationId: string, vehicleId: string, actor: EventActor): Promise<string[]> {
    const stops = await this.orders.listStops(this.db, organisationId, { vehicleId, open: true });
    const orderIds = [
      ...new Set(stops.filter((stop) => stop.kind === "delivery").map((stop) => stop.orderId)),
    ];
    const departed: string[] = [];
    for (const orderId of orderIds) {
      const order = await this.run(organisationId, orderId, actor, (aggregate) =>
        departWithVehicle(aggregate, "vehicle departed"),
      );
      if (order.status === "out_for_delivery") departed.push(orderId);
    }
    return departed;
  }

  /**
   * Raises (or clears, with null) an exception on the order; `announce` adds a business event
   * about it (say `shipment.delayed` with the ETA and the promised window).
   */
  setException(
    organisationId: string,
    orderId: string,
    exception: string | null,
    cause: string | null,
    actor: EventActor,
    announce: EventDraft | null = null,
  ): Promise<OrderDto> {
    return this.run(
      organisationId,
      orderId,
      actor,
      (aggregate) => setException(aggregate, exception, cause),
      (transition) => (announce && transition.timeline.length ? [announce] : []),
    );
  }

  /**
   * Stores a stop's live ETA; with `announce`, also tells webhooks and notifications
   * (`shipment.eta_updated`) in the same transaction.
   */
  async recordEta(
    organisationId: string,
    stopId: string,
    eta: StopEtaRecord,
    actor: EventActor,
    announce: EventDraft | null,
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      const stop = await this.orders.setStopEta(tx, organisationId, stopId, eta);
      if (stop && announce)
        await this.commit(tx, organisationId, [announce], actor, this.clock(), stop.orderId);
    });
  }

  /** Puts a stop on a vehicle's route (dispatch, the planner). */
  async assignStop(
    organisationId: string,
    stopId: string,
    assignment: Assignment,
    actor: EventActor,
    announce: EventDraft | null = null,
  ): Promise<StopDto> {
    const stop = await this.stopInScope(stopId, { organisationId, driverId: null });
    const found = await this.orders.checkAssignees(
      this.db,
      organisationId,
      assignment.vehicleId,
      assignment.driverId,
    );
    const issues = [
      ...(found.vehicle ? [] : [{ field: "vehicleId", reason: "no such vehicle in your organisation" }]),
      ...(found.driver ? [] : [{ field: "driverId", reason: "no such driver in your organisation" }]),
    ];
    if (issues.length) throw new AppError("validation_failed", "the stop cannot be assigned", issues);
    await this.run(
      organisationId,
      stop.orderId,
      actor,
      (aggregate) => assignStop(aggregate, stopId, assignment),
      () => (announce ? [announce] : []),
    );
    return this.stop(organisationId, stopId);
  }

  async unassignStop(
    organisationId: string,
    stopId: string,
    reason: string | null,
    actor: EventActor,
    announce: EventDraft | null = null,
  ): Promise<StopDto> {
    const stop = await this.stopInScope(stopId, { organisationId, driverId: null });
    await this.run(
      organisationId,
      stop.orderId,
      actor,
      (aggregate) => unassignStop(aggregate, stopId, reason),
      () => (announce ? [announce] : []),
    );
    return this.stop(organisationId, stopId);
  }

  /** Execution of a stop as a driver, dispatch or stop detection reports it. */
  async reportStop(
    scope: StopScope,
    stopId: string,
    report: StopReport,
    actor: EventActor,
  ): Promise<StopDto> {
    const stop = await this.stopInScope(stopId, scope);
    const cause = actor.kind === "system" ? "detected" : "reported";
    await this.run(scope.organisationId, stop.orderId, actor, (aggregate, context) =>
      reportStop(aggregate, stopId, report, context, cause),
    );
    return this.stop(scope.organisationId, stopId);
  }

  /** Stops of the organisation, or a driver's own, each with its order's sales channel. */
  async listStops(scope: StopScope, filter: Omit<StopsFilter, "driverId">): Promise<RouteStopDto[]> {
    const rows = await this.orders.listStops(this.db, scope.organisationId, {
      ...filter,
      ...(scope.driverId ? { driverId: scope.driverId } : {}),
    });
    return rows.map((row) => ({ ...stopDto(row), channel: row.channel }));
  }

  /** A stop the caller may act on: of their organisation and, for a driver, on their route. */
  async stopInScope(stopId: string, scope: StopScope): Promise<StopRow> {
    const stop = await this.orders.findStop(this.db, scope.organisationId, stopId);
    if (!stop || (scope.driverId !== null && stop.driverId !== scope.driverId))
      throw new AppError("not_found", `stop ${stopId} does not exist or is not on your route`);
    return stop;
  }

  private async stop(organisationId: string, stopId: string): Promise<StopDto> {
    const stop = await this.orders.findStop(this.db, organisationId, stopId);
    if (!stop) throw new AppError("not_found", `stop ${stopId} does not exist`);
    return stopDto(stop);
  }

  /**
   * Runs a command on an order in one transaction: lock, decide (the pure status machine),
   * persist the changes and the timeline, append the business events.
   */
  private async run(
    organisationId: string,
    orderId: string,
    actor: EventActor,
    command: (aggregate: OrderAggregate, context: CommandContext, record: OrderRecord) => Transition,
    extraEvents: (transition: Transition) => readonly EventDraft[] = () => [],
  ): Promise<OrderDto> {
    return this.db.transaction(async (tx) => {
      const record = await this.orders.loadForUpdate(tx, organisationId, orderId);
      if (!record) throw new AppError("not_found", `order ${orderId} does not exist`);
      const before = aggregateOf(record);
      const now = this.clock();
      const transition = refuseIllegal(() => command(before, this.context(now), record));
      const timeline = withMilestone(before, transition);
      await this.orders.saveTransition(tx, organisationId, before, transition.next, timeline, {
        at: now,
        actor,
      });
      return this.commit(
        tx,
        organisationId,
        eventsOf(timeline).concat(routeChangesOf(before, transition.next), extraEvents(transition)),
        actor,
        now,
        orderId,
      );
    });
  }

  /** Appends business events, each carrying the order as it now is. */
  private async commit(
    tx: DbExecutor,
    organisationId: string,
    drafts: readonly EventDraft[],
    actor: EventActor,
    now: Date,
    orderId: string,
  ): Promise<OrderDto> {
    const record = await this.orders.get(tx, organisationId, orderId);
    if (!record) throw new Error(`order ${orderId} vanished inside its transaction`);
    const order = await this.dto(tx, record);
    const events: BusinessEvent[] = drafts.map((draft) => {
      const stop = draft.stopId ? order.stops.find((candidate) => candidate.id === draft.stopId) : undefined;
      return {
        id: newId("evt"),
        type: draft.type,
        organisationId,
        orderId,
        occurredAt: now.toISOString(),
        actor,
        data: { ...draft.data, order, ...(stop ? { stop } : {}) },
      };
    });
    await appendEvents(tx, events);
    return order;
  }

  private async dto(executor: DbExecutor, record: OrderRecord): Promise<OrderDto> {
    const link = await this.orders.activeTrackingLink(executor, record.order.id);
    return orderDto(record, link ? this.links.urlOf(link.id) : null);
  }

  private async detail(record: OrderRecord): Promise<OrderDetailDto> {
    const [order, timeline, proofs] = await Promise.all([
      this.dto(this.db, record),
      this.orders.timeline(this.db, record.order.id),
      this.orders.proofsOf(this.db, record.order.id),
    ]);
    return orderDetailDto(
      order,
      timeline,
      proofDtos(proofs.proofs, proofs.files, (fileId) => `/api/v1/proof-files/${fileId}`),
    );
  }

  private windows(windows: readonly TimeWindow[], timeZone: string): TimeWindow[] {
    const result = normaliseWindows(windows, timeZone, "timeWindows");
    if (!result.ok) throw new AppError("validation_failed", "the time windows cannot be used", result.issues);
    return result.windows;
  }

  private context(now: Date): CommandContext {
    return { now, newStopId: () => newId("stp") };
  }
}

/** The status machine's refusals become 409 problems that name the current state. */
function refuseIllegal<T>(decide: () => T): T {
  try {
    return decide();
  } catch (error) {
    if (error instanceof TransitionError)
      throw new AppError("conflict", error.message, [], { extensions: { currentState: error.current } });
    throw error;
  }
}

/** Thrown inside a transaction to roll it back when a concurrent retry stored its response first. */
class ConcurrentRetry extends Error {}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  for (let cause = error; cause instanceof Error || (cause && typeof cause === "object"); ) {
    const record = cause as {
      code?: string;
      constraint_name?: string;
      constraint?: string;
      message?: string;
      cause?: unknown;
    };
    if (
      record.code === "23505" &&
      (record.constraint_name ?? record.constraint ?? record.message ?? "").includes(constraint)
    )
      return true;
    cause = record.cause;
    if (!cause) break;
  }
  return false;
}

const encodeCursor = (createdAt: Date, id: string): string =>
  Buffer.from(JSON.stringify([createdAt.toISOString(), id])).toString("base64url");

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, "base64url").toString()) as [string, string];
    const createdAt = new Date(at);
    if (typeof id === "string" && !Number.isNaN(createdAt.getTime())) return { createdAt, id };
  } catch {
    // fall through to the problem below
  }
  throw new AppError("validation_failed", "the cursor is not one this API returned", [
    { field: "cursor", reason: "invalid" },
  ]);
}
