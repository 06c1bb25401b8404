import type { EventActor, OrderStatus, ReturnReason } from "@waybill/shared";
import { and, asc, desc, eq, getTableColumns, gte, ilike, inArray, lt, or, type SQL, sql } from "drizzle-orm";
import type {
  OrderAggregate,
  OrderState,
  StopState,
  TimelineEntry,
} from "../../../domain/orders/order-state";
import type { DbExecutor } from "../database";
import { orderEvents, orders, proofFiles, proofs, stops, trackingLinks, users, vehicles } from "../schema";

export type OrderRow = typeof orders.$inferSelect;
export type StopRow = typeof stops.$inferSelect;
/** A stop with its order's sales channel, as listings return it. */
export type ChannelledStopRow = StopRow & { readonly channel: string };

/** Which stops {@link OrdersRepository.listStops} returns; every condition given must hold. */
export interface StopsFilter {
  readonly driverId?: string;
  readonly vehicleId?: string;
  /** Only stops still to serve. */
  readonly open?: boolean;
  /** Only stops completed (served or failed) at or after this time. */
  readonly completedSince?: Date;
}

/** A stop's live ETA as tracking records it, with the route progress behind it when known. */
export interface StopEtaRecord {
  readonly at: Date;
  readonly confidence: number;
  readonly stale: boolean;
  readonly remainingM?: number | null;
  readonly drivingS?: number | null;
  readonly drivenM?: number | null;
}
export type OrderEventRow = typeof orderEvents.$inferSelect;
export type ProofRow = typeof proofs.$inferSelect;
export type ProofFileInfo = Pick<
  typeof proofFiles.$inferSelect,
  "id" | "stopId" | "kind" | "contentType" | "sizeBytes"
>;

/** An order row with its stops: what a DTO is built from. */
export interface OrderRecord {
  readonly order: OrderRow;
  readonly stops: readonly StopRow[];
}

/** Filters of the order list. */
export interface OrderListQuery {
  readonly statuses?: readonly OrderStatus[];
  readonly channel?: string;
  readonly externalRef?: string;
  /** Received at or after. */
  readonly from?: Date;
  /** Received before. */
  readonly to?: Date;
  /** Matches external reference, customer name or email (case-insensitive, substring). */
  readonly text?: string;
  readonly vehicleId?: string;
  /** Position after which the page starts: the last item of the previous page. */
  readonly after?: { readonly createdAt: Date; readonly id: string };
  readonly limit: number;
}

/** A stop still to serve. */
const OPEN_STOP = inArray(stops.status, ["unassigned", "assigned", "en_route", "arrived"]);

/** Stops with their order's channel, by vehicle route order. */
const selectStops = (executor: DbExecutor, conditions: SQL[]) =>
  executor
    .select({ ...getTableColumns(stops), channel: orders.channel })
    .from(stops)
    .innerJoin(orders, eq(orders.id, stops.orderId))
    .where(and(...conditions))
    .orderBy(asc(stops.vehicleId), asc(stops.sequence), asc(stops.createdAt))
    .limit(5000);

/** Orders, their stops and timelines, always within one organisation. */
export class OrdersRepository {
  private readonly preparedOpenStops = new WeakMap<
    DbExecutor,
    ReturnType<ReturnType<typeof selectStops>["prepare"]>
  >();

  /** Loads an order and its stops, locking the order row for the rest of the transaction. */
  async loadForUpdate(tx: DbExecutor, organisationId: string, orderId: string): Promise<OrderRecord | null> {
    const [order] = await tx
      .select()
      .from(orders)
      .where(and(eq(orders.organisationId, organisationId), eq(orders.id, orderId)))
      .for("update");
    if (!order) return null;
    return { order, stops: await this.stopsOf(tx, [order.id]) };
  }

  /** The order a stop belongs to (for stop commands), within the organisation. */
  async findStop(executor: DbExecutor, organisationId: string, stopId: string): Promise<StopRow | null> {
    const [stop] = await executor
      .select()
      .from(stops)
      .where(and(eq(stops.organisationId, organisationId), eq(stops.id, stopId)));
    return stop ?? null;
  }

  async get(executor: DbExecutor, organisationId: string, orderId: string): Promise<OrderRecord | null> {
    const [order] = await executor
      .select()
      .from(orders)
      .where(and(eq(orders.organisationId, organisationId), eq(orders.id, orderId)));
    return order ? { order, stops: await this.stopsOf(executor, [order.id]) } : null;
  }

