import type { RouteStopDto } from "@waybill/shared";
import type { FleetTable } from "./fleet-table";

/** The driver choice that keeps only vehicles nobody is on shift with. */
export const NO_DRIVER = "none";

/**
 * The live map's filter besides status: one driver (a driver id, or {@link NO_DRIVER}) and one
 * sales channel; null means any.
 */
export interface VehicleFilter {
  readonly driver: string | null;
  readonly channel: string | null;
}

/** The filter that keeps every vehicle. */
export const ANY_VEHICLE: VehicleFilter = { driver: null, channel: null };

/** A choice of a filter's menu: the value it sets and what it reads. */
export interface FilterChoice {
  readonly value: string;
  readonly label: string;
}

/** The drivers on shift, by name (each once, though two could share a name). */
export function driverChoices(table: FleetTable): FilterChoice[] {
  const byId = new Map<string, string>();
  for (let row = 0; row < table.count; row++) {
    const driver = table.drivers[row];
    if (driver) byId.set(driver.id, driver.name);
  }
  return [...byId]
    .map(([value, label]) => ({ value, label }))
    .sort((a, b) => a.label.localeCompare(b.label) || a.value.localeCompare(b.value));
}

/** The sales channels of the stops on today's routes (unassigned stops are on none), sorted. */
export function channelChoices(stops: readonly RouteStopDto[]): FilterChoice[] {
  const channels = new Set(stops.filter((stop) => stop.vehicleId !== null).map((stop) => stop.channel));
  return [...channels].sort().map((value) => ({ value, label: value }));
}

/**
 * Ids of the vehicles the filter keeps, or null when it keeps all (the map then skips the check).
 * A vehicle matches a driver when that driver is on shift with it, and a channel when a stop of
 * its route today (open or finished) is an order of that channel.
 *
 * @example
 * vehicles.showOnly(matchingVehicleIds(table, routeStops, { driver: null, channel: "marketplace" }));
 */
export function matchingVehicleIds(
  table: FleetTable,
  stops: readonly RouteStopDto[],
  filter: VehicleFilter,
): ReadonlySet<string> | null {
  if (filter.driver === null && filter.channel === null) return null;
  const inChannel =
    filter.channel === null
      ? null
      : new Set(stops.filter((stop) => stop.channel === filter.channel).map((stop) => stop.vehicleId));
  const kept = new Set<string>();
  for (let row = 0; row < table.count; row++) {
    const id = table.ids[row]!;
    const driverId = table.drivers[row]?.id ?? NO_DRIVER;
    if (filter.driver !== null && driverId !== filter.driver) continue;
    if (inChannel !== null && !inChannel.has(id)) continue;
    kept.add(id);
  }
  return kept;
}
