import type { DriverStopDto, StopStatus } from "@waybill/shared";

/** Statuses of a stop the driver still has to serve. */
const OPEN_STATUSES: ReadonlySet<StopStatus> = new Set(["assigned", "en_route", "arrived"]);

/** True while the driver still has to serve the stop. */
export const isOpenStop = (stop: { readonly status: StopStatus }): boolean => OPEN_STATUSES.has(stop.status);

/**
 * The stop to show large: the one under way (en route or arrived), else the first open one in
 * route order; null when the day is done.
 *
 * @example
 * selectNextStop(route.stops)?.order.customerName;
 */
export function selectNextStop(stops: readonly DriverStopDto[]): DriverStopDto | null {
  return (
    stops.find((stop) => stop.status === "en_route" || stop.status === "arrived") ??
    stops.find(isOpenStop) ??
    null
  );
}

/**
 * Where the directions to `next` start when the phone has no position: the stop served just
 * before it in route order, or null when it is the first.
 */
export function previousStop(stops: readonly DriverStopDto[], next: DriverStopDto): DriverStopDto | null {
  const index = stops.findIndex((stop) => stop.id === next.id);
  return index > 0 ? stops[index - 1]! : null;
}

/**
 * The vehicle to start the shift on: the vehicle of the first open stop (the van dispatch loaded),
 * else of any stop today; null when no stop is on a vehicle.
 */
export function routeVehicleId(stops: readonly DriverStopDto[]): string | null {
  return (
    (stops.find((stop) => isOpenStop(stop) && stop.vehicleId) ?? stops.find((stop) => stop.vehicleId))
      ?.vehicleId ?? null
  );
}
