import { asDeviceId, MAX_TELEMETRY_PAYLOAD_BYTES } from "@waybill/shared";
import { describe, expect, it } from "vitest";
import { DecodeError } from "./decode-error";
import type { DecodedMessage } from "./decoder";
import { expectPlausibleReport } from "./expect-plausible-report";
import { decodeOwnTracks } from "./owntracks.decoder";
import { jsonPayload, readFixture, textPayload } from "./test-payloads";

const receivedAt = Date.parse("2024-06-03T12:23:36Z");
const location = { _type: "location", lat: 43.735118, lon: 7.421357, tst: 1717417014 };

function decode(payload: Uint8Array, deviceId = asDeviceId("bob/iphone")): DecodedMessage {
  const decoded = decodeOwnTracks({ deviceId, payload, receivedAt });
  for (const report of decoded.reports) expectPlausibleReport(report, { receivedAt });
  return decoded;
}

function decodeError(payload: Uint8Array): DecodeError {
  try {
    decode(payload);
  } catch (error) {
    if (error instanceof DecodeError) return error;
    throw error;
  }
  throw new Error("expected a DecodeError");
}

describe(decodeOwnTracks.name, () => {
  it("decodes an Android location, keeping tid, t and conn and ignoring the rest", () => {
    const deviceId = asDeviceId("alice/pixel7");
    const { reports, rejects } = decode(readFixture("owntracks-android-location.json"), deviceId);
    expect(rejects).toEqual([]);
    expect(reports).toEqual([
      {
        deviceId,
        fixAt: 1717416761000,
        lat: 43.7391734,
        lng: 7.4271922,
        speedKmh: 0,
        headingDeg: null,
        accuracyM: 12,
        altitudeM: 61,
        odometerKm: null,
        ignition: null,
        batteryPct: 84,
        attrs: { tid: "p7", t: "u", conn: "w" },
      },
    ]);
  });

  it("decodes an iOS location with course over ground as heading", () => {
    const { reports } = decode(readFixture("owntracks-ios-location.json"));
    expect(reports).toEqual([
      expect.objectContaining({
        fixAt: 1717417014000,
        lat: 43.735118,
        lng: 7.421357,
        speedKmh: 27,
        headingDeg: 238,
      }),
    ]);
    expect(reports[0]?.attrs).toEqual({ tid: "ip", conn: "m" });
  });

  it("accepts and ignores messages that are not locations", () => {
    const others = ["waypoint", "card", "cmd", "status", "beacon", "steps"].map((_type) =>
      jsonPayload({ _type }),
    );
    for (const payload of [
      readFixture("owntracks-android-lwt.json"),
      readFixture("owntracks-ios-transition.json"),
      ...others,
    ]) {
      expect(decode(payload)).toEqual({ reports: [], rejects: [] });
    }
  });

  it("accepts the empty payload that clears a retained message", () => {
    expect(decode(new Uint8Array(0))).toEqual({ reports: [], rejects: [] });
  });

  it("reads the apps' negative 'unknown' sensor values as absent and wraps cog 360 to 0", () => {
    const { reports } = decode(jsonPayload({ ...location, vel: -1, acc: -1, batt: -1, cog: 360 }));
    expect(reports[0]).toMatchObject({ speedKmh: null, accuracyM: null, batteryPct: null, headingDeg: 0 });
  });

  it("rejects a sensor value no store could hold, naming the field", () => {
    const json = JSON.stringify({ ...location, alt: -1e300 }).replace(/}$/, ',"cog":1e400}');
    const { rejects } = decode(textPayload(json));
    expect(rejects).toEqual([
      {
        reason: "invalid_schema",
        detail: expect.stringContaining("cog: expected a number in [0, 36000], got Infinity"),
        index: null,
      },
    ]);
    expect(rejects[0]?.detail).toContain("alt: expected a number of metres in [-12000, 100000], got -1e+300");
  });

  it("throws payload_too_large above the payload limit", () => {
    const error = decodeError(new Uint8Array(MAX_TELEMETRY_PAYLOAD_BYTES + 1).fill(0x20));
    expect(error.reason).toBe("payload_too_large");
    expect(error.message).toContain("bytes");
  });

  it("throws malformed_json for a payload that is not JSON", () => {
    const error = decodeError(textPayload("_type=location&lat=43.7"));
    expect(error.reason).toBe("malformed_json");
    expect(error.message).toMatch(/^payload is not valid JSON/);
  });

  it("throws invalid_schema naming `_type` when it is missing, and `$` for a non-object", () => {
    const missingType = decodeError(jsonPayload({ lat: 43.7, lon: 7.4, tst: 1717417014 }));
    expect([missingType.reason, missingType.field, missingType.message]).toEqual([
      "invalid_schema",
      "_type",
      "_type: is required",
    ]);
    const array = decodeError(jsonPayload([location]));
    expect([array.reason, array.field]).toEqual(["invalid_schema", "$"]);
  });

  it("rejects a location with a wrongly typed field as invalid_schema naming it", () => {
    expect(decode(jsonPayload({ ...location, lat: "43.735118" })).rejects).toEqual([
      { reason: "invalid_schema", detail: 'lat: expected a number, got "43.735118"', index: null },
    ]);
    expect(decode(jsonPayload({ ...location, tst: undefined })).rejects).toEqual([
      { reason: "invalid_schema", detail: "tst: is required", index: null },
    ]);
    expect(decode(jsonPayload({ ...location, vel: 900 })).rejects).toEqual([
      { reason: "invalid_schema", detail: "vel: expected a number in [0, 400], got 900", index: null },
    ]);
  });

  it("rejects a location outside the globe as invalid_coordinates naming lon", () => {
    expect(decode(jsonPayload({ ...location, lon: 187.4 })).rejects).toEqual([
      { reason: "invalid_coordinates", detail: "lon: 187.4 is outside [-180, 180]", index: null },
    ]);
  });

  it("rejects a tst before 2000 as invalid_time naming tst", () => {
    expect(decode(jsonPayload({ ...location, tst: 86_400 })).rejects).toEqual([
      { reason: "invalid_time", detail: "tst: 1970-01-02T00:00:00.000Z is before 2000-01-01", index: null },
    ]);
  });
});
