import type { ScopedPosition } from "../../ports/position-broadcaster";

/** PostgreSQL refuses a NOTIFY payload of 8,000 bytes or more; this leaves room to spare. */
export const MAX_RELAY_PAYLOAD_BYTES = 7_900;

type Tuple = [string, string, number, number, number, number | null, number | null];

/**
 * Packs positions into as few NOTIFY payloads as fit under `maxBytes` each: a JSON array of
 * `[organisation, vehicle, fixAt, lat, lng, speedKmh, headingDeg]` tuples (about 110 bytes a
 * position, so some 70 per payload), in the order given.
 *
 * @example
 * encodePositions([{ organisationId: "org_1", vehicleId: "veh_1", fixAt: 0, lat: 43.7, lng: 7.4, speedKmh: null, headingDeg: null }]);
 * // ['[["org_1","veh_1",0,43.7,7.4,null,null]]']
 */
export function encodePositions(
  positions: readonly ScopedPosition[],
  maxBytes = MAX_RELAY_PAYLOAD_BYTES,
): string[] {
  const payloads: string[] = [];
  let parts: string[] = [];
  let bytes = 2;
  for (const p of positions) {
    const tuple: Tuple = [p.organisationId, p.vehicleId, p.fixAt, p.lat, p.lng, p.speedKmh, p.headingDeg];
    const text = JSON.stringify(tuple);
    const size = Buffer.byteLength(text) + 1;
    if (size + 2 > maxBytes) throw new RangeError(`a position of ${p.vehicleId} does not fit in a payload`);
    if (bytes + size > maxBytes) {
      payloads.push(`[${parts.join(",")}]`);
      parts = [];
      bytes = 2;
    }
    parts.push(text);
    bytes += size;
  }
  if (parts.length) payloads.push(`[${parts.join(",")}]`);
  return payloads;
}

/** Unpacks a payload of {@link encodePositions}; throws naming what is wrong when it is not one. */
export function decodePositions(payload: string): ScopedPosition[] {
  const tuples: unknown = JSON.parse(payload);
  if (!Array.isArray(tuples)) throw new TypeError("position relay payload: not an array");
  return tuples.map((tuple, index) => {
    if (!isTuple(tuple)) throw new TypeError(`position relay payload: entry ${index} is not a position`);
    const [organisationId, vehicleId, fixAt, lat, lng, speedKmh, headingDeg] = tuple;
    return { organisationId, vehicleId, fixAt, lat, lng, speedKmh, headingDeg };
  });
}

const isNumberOrNull = (value: unknown): value is number | null => value === null || Number.isFinite(value);

function isTuple(value: unknown): value is Tuple {
  return (
    Array.isArray(value) &&
    value.length === 7 &&
    typeof value[0] === "string" &&
    typeof value[1] === "string" &&
    [value[2], value[3], value[4]].every(Number.isFinite) &&
    isNumberOrNull(value[5]) &&
    isNumberOrNull(value[6])
  );
}
