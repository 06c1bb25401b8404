import { and, desc, eq, gte, inArray } from "drizzle-orm";
import type { Db } from "../../adapters/db/database";
import { plans, stops } from "../../adapters/db/schema";

/** A vehicle's planned departure from its start, from the applied plan. */
export interface PlannedDeparture {
  readonly organisationId: string;
  readonly vehicleId: string;
  /** The plan's departure from the start, epoch ms. */
  readonly plannedAt: number;
  /** One of its stops is under way, reached or done. */
  readonly departed: boolean;
}

/** Where the sweep learns planned departures (the applied plans). */
export interface PlannedDepartures {
  /** Departures planned between `from` and `to` of routes that still have a stop on their vehicle. */
  between(from: number, to: number): Promise<PlannedDeparture[]>;
}

/** Plans applied this long ago may still hold a departure being judged, ms. */
const APPLIED_WITHIN_MS = 7 * 24 * 3_600_000;
const UNDER_WAY = new Set(["en_route", "arrived", "completed"]);

/**
 * Planned departures from the applied plans: for each vehicle, the route of the newest plan
 * applied to it, with whether it has left (a stop of that route still on the vehicle is en
 * route, reached or completed). A route whose stops all went to other vehicles or were cancelled
 * is no departure any more.
 */
export class DrizzlePlannedDepartures implements PlannedDepartures {
  constructor(
    private readonly db: Db,
    private readonly clock: () => number = Date.now,
  ) {}

  async between(from: number, to: number): Promise<PlannedDeparture[]> {
    const rows = await this.db
      .select({ organisationId: plans.organisationId, result: plans.result })
      .from(plans)
      .where(
        and(eq(plans.status, "applied"), gte(plans.appliedAt, new Date(this.clock() - APPLIED_WITHIN_MS))),
      )
      .orderBy(desc(plans.appliedAt));
    const routes = new Map<string, { organisationId: string; plannedAt: number; stopIds: string[] }>();
    for (const row of rows)
      for (const route of row.result?.routes ?? []) {
        const key = `${row.organisationId}:${route.vehicleId}`;
        if (routes.has(key)) continue;
        routes.set(key, {
          organisationId: row.organisationId,
          plannedAt: Date.parse(route.startAt),
          stopIds: route.stops.map((stop) => stop.stopId),
        });
      }
    const due = [...routes.entries()].filter(([, r]) => r.plannedAt >= from && r.plannedAt <= to);
    const ids = due.flatMap(([, r]) => r.stopIds);
    if (ids.length === 0) return [];
    const found = await this.db
      .select({ id: stops.id, status: stops.status, vehicleId: stops.vehicleId })
      .from(stops)
      .where(inArray(stops.id, ids));
    const byId = new Map(found.map((stop) => [stop.id, stop]));
    return due.flatMap(([key, route]) => {
      const vehicleId = key.slice(route.organisationId.length + 1);
      const mine = route.stopIds
        .map((id) => byId.get(id))
        .filter((stop) => stop && stop.vehicleId === vehicleId && stop.status !== "cancelled");
      if (mine.length === 0) return [];
      const departed = mine.some((stop) => UNDER_WAY.has(stop?.status ?? ""));
      return [{ organisationId: route.organisationId, vehicleId, plannedAt: route.plannedAt, departed }];
    });
  }
}
