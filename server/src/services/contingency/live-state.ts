import { createHash } from "node:crypto";
import { and, desc, eq, gte, inArray, isNull, ne, or } from "drizzle-orm";
import type { Db } from "../../adapters/db/database";
import { incidents, orders, plans, stops, vehicleStates, vehicles } from "../../adapters/db/schema";
import type { LiveStop, LiveVehicle } from "../../domain/contingency/replan-problem";
import { dispatchStopOf } from "../plans/plan-inputs";

/** A vehicle counts as in the day when it reported within this, ms. */
const RECENT_MS = 30 * 60_000;
const DEFAULT_SHIFT_MS = 8 * 3_600_000;

/** The day as it stands: vehicles (where they are, which can drive), the stops still to serve, the depot. */
export interface LiveState {
  readonly vehicles: LiveVehicle[];
  readonly stops: LiveStop[];
  readonly depot: { readonly lat: number; readonly lng: number };
  /** Fingerprint of the routes (stop, status, vehicle, sequence): changes whenever the routes do. */
  readonly basis: string;
}

/**
 * Reads the organisation's live state for re-planning: the stops on routes and those waiting
 * (unassigned stops of ready orders, open return pickups), the vehicles with stops or a recent
 * position (spares), where each is, whether it left the depot with its load and whether it is
 * out of service (an open breakdown, or `outOfService`).
 */
export async function loadLiveState(
  db: Db,
  organisationId: string,
  nowMs: number,
  outOfService: ReadonlySet<string>,
): Promise<LiveState> {
  const rows = await db
    .select({ stop: stops, order: orders })
    .from(stops)
    .innerJoin(orders, eq(orders.id, stops.orderId))
    .where(
      and(
        eq(stops.organisationId, organisationId),
        inArray(stops.status, ["unassigned", "assigned", "en_route", "arrived"]),
        or(ne(stops.status, "unassigned"), eq(orders.status, "ready"), eq(stops.purpose, "return_pickup")),
      ),
    );
  const [fleet, states, broken, lastPlan] = await Promise.all([
    db.select().from(vehicles).where(eq(vehicles.organisationId, organisationId)),
    db
      .select()
      .from(vehicleStates)
      .innerJoin(vehicles, eq(vehicles.id, vehicleStates.vehicleId))
      .where(eq(vehicles.organisationId, organisationId)),
    db
      .select({ vehicleId: incidents.vehicleId })
      .from(incidents)
      .where(
        and(
          eq(incidents.organisationId, organisationId),
          eq(incidents.kind, "breakdown"),
          isNull(incidents.resolvedAt),
          gte(incidents.reportedAt, new Date(nowMs - 86_400_000)),
        ),
      ),
    db
      .select()
      .from(plans)
      .where(
        and(
          eq(plans.organisationId, organisationId),
          eq(plans.status, "applied"),
          gte(plans.createdAt, new Date(nowMs - 86_400_000)),
        ),
      )
      .orderBy(desc(plans.appliedAt))
      .limit(1),
  ]);
  const positionOf = new Map(states.map(({ vehicle_states: state }) => [state.vehicleId, state]));
  const planned = new Map((lastPlan[0]?.vehicles ?? []).map((vehicle) => [vehicle.vehicleId, vehicle]));
  const brokenDown = new Set([
    ...outOfService,
    ...broken.flatMap((row) => (row.vehicleId ? [row.vehicleId] : [])),
  ]);
  const onRoutes = new Set(rows.flatMap(({ stop }) => (stop.vehicleId ? [stop.vehicleId] : [])));
  const firstPlanned = lastPlan[0]?.vehicles[0];
  const depot = firstPlanned?.start ?? rows.find(({ order }) => order.origin)?.order.origin ?? null;
  const departed = new Set(
    rows
      .filter(({ order, stop }) => stop.vehicleId && order.status === "out_for_delivery")
      .map(({ stop }) => stop.vehicleId as string),
  );
  const live: LiveVehicle[] = [];
  for (const vehicle of fleet) {
    const state = positionOf.get(vehicle.id);
    const recent = state !== undefined && nowMs - state.fixAt.getTime() <= RECENT_MS;
    if (!onRoutes.has(vehicle.id) && !recent) continue;
    const plan = planned.get(vehicle.id);
    const home = plan?.start ?? depot ?? (state ? { lat: state.lat, lng: state.lng } : null);
    if (!home) continue;
    live.push({
      vehicleId: vehicle.id,
      driverId:
        plan?.driverId ??
        rows.find(({ stop }) => stop.vehicleId === vehicle.id && stop.driverId)?.stop.driverId ??
        null,
      available: !brokenDown.has(vehicle.id),
      position: state ? { lat: state.lat, lng: state.lng } : home,
      end: plan?.end ?? home,
      shiftEndMs: plan?.shiftMs[1] ?? nowMs + DEFAULT_SHIFT_MS,
      capacity: plan?.capacity ?? (vehicle.capacityKg ? { weightKg: vehicle.capacityKg } : {}),
      departed: departed.has(vehicle.id),
    });
  }
  const liveStops: LiveStop[] = rows.map(({ stop, order }) => ({
    ...dispatchStopOf(stop, order),
    status: stop.status as LiveStop["status"],
    vehicleId: stop.vehicleId,
    sequence: stop.sequence,
    etaMs: stop.etaAt?.getTime() ?? null,
  }));
  return {
    vehicles: live,
    stops: liveStops,
    depot: depot ?? live[0]?.position ?? { lat: 0, lng: 0 },
    basis: fingerprint(liveStops),
  };
}

/** Fingerprint of the routes: which stop is where, in which state. */
export function fingerprint(
  stops: readonly Pick<LiveStop, "stopId" | "status" | "vehicleId" | "sequence">[],
): string {
  const lines = stops.map((s) => `${s.stopId}:${s.status}:${s.vehicleId ?? "-"}:${s.sequence ?? "-"}`).sort();
  return createHash("sha256").update(lines.join("\n")).digest("hex");
}
