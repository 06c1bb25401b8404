import type { TelemetryFormat } from "../decoders/decoder";
import type { SimulatedFix } from "./simulated-vehicle";

/** Coordinates are sent with 7 decimals, about 1 cm. */
const round7 = (degrees: number): number => Math.round(degrees * 1e7) / 1e7;

/**
 * Native payload for one or more fixes: one object for a single fix, an array for a batch, as a
 * Waybill device firmware would send them.
 *
 * @example
 * encodeNativeFixes([fix]); // '{"fixAt":1717416761000,"lat":43.7384,"lng":7.4246,...}'
 */
export function encodeNativeFixes(fixes: readonly SimulatedFix[]): string {
  const objects = fixes.map((fix) => ({
    fixAt: fix.fixAt,
    lat: round7(fix.position[1]),
    lng: round7(fix.position[0]),
    speedKmh: fix.speedKmh,
    headingDeg: fix.headingDeg,
    accuracyM: fix.accuracyM,
    ignition: true,
  }));
  return JSON.stringify(objects.length === 1 ? objects[0] : objects);
}

/**
 * OwnTracks `location` payload for one fix, shaped like the Android app's in move mode (`t: "t"`,
 * timer-triggered; `conn: "m"`, mobile data). Integers where the apps send integers.
 *
 * @param deviceId `user/device`, as in the topic.
 */
export function encodeOwnTracksLocation(fix: SimulatedFix, deviceId: string): string {
  const tst = Math.floor(fix.fixAt / 1000);
  return JSON.stringify({
    _type: "location",
    acc: fix.accuracyM,
    conn: "m",
    cog: Math.round(fix.headingDeg) % 360,
    created_at: tst,
    lat: round7(fix.position[1]),
    lon: round7(fix.position[0]),
    t: "t",
    tid: deviceId.slice(-2),
    topic: `owntracks/${deviceId}`,
    tst,
    vel: Math.round(fix.speedKmh),
  });
}

/** The payload for a batch of fixes in a format (OwnTracks carries exactly one fix). */
export function encodeFixes(
  format: TelemetryFormat,
  fixes: readonly SimulatedFix[],
  deviceId: string,
): string {
  if (format === "native") return encodeNativeFixes(fixes);
  if (fixes.length !== 1) throw new RangeError(`an OwnTracks message carries 1 fix, got ${fixes.length}`);
  return encodeOwnTracksLocation(fixes[0]!, deviceId);
}
