import { carSpeedKmh } from "./car-speeds";
import type { OsmTags } from "./osm-extract";
import { ROAD_CLASSES, type RoadClass } from "./road-graph";

/** How a car may use a way: directions, free-flow speed, class, name. */
export interface CarWayProfile {
  /** Cars may drive in the way's node order. */
  readonly forward: boolean;
  /** Cars may drive against the way's node order. */
  readonly backward: boolean;
  /** Expected free-flow travel speed, km/h (not the limit: see {@link evaluateCarWay}). */
  readonly speedKmh: number;
  readonly roadClass: RoadClass;
  /** `junction=roundabout` or `junction=circular`. */
  readonly roundabout: boolean;
  /** `name`, else `ref`, else "". */
  readonly name: string;
}

/** The tag keys {@link evaluateCarWay} reads; readers may drop every other way tag. */
export const CAR_PROFILE_TAG_KEYS: readonly string[] = [
  "highway",
  "area",
  "service",
  "access",
  "vehicle",
  "motor_vehicle",
  "motorcar",
  "oneway",
  "oneway:vehicle",
  "oneway:motor_vehicle",
  "oneway:motorcar",
  "junction",
  "maxspeed",
  "maxspeed:forward",
  "maxspeed:backward",
  "name",
  "ref",
];

/** Access keys from most to least specific: the first with a known value decides. */
const ACCESS_KEYS = ["motorcar", "motor_vehicle", "vehicle", "access"] as const;
const ACCESS_DENIED = new Set([
  "no",
  "private",
  "customers",
  "delivery",
  "agricultural",
  "forestry",
  "emergency",
  "psv",
  "bus",
  "military",
  "permit",
]);
const ACCESS_ALLOWED = new Set(["yes", "permissive", "designated", "destination", "official"]);

const ONEWAY_KEYS = ["oneway:motorcar", "oneway:motor_vehicle", "oneway:vehicle", "oneway"] as const;
const ONEWAY_FORWARD = new Set(["yes", "1", "true"]);
const ONEWAY_BACKWARD = new Set(["-1", "reverse"]);
const ONEWAY_NONE = new Set(["no", "0", "false"]);
/** Direction changes with time of day: not routable without a schedule. */
const ONEWAY_UNROUTABLE = new Set(["reversible", "alternating"]);

const ROAD_CLASS_SET: ReadonlySet<string> = new Set(ROAD_CLASSES);

/**
 * The car profile: whether and how a car may drive a way, from its tags, or null when it may not.
 *
 * Rules, in order:
 * - `highway` must be one of {@link ROAD_CLASSES} (motorway … service, `*_link`, living_street,
 *   road); `area=yes` (squares, parking polygons) and `service=emergency_access` are not roads.
 * - Access: the most specific of `motorcar`, `motor_vehicle`, `vehicle`, `access` with a known
 *   value decides. `no`, `private`, `customers`, `delivery`, `agricultural`, `forestry`, `emergency`,
 *   `psv`, `bus`, `military`, `permit` exclude the way (a tracked van must not be routed through
 *   private or delivery-only roads as through traffic); `destination` and `permissive` are allowed.
 * - Direction: `oneway:motorcar` / `:motor_vehicle` / `:vehicle` / `oneway`; `yes|1|true` forward,
 *   `-1|reverse` backward, `no|0|false` both, `reversible|alternating` not routable. Roundabouts
 *   (`junction=roundabout|circular`), `motorway` and `motorway_link` are one-way unless tagged
 *   otherwise.
 * - Speed: from `maxspeed`, below the limit, with class defaults; see {@link carSpeedKmh}.
 *
 * @example
 * evaluateCarWay({ highway: "residential", oneway: "-1", maxspeed: "30", name: "Rue Grimaldi" });
 * // { forward: false, backward: true, speedKmh: 24, roadClass: "residential", roundabout: false, name: "Rue Grimaldi" }
 * evaluateCarWay({ highway: "footway" }); // null
 */
export function evaluateCarWay(tags: OsmTags): CarWayProfile | null {
  const highway = tags.highway;
  if (highway === undefined || !ROAD_CLASS_SET.has(highway)) return null;
  const roadClass = highway as RoadClass;
  if (tags.area === "yes" || tags.service === "emergency_access" || !isCarAccessAllowed(tags)) return null;
  const roundabout = tags.junction === "roundabout" || tags.junction === "circular";
  const direction = evaluateDirection(tags, roadClass, roundabout);
  if (direction === null) return null;
  return {
    ...direction,
    speedKmh: carSpeedKmh(tags, roadClass),
    roadClass,
    roundabout,
    name: tags.name ?? tags.ref ?? "",
  };
}

function isCarAccessAllowed(tags: OsmTags): boolean {
  for (const key of ACCESS_KEYS) {
    const value = tags[key];
    if (value === undefined) continue;
    if (ACCESS_DENIED.has(value)) return false;
    if (ACCESS_ALLOWED.has(value)) return true;
  }
  return true;
}

function evaluateDirection(
  tags: OsmTags,
  roadClass: RoadClass,
  roundabout: boolean,
): { forward: boolean; backward: boolean } | null {
  for (const key of ONEWAY_KEYS) {
    const value = tags[key];
    if (value === undefined) continue;
    if (ONEWAY_FORWARD.has(value)) return { forward: true, backward: false };
    if (ONEWAY_BACKWARD.has(value)) return { forward: false, backward: true };
    if (ONEWAY_NONE.has(value)) return { forward: true, backward: true };
    if (ONEWAY_UNROUTABLE.has(value)) return null;
  }
  const impliedOneway = roundabout || roadClass === "motorway" || roadClass === "motorway_link";
  return { forward: true, backward: !impliedOneway };
}
