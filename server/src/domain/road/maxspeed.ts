/**
 * Parsing of OSM `maxspeed` values into km/h: plain numbers (`50`), units (`30 mph`, `10 knots`),
 * implicit country/zone codes (`RO:urban`, `DE:rural`, `FR:motorway`, `DE:zone30`), `walk` and
 * `none`. See https://wiki.openstreetmap.org/wiki/Key:maxspeed.
 */

const MPH_TO_KMH = 1.609344;
const KNOT_TO_KMH = 1.852;

/** `walk` (living streets, pedestrian zones), km/h. */
export const WALK_SPEED_KMH = 7;
/** `none` (no limit, e.g. German Autobahn): assume a steady cruise, km/h. */
export const NO_LIMIT_SPEED_KMH = 130;

/** Implicit limits by zone type when the country has no entry below, km/h. */
const ZONE_SPEED_KMH: Readonly<Record<string, number>> = {
  urban: 50,
  rural: 90,
  trunk: 100,
  motorway: 130,
  living_street: WALK_SPEED_KMH,
  walk: WALK_SPEED_KMH,
  bicycle_road: 30,
  school: 30,
  pedestrian_zone: WALK_SPEED_KMH,
};

/**
 * Countries whose implicit limits differ from {@link ZONE_SPEED_KMH}, km/h. A small table of the
 * common European cases; anything else falls back to the zone defaults.
 */
const COUNTRY_ZONE_SPEED_KMH: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  AT: { rural: 100 },
  BE: { rural: 70, motorway: 120 },
  CH: { rural: 80, motorway: 120 },
  DE: { rural: 100, motorway: NO_LIMIT_SPEED_KMH },
  ES: { motorway: 120 },
  FR: { rural: 80 },
  GB: {
    urban: 30 * MPH_TO_KMH,
    rural: 60 * MPH_TO_KMH,
    nsl_single: 60 * MPH_TO_KMH,
    nsl_dual: 70 * MPH_TO_KMH,
    motorway: 70 * MPH_TO_KMH,
  },
  IT: { trunk: 110 },
  NL: { rural: 80 },
  RO: { trunk: 100 },
  US: { urban: 25 * MPH_TO_KMH, rural: 55 * MPH_TO_KMH, motorway: 65 * MPH_TO_KMH },
};

const NUMBER_WITH_UNIT = /^(\d+(?:\.\d+)?)\s*(km\/h|kmh|kph|mph|knots)?$/;
const ZONE_CODE = /^([A-Z]{2})(?:-[A-Z0-9]+)?:(.+)$/;
const ZONE_NUMBER = /^zone:?(\d+)$/;

/**
 * The speed limit a `maxspeed` value states, km/h, or null when it states none we can use
 * (`signals`, `variable`, empty, garbage). Lists (`90;30`) give their lowest value.
 *
 * @example
 * parseMaxspeedKmh("50");        // 50
 * parseMaxspeedKmh("30 mph");    // 48.28
 * parseMaxspeedKmh("RO:urban");  // 50
 * parseMaxspeedKmh("DE:zone30"); // 30
 * parseMaxspeedKmh("signals");   // null
 */
export function parseMaxspeedKmh(value: string | undefined): number | null {
  if (value === undefined) return null;
  let lowest: number | null = null;
  for (const part of value.split(";")) {
    const speedKmh = parseSingleMaxspeedKmh(part.trim());
    if (speedKmh !== null && (lowest === null || speedKmh < lowest)) lowest = speedKmh;
  }
  return lowest;
}

function parseSingleMaxspeedKmh(value: string): number | null {
  if (value === "none") return NO_LIMIT_SPEED_KMH;
  if (value === "walk") return WALK_SPEED_KMH;
  const number = NUMBER_WITH_UNIT.exec(value);
  if (number) return positiveOrNull(Number(number[1]) * unitFactor(number[2]));
  const code = ZONE_CODE.exec(value);
  if (code) return parseZoneKmh(code[1]!, code[2]!);
  return null;
}

function unitFactor(unit: string | undefined): number {
  if (unit === "mph") return MPH_TO_KMH;
  if (unit === "knots") return KNOT_TO_KMH;
  return 1;
}

function parseZoneKmh(country: string, zone: string): number | null {
  const zoneNumber = ZONE_NUMBER.exec(zone);
  if (zoneNumber) {
    const limit = Number(zoneNumber[1]);
    return positiveOrNull(country === "GB" || country === "US" ? limit * MPH_TO_KMH : limit);
  }
  return COUNTRY_ZONE_SPEED_KMH[country]?.[zone] ?? ZONE_SPEED_KMH[zone] ?? null;
}

const positiveOrNull = (speedKmh: number): number | null =>
  Number.isFinite(speedKmh) && speedKmh > 0 ? speedKmh : null;
