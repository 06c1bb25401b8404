import { parseMaxspeedKmh } from "./maxspeed";
import type { OsmTags } from "./osm-extract";
import type { RoadClass } from "./road-graph";

/**
 * Travel speed on a way without a usable `maxspeed`, km/h: what traffic typically manages on that
 * class in and around towns (below the usual limit: junctions, lights, bends).
 */
export const DEFAULT_SPEED_KMH: Readonly<Record<RoadClass, number>> = {
  motorway: 100,
  trunk: 80,
  primary: 55,
  secondary: 45,
  tertiary: 40,
  unclassified: 35,
  residential: 25,
  motorway_link: 55,
  trunk_link: 45,
  primary_link: 40,
  secondary_link: 35,
  tertiary_link: 30,
  living_street: 8,
  service: 15,
  road: 25,
};

/**
 * Share of the signposted `maxspeed` that traffic actually drives, by class: 0.9 on motorways and
 * trunks (long free stretches), 0.85 on primary and secondary roads, 0.8 elsewhere (junctions,
 * parked cars, bends, links).
 */
export const MAXSPEED_FACTOR: Readonly<Record<RoadClass, number>> = {
  motorway: 0.9,
  trunk: 0.9,
  primary: 0.85,
  secondary: 0.85,
  tertiary: 0.8,
  unclassified: 0.8,
  residential: 0.8,
  motorway_link: 0.8,
  trunk_link: 0.8,
  primary_link: 0.8,
  secondary_link: 0.8,
  tertiary_link: 0.8,
  living_street: 0.8,
  service: 0.8,
  road: 0.8,
};

/** `service=*` kinds that are slow, km/h: parking aisles, driveways, drive-throughs, alleys. */
const SLOW_SERVICE_SPEED_KMH: Readonly<Record<string, number>> = {
  parking_aisle: 10,
  driveway: 10,
  "drive-through": 10,
  alley: 15,
};

/** Slowest speed a way gets, km/h (a `maxspeed=5` parking lot times 0.8 is still crawlable). */
const MIN_SPEED_KMH = 4;

/**
 * Free-flow speed of a car on a way, km/h: `maxspeed` (else the lower of `maxspeed:forward` and
 * `maxspeed:backward`) times {@link MAXSPEED_FACTOR}; without a usable one,
 * {@link DEFAULT_SPEED_KMH}, or 10-15 km/h on parking aisles, driveways and alleys; never below
 * 4 km/h.
 *
 * @example
 * carSpeedKmh({ highway: "primary", maxspeed: "50" }, "primary"); // 42.5
 */
export function carSpeedKmh(tags: OsmTags, roadClass: RoadClass): number {
  const limitKmh =
    parseMaxspeedKmh(tags.maxspeed) ?? lowerOf(tags["maxspeed:forward"], tags["maxspeed:backward"]);
  const speedKmh =
    limitKmh !== null
      ? limitKmh * MAXSPEED_FACTOR[roadClass]
      : ((roadClass === "service" ? SLOW_SERVICE_SPEED_KMH[tags.service ?? ""] : undefined) ??
        DEFAULT_SPEED_KMH[roadClass]);
  return Math.max(MIN_SPEED_KMH, speedKmh);
}

function lowerOf(forward: string | undefined, backward: string | undefined): number | null {
  const speeds = [parseMaxspeedKmh(forward), parseMaxspeedKmh(backward)].filter((s) => s !== null);
  return speeds.length > 0 ? Math.min(...speeds) : null;
}
