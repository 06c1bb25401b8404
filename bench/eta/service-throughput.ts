import type { RoadGraph } from "../../server/src/domain/road/road-graph";
import { RouteEngine } from "../../server/src/domain/road/route-engine";
import { createLogger } from "../../server/src/logger";
import type { ScopedPosition } from "../../server/src/ports/position-broadcaster";
import { AppError } from "../../server/src/services/app-error";
import { type TrackingOrders, TrackingService } from "../../server/src/services/tracking/tracking.service";
import type { StopDto } from "../../shared/src/contracts/http/orders.schema";
import type { LngLat } from "../../shared/src/geo";
import type { SimulatedVan } from "./simulated-day";

/** Fixes handed to tracking at once, as the pipeline hands over a stored batch. */
const BATCH = 500;

/**
 * The live tracking service itself on the simulated day: every van's fixes, in time order across
 * the fleet, in batches as the pipeline stores them, through `TrackingService` with in-memory
 * orders and alerts (no database) and the routing engine called in-process (no worker hop).
 * Returns fixes per second of CPU time: what tracking (stop detection, route following, off-route,
 * pace, ETAs, rules) costs the ingest, beside storing and broadcasting.
 */
export async function measureServiceThroughput(
  graph: RoadGraph,
  day: readonly SimulatedVan[],
): Promise<{ fixes: number; cpuMs: number; routes: number }> {
  const engine = new RouteEngine(graph);
  let routes = 0;
  const routing = {
    route: async (points: LngLat[], options: { steps: boolean }) => {
      routes++;
      const route = engine.route(points, options);
      if ("error" in route) throw new AppError("not_found", route.reason);
      return route;
    },
  };
  const alerts = { raise: async () => true, clear: async () => true };
  const tracking = new TrackingService(
    inMemoryOrders(day),
    routing,
    alerts,
    createLogger("silent"),
    undefined,
    null,
    () => latest,
  );
  const fixes: ScopedPosition[] = day.flatMap((van, v) =>
    van.fixes.map((fix) => ({ ...fix, organisationId: "org_1", vehicleId: `veh_${v}`, headingDeg: null })),
  );
  fixes.sort((a, b) => a.fixAt - b.fixAt);
  let latest = 0;
  const started = process.cpuUsage();
  for (let i = 0; i < fixes.length; i += BATCH) {
    const batch = fixes.slice(i, i + BATCH);
    latest = batch.at(-1)?.fixAt ?? latest;
    tracking.observe(batch);
    await tracking.idle();
  }
  const used = process.cpuUsage(started);
  return { fixes: fixes.length, cpuMs: (used.user + used.system) / 1000, routes };
}

/** Orders and stops of the simulated vans, kept in memory with the status changes tracking makes. */
function inMemoryOrders(day: readonly SimulatedVan[]): TrackingOrders {
  const stops = new Map<string, StopDto[]>();
  day.forEach((van, v) => {
    stops.set(
      `veh_${v}`,
      van.stops.map((stop, sequence) => ({
        id: stop.stopId,
        orderId: `ord_${stop.stopId}`,
        kind: "delivery",
        purpose: "delivery",
        status: "assigned",
        outcome: null,
        failureReason: null,
        failureNote: null,
        place: { address: "", lat: stop.lat, lng: stop.lng },
        timeWindows: [],
        serviceTimeSeconds: stop.serviceS,
        vehicleId: `veh_${v}`,
        driverId: null,
        sequence,
        plannedArrivalAt: null,
        eta: null,
        arrivedAt: null,
        completedAt: null,
      })),
    );
  });
  const find = (stopId: string) => [...stops.values()].flat().find((stop) => stop.id === stopId);
  const replace = (stop: StopDto, patch: Partial<StopDto>) => {
    const list = stops.get(stop.vehicleId ?? "") ?? [];
    list[list.indexOf(stop)] = { ...stop, ...patch };
  };
  return {
    listStops: async (_scope, filter) =>
      (stops.get(filter.vehicleId ?? "") ?? []).filter(
        (stop) => !["completed", "cancelled"].includes(stop.status),
      ),
    reportStop: async (_scope, stopId, report) => {
      const stop = find(stopId);
      if (!stop) throw new Error(`no stop ${stopId}`);
      // The driver completes the stop they just reached as the van arrives at it (no app here).
      const arrivedAt = report.status === "arrived" ? (report.at ?? new Date()).toISOString() : null;
      replace(stop, { status: report.status === "arrived" ? "completed" : report.status, arrivedAt });
      return stop;
    },
    departVehicle: async () => [],
    recordEta: async () => undefined,
    setException: async () => ({}) as never,
  };
}
