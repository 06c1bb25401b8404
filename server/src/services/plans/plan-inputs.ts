import type { FieldIssue, PlanDto, PlanVehicleBody } from "@waybill/shared";
import { and, eq, inArray } from "drizzle-orm";
import type { DateTime } from "luxon";
import type { z } from "zod";
import type { Db } from "../../adapters/db/database";
import { orders, type plans, stops, users, vehicles } from "../../adapters/db/schema";
import { type DispatchStop, type DispatchVehicle, loadOfItems } from "../../domain/dispatch/dispatch-problem";
import { AppError } from "../app-error";

/** A stored plan. */
export type PlanRow = typeof plans.$inferSelect;

type PlanVehicleInput = z.output<typeof PlanVehicleBody>;

/**
 * The plan's vehicles: each must be the organisation's (and its driver a driver of it); the
 * shift is read on the plan's day in its time zone.
 */
export async function resolveVehicles(
  db: Db,
  organisationId: string,
  inputs: readonly PlanVehicleInput[],
  day: DateTime,
): Promise<DispatchVehicle[]> {
  const ids = inputs.map((input) => input.vehicleId);
  const driverIds = inputs.flatMap((input) => (input.driverId ? [input.driverId] : []));
  const [known, drivers] = await Promise.all([
    db
      .select({ id: vehicles.id, capacityKg: vehicles.capacityKg })
      .from(vehicles)
      .where(and(eq(vehicles.organisationId, organisationId), inArray(vehicles.id, ids))),
    driverIds.length
      ? db
          .select({ id: users.id })
          .from(users)
          .where(
            and(
              eq(users.organisationId, organisationId),
              eq(users.role, "driver"),
              inArray(users.id, driverIds),
            ),
          )
      : Promise.resolve([]),
  ]);
  const capacityOf = new Map(known.map((row) => [row.id, row.capacityKg]));
  const driverSet = new Set(drivers.map((row) => row.id));
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  const resolved = inputs.map((input, index): DispatchVehicle => {
    const field = `vehicles.${index}`;
    if (!capacityOf.has(input.vehicleId))
      issues.push({ field: `${field}.vehicleId`, reason: "no such vehicle in your organisation" });
    if (seen.has(input.vehicleId)) issues.push({ field: `${field}.vehicleId`, reason: "listed twice" });
    seen.add(input.vehicleId);
    if (input.driverId && !driverSet.has(input.driverId))
      issues.push({ field: `${field}.driverId`, reason: "no such driver in your organisation" });
    const shiftStart = day.set(clock(input.shift.start));
    const shiftEnd = day.set(clock(input.shift.end));
    if (shiftEnd <= shiftStart)
      issues.push({ field: `${field}.shift.end`, reason: "must be after the shift start" });
    const weightKg = input.capacity.weightKg ?? capacityOf.get(input.vehicleId) ?? undefined;
    return {
      vehicleId: input.vehicleId,
      driverId: input.driverId ?? null,
      start: input.start,
      end: input.end ?? input.start,
      shiftMs: [shiftStart.toMillis(), shiftEnd.toMillis()],
      capacity: {
        ...(weightKg === undefined ? {} : { weightKg }),
        ...(input.capacity.volumeM3 === undefined ? {} : { volumeM3: input.capacity.volumeM3 }),
        ...(input.capacity.units === undefined ? {} : { units: input.capacity.units }),
      },
      skills: input.skills,
      maxDurationS: input.maxDurationMinutes === undefined ? null : input.maxDurationMinutes * 60,
      maxDistanceM: input.maxDistanceKm === undefined ? null : input.maxDistanceKm * 1000,
      breaks: input.breaks.map((b, k) => {
        const start = day.set(clock(b.start));
        const end = day.set(clock(b.end));
        if (end < start || start < shiftStart || end > shiftEnd)
          issues.push({
            field: `${field}.breaks.${k}`,
            reason: "must start and end within the shift, the end not before the start",
          });
        return { startMs: start.toMillis(), endMs: end.toMillis(), durationS: b.durationMinutes * 60 };
      }),
      costs: input.costs ?? null,
    };
  });
  if (issues.length) throw new AppError("validation_failed", "the plan's vehicles cannot be used", issues);
  return resolved;
}

const clock = (hhmm: string) => {
  const [hour = 0, minute = 0] = hhmm.split(":").map(Number);
  return { hour, minute, second: 0, millisecond: 0 };
};

/**
 * The stops to plan: the given ones (each must be the organisation's and not yet under way), or
 * every unassigned stop whose order is ready (a first delivery, another attempt) and every open
 * return pickup.
 */
export async function loadPlannableStops(
  db: Db,
  organisationId: string,
  stopIds: readonly string[] | null,
): Promise<DispatchStop[]> {
  const rows = await db
    .select({ stop: stops, order: orders })
    .from(stops)
    .innerJoin(orders, eq(orders.id, stops.orderId))
    .where(
      and(
        eq(stops.organisationId, organisationId),
        stopIds ? inArray(stops.id, [...stopIds]) : eq(stops.status, "unassigned"),
      ),
    );
  if (stopIds) {
    const found = new Map(rows.map((row) => [row.stop.id, row.stop.status]));
    const issues = stopIds.flatMap((id, index): FieldIssue[] => {
      const status = found.get(id);
      if (!status) return [{ field: `stopIds.${index}`, reason: "no such stop in your organisation" }];
      return status === "unassigned" || status === "assigned"
        ? []
        : [{ field: `stopIds.${index}`, reason: `the stop is ${status}` }];
    });
    if (issues.length) throw new AppError("validation_failed", "some stops cannot be planned", issues);
  }
  return rows
    .filter(({ stop, order }) =>
      stopIds
        ? true
        : stop.purpose === "return_pickup" || order.status === "ready" || order.status === "planned",
    )
    .map(({ stop, order }) => dispatchStopOf(stop, order));
}

/** A stored stop and its order as the planner sees them (plans and contingency re-plans alike). */
export function dispatchStopOf(
  stop: typeof stops.$inferSelect,
  order: typeof orders.$inferSelect,
): DispatchStop {
  return {
    stopId: stop.id,
    orderId: order.id,
    kind: stop.kind,
    lat: stop.place.lat,
    lng: stop.place.lng,
    timeWindows: stop.timeWindows,
    serviceS: stop.serviceTimeS,
    load: loadOfItems(order.items),
    skills: order.skills,
    priority: order.priority,
  };
}

/** A stored plan as the API returns it. */
export function planDto(row: PlanRow): PlanDto {
  return {
    id: row.id,
    status: row.status,
    date: row.date,
    timeZone: row.timeZone,
    objective: row.objective,
    timeLimitSeconds: row.timeLimitS,
    iterations: row.iterations,
    progress: row.progress,
    summary: row.result?.summary ?? null,
    routes: row.result?.routes ?? [],
    unassigned: row.result?.unassigned ?? [],
    edited: row.edited,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    appliedAt: row.appliedAt?.toISOString() ?? null,
  };
}