  async findByExternalRef(
    executor: DbExecutor,
    organisationId: string,
    externalRef: string,
  ): Promise<OrderRow | null> {
    const [order] = await executor
      .select()
      .from(orders)
      .where(and(eq(orders.organisationId, organisationId), eq(orders.externalRef, externalRef)));
    return order ?? null;
  }

  /** A page of orders, newest first, with their stops. */
  async list(executor: DbExecutor, organisationId: string, query: OrderListQuery): Promise<OrderRecord[]> {
    const conditions: SQL[] = [eq(orders.organisationId, organisationId)];
    if (query.statuses?.length) conditions.push(inArray(orders.status, [...query.statuses]));
    if (query.channel) conditions.push(eq(orders.channel, query.channel));
    if (query.externalRef) conditions.push(eq(orders.externalRef, query.externalRef));
    if (query.from) conditions.push(gte(orders.receivedAt, query.from));
    if (query.to) conditions.push(lt(orders.receivedAt, query.to));
    if (query.text) {
      const pattern = `%${query.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      conditions.push(
        or(
          ilike(orders.externalRef, pattern),
          ilike(orders.customerName, pattern),
          ilike(orders.customerEmail, pattern),
        ) as SQL,
      );
    }
    if (query.vehicleId)
      conditions.push(
        sql`exists (select 1 from stops s where s.order_id = "orders"."id" and s.vehicle_id = ${query.vehicleId})`,
      );
    if (query.after) {
      const { createdAt, id } = query.after;
      conditions.push(
        or(lt(orders.createdAt, createdAt), and(eq(orders.createdAt, createdAt), lt(orders.id, id))) as SQL,
      );
    }
    const rows = await executor
      .select()
      .from(orders)
      .where(and(...conditions))
      .orderBy(desc(orders.createdAt), desc(orders.id))
      .limit(query.limit);
    const stopRows = await this.stopsOf(
      executor,
      rows.map((row) => row.id),
    );
    return rows.map((order) => ({ order, stops: stopRows.filter((stop) => stop.orderId === order.id) }));
  }

  /**
   * Stops of the organisation with their order's channel, by vehicle route order; optionally only
   * one driver's or vehicle's, only open ones, or only those completed (served or failed) since a time.
   */
  async listStops(
    executor: DbExecutor,
    organisationId: string,
    filter: StopsFilter,
  ): Promise<ChannelledStopRow[]> {
    if (filter.vehicleId && filter.open && !filter.driverId && !filter.completedSince)
      return this.openStopsOfVehicle(executor).execute({ organisationId, vehicleId: filter.vehicleId });
    const conditions: SQL[] = [eq(stops.organisationId, organisationId)];
    if (filter.driverId) conditions.push(eq(stops.driverId, filter.driverId));
    if (filter.vehicleId) conditions.push(eq(stops.vehicleId, filter.vehicleId));
    if (filter.open) conditions.push(OPEN_STOP);
    if (filter.completedSince)
      conditions.push(eq(stops.status, "completed"), gte(stops.completedAt, filter.completedSince));
    return selectStops(executor, conditions);
  }

  /**
   * One vehicle's open stops, the query live tracking repeats for every vehicle every few
   * seconds: built once per database handle (drizzle's builder costs ~0.5 ms per call, on the
   * event loop that ingests telemetry).
   */
  private openStopsOfVehicle(executor: DbExecutor) {
    let prepared = this.preparedOpenStops.get(executor);
    if (!prepared) {
      prepared = selectStops(executor, [
        eq(stops.organisationId, sql.placeholder("organisationId")),
        eq(stops.vehicleId, sql.placeholder("vehicleId")),
        OPEN_STOP,
      ]).prepare("open_stops_of_vehicle");
      this.preparedOpenStops.set(executor, prepared);
    }
    return prepared;
  }

  /** Whether a vehicle, and a driver when given, belong to the organisation (drivers: role driver). */
  async checkAssignees(
    executor: DbExecutor,
    organisationId: string,
    vehicleId: string,
    driverId: string | null,
  ): Promise<{ vehicle: boolean; driver: boolean }> {
    const [vehicle] = await executor
      .select({ id: vehicles.id })
      .from(vehicles)
      .where(and(eq(vehicles.organisationId, organisationId), eq(vehicles.id, vehicleId)));
    const [driver] = driverId
      ? await executor
          .select({ id: users.id })
          .from(users)
          .where(
            and(eq(users.organisationId, organisationId), eq(users.id, driverId), eq(users.role, "driver")),
          )
      : [{ id: null }];
    return { vehicle: vehicle !== undefined, driver: driver !== undefined };
  }

  /** Stores a stop's live ETA; the stop (to find its order), or null when it is not the organisation's. */
  async setStopEta(
    tx: DbExecutor,
    organisationId: string,
    stopId: string,
    eta: StopEtaRecord,
  ): Promise<StopRow | null> {
    const [row] = await tx
      .update(stops)
      .set({
        etaAt: eta.at,
        etaConfidence: eta.confidence,
        etaStale: eta.stale,
        etaRemainingM: eta.remainingM ?? null,
        etaDrivingS: eta.drivingS ?? null,
        etaDrivenM: eta.drivenM ?? null,
      })
      .where(and(eq(stops.organisationId, organisationId), eq(stops.id, stopId)))
      .returning();
    return row ?? null;
  }

  /** Inserts a new order (from a `createOrder` transition). */
  async insert(tx: DbExecutor, row: typeof orders.$inferInsert): Promise<void> {
    await tx.insert(orders).values(row);
  }

  /**
   * Writes what a transition changed: the order's columns, new and changed stops, and the
   * timeline entries, stamped with time and actor. Bumps the order's version.
   */
  async saveTransition(
    tx: DbExecutor,
    organisationId: string,
    before: OrderAggregate | null,
    after: OrderAggregate,
    timeline: readonly TimelineEntry[],
    stamp: { readonly at: Date; readonly actor: EventActor },
  ): Promise<void> {
    const { order } = after;
    if (before)
      await tx
        .update(orders)
        .set({
          ...orderColumns(order),
          version: sql`${orders.version} + 1`,
          updatedAt: stamp.at,
        })
        .where(eq(orders.id, order.id));
    const previous = new Map(before?.stops.map((stop) => [stop.id, stop]));
    const added = after.stops.filter((stop) => !previous.has(stop.id));
    if (added.length)
      await tx
        .insert(stops)
        .values(
          added.map((stop) => ({ ...stopColumns(stop), id: stop.id, organisationId, orderId: order.id })),
        );
    for (const stop of after.stops) {
      const old = previous.get(stop.id);
      if (old && old !== stop)
        await tx
          .update(stops)
          .set({ ...stopColumns(stop), updatedAt: stamp.at })
          .where(eq(stops.id, stop.id));
    }
    await this.appendTimeline(tx, organisationId, order.id, timeline, stamp);
  }

  /** Appends entries to an order's timeline, stamped with time and actor. */
  async appendTimeline(
    tx: DbExecutor,
    organisationId: string,
    orderId: string,
    timeline: readonly TimelineEntry[],
    stamp: { readonly at: Date; readonly actor: EventActor },
  ): Promise<void> {
    if (timeline.length)
      await tx.insert(orderEvents).values(
        timeline.map((entry) => ({
          organisationId,
          orderId,
          stopId: entry.stopId,
          at: stamp.at,
          actorKind: stamp.actor.kind,
          actorId: stamp.actor.id,
          type: entry.type,
          fromState: entry.from,
          toState: entry.to,
          cause: entry.cause,
          data: entry.data ? { ...entry.data } : null,
        })),
      );
  }

  /** The order's timeline, oldest first. */
  async timeline(executor: DbExecutor, orderId: string): Promise<OrderEventRow[]> {
    return executor
      .select()
      .from(orderEvents)
      .where(eq(orderEvents.orderId, orderId))
      .orderBy(asc(orderEvents.id));
  }

  /** Proofs of delivery of the order and the files' metadata (not their bytes). */
  async proofsOf(
    executor: DbExecutor,
    orderId: string,
  ): Promise<{ proofs: ProofRow[]; files: ProofFileInfo[] }> {
    const [proofRows, files] = await Promise.all([
      executor.select().from(proofs).where(eq(proofs.orderId, orderId)).orderBy(asc(proofs.createdAt)),
      executor
        .select({
          id: proofFiles.id,
          stopId: proofFiles.stopId,
          kind: proofFiles.kind,
          contentType: proofFiles.contentType,
          sizeBytes: proofFiles.sizeBytes,
        })
        .from(proofFiles)
        .where(eq(proofFiles.orderId, orderId))
        .orderBy(asc(proofFiles.createdAt)),
    ]);
    return { proofs: proofRows, files };
  }

  /** The live tracking link of an order (not revoked), newest first. */
  async activeTrackingLink(
    executor: DbExecutor,
    orderId: string,
  ): Promise<typeof trackingLinks.$inferSelect | null> {
    const [link] = await executor
      .select()
      .from(trackingLinks)
      .where(and(eq(trackingLinks.orderId, orderId), sql`${trackingLinks.revokedAt} is null`))
      .orderBy(desc(trackingLinks.createdAt))
      .limit(1);
    return link ?? null;
  }

  /** Rows the KPIs are computed from: orders received in [from, to), optionally of one channel. */
  async kpiRows(
    executor: DbExecutor,
    organisationId: string,
    filter: { readonly from?: Date; readonly to?: Date; readonly channel?: string },
  ): Promise<{ order: OrderRow; firstAttempt: "succeeded" | "failed" | null }[]> {
    const conditions: SQL[] = [eq(orders.organisationId, organisationId)];
    if (filter.from) conditions.push(gte(orders.receivedAt, filter.from));
    if (filter.to) conditions.push(lt(orders.receivedAt, filter.to));
    if (filter.channel) conditions.push(eq(orders.channel, filter.channel));
    // Written out in full: drizzle leaves column names unqualified in a select list, and inside
    // the subquery "id" would mean the stop's.
    const firstAttempt = sql<"succeeded" | "failed" | null>`(
      select s.outcome from stops s
      where s.order_id = "orders"."id" and s.kind = 'delivery' and s.status = 'completed'
      order by s.completed_at asc limit 1)`;
    const rows = await executor
      .select({ order: orders, firstAttempt })
      .from(orders)
      .where(and(...conditions));
    return rows;
  }

  private stopsOf(executor: DbExecutor, orderIds: readonly string[]): Promise<StopRow[]> {
    if (orderIds.length === 0) return Promise.resolve([]);
    return executor
      .select()
      .from(stops)
      .where(inArray(stops.orderId, [...orderIds]))
      .orderBy(asc(stops.createdAt), asc(stops.id));
  }
}

/** The status machine's view of stored rows. */
export function aggregateOf(record: OrderRecord): OrderAggregate {
  const { order } = record;
  return {
    order: {
      id: order.id,
      status: order.status,
      attempts: order.attempts,
      deliveredAt: order.deliveredAt,
      returnReason: order.returnReason as ReturnReason | null,
      exception: order.exception,
      feedback: order.feedback,
      destination: order.destination,
      origin: order.origin,
      timeWindows: order.timeWindows,
      serviceTimeS: order.serviceTimeS,
    },
    stops: record.stops.map(stopStateOf),
  };
}

const stopStateOf = (row: StopRow): StopState => ({
  id: row.id,
  kind: row.kind,
  purpose: row.purpose,
  status: row.status,
  outcome: row.outcome,
  failureReason: row.failureReason,
  failureNote: row.failureNote,
  place: row.place,
  timeWindows: row.timeWindows,
  serviceTimeS: row.serviceTimeS,
  vehicleId: row.vehicleId,
  driverId: row.driverId,
  sequence: row.sequence,
  plannedArrivalAt: row.plannedArrivalAt,
  arrivedAt: row.arrivedAt,
  completedAt: row.completedAt,
});

const orderColumns = (order: OrderState) => ({
  status: order.status,
  attempts: order.attempts,
  deliveredAt: order.deliveredAt,
  returnReason: order.returnReason,
  exception: order.exception,
  feedback: order.feedback,
  timeWindows: [...order.timeWindows],
});

const stopColumns = (stop: StopState) => ({
  kind: stop.kind,
  purpose: stop.purpose,
  status: stop.status,
  outcome: stop.outcome,
  failureReason: stop.failureReason,
  failureNote: stop.failureNote,
  place: stop.place,
  timeWindows: [...stop.timeWindows],
  serviceTimeS: stop.serviceTimeS,
  vehicleId: stop.vehicleId,
  driverId: stop.driverId,
  sequence: stop.sequence,
  plannedArrivalAt: stop.plannedArrivalAt,
  arrivedAt: stop.arrivedAt,
  completedAt: stop.completedAt,
});
