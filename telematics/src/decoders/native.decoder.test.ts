import { asDeviceId, MAX_TELEMETRY_PAYLOAD_BYTES } from "@waybill/shared";
import { describe, expect, it } from "vitest";
import { DecodeError } from "./decode-error";
import type { DecodedMessage } from "./decoder";
import { expectPlausibleReport } from "./expect-plausible-report";
import { decodeNative } from "./native.decoder";
import { jsonPayload, readFixture, textPayload } from "./test-payloads";

const deviceId = asDeviceId("van-7");
const receivedAt = Date.parse("2024-06-03T12:12:43Z");
const validFix = { fixAt: "2024-06-03T12:12:41Z", lat: 43.73842, lng: 7.42461 };

function decode(payload: Uint8Array): DecodedMessage {
  const decoded = decodeNative({ deviceId, payload, receivedAt });
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

describe(decodeNative.name, () => {
  it("decodes a single fix with an ISO-8601 time and offset, keeping every field", () => {
    const { reports, rejects } = decode(readFixture("native-single-iso.json"));
    expect(rejects).toEqual([]);
    expect(reports).toEqual([
      {
        deviceId,
        fixAt: Date.parse("2024-06-03T12:12:41.250Z"),
        lat: 43.73842,
        lng: 7.42461,
        speedKmh: 31.5,
        headingDeg: 87,
        accuracyM: 4.8,
        altitudeM: 52.3,
        odometerKm: 48211.7,
        ignition: true,
        batteryPct: null,
        attrs: { fw: "wb-2.3.1", sats: 11 },
      },
    ]);
  });

  it("decodes a batch mixing epoch-millisecond and ISO times, in order", () => {
    const { reports, rejects } = decode(readFixture("native-batch-epoch.json"));
    expect(rejects).toEqual([]);
    expect(reports.map((r) => r.fixAt)).toEqual([1717416701000, 1717416731000, 1717416761000]);
    expect(reports[2]).toMatchObject({ speedKmh: 0, ignition: false, odometerKm: 48211.7, batteryPct: 97 });
    expect(reports[0]).toMatchObject({ altitudeM: null, odometerKm: null, batteryPct: null, attrs: {} });
  });

  it("reads null optional fields as absent", () => {
    const fix = { ...validFix, speedKmh: null, headingDeg: null, ignition: null, attrs: null };
    const { reports } = decode(jsonPayload(fix));
    expect(reports[0]).toMatchObject({ speedKmh: null, headingDeg: null, ignition: null, attrs: {} });
  });

  it("accepts ISO times in basic offset form and with microseconds", () => {
    const times = ["2024-06-03T14:12:41+0200", "2024-06-03T12:12:41.250999Z", "2024-06-03T07:12-05:00"];
    const { reports } = decode(jsonPayload(times.map((fixAt) => ({ ...validFix, fixAt }))));
    expect(reports.map((r) => r.fixAt)).toEqual([1717416761000, 1717416761250, 1717416720000]);
  });

  it("keeps the valid fixes of a batch and rejects the bad ones with their index", () => {
    const batch = [validFix, { ...validFix, speedKmh: -3 }, "nope", validFix];
    const { reports, rejects } = decode(jsonPayload(batch));
    expect(reports).toHaveLength(2);
    expect(rejects).toEqual([
      { reason: "invalid_schema", index: 1, detail: "[1].speedKmh: expected a number in [0, 400], got -3" },
      { reason: "invalid_schema", index: 2, detail: '[2]: expected an object, got "nope"' },
    ]);
  });

  it("throws payload_too_large above the payload limit, before parsing", () => {
    const error = decodeError(new Uint8Array(MAX_TELEMETRY_PAYLOAD_BYTES + 1).fill(0x20));
    expect(error.reason).toBe("payload_too_large");
    expect(error.message).toContain(`${MAX_TELEMETRY_PAYLOAD_BYTES + 1} bytes`);
  });

  it("throws malformed_json for truncated JSON and for invalid UTF-8", () => {
    expect(decodeError(textPayload('{"fixAt":1717416761000,"lat":4')).reason).toBe("malformed_json");
    const invalidUtf8 = new Uint8Array([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d]);
    const error = decodeError(invalidUtf8);
    expect(error.reason).toBe("malformed_json");
    expect(error.message).toContain("UTF-8");
  });

  it("throws invalid_schema naming `$` for a top level that is not fixes", () => {
    for (const payload of [jsonPayload(42), jsonPayload([]), jsonPayload(Array(1001).fill(validFix))]) {
      const error = decodeError(payload);
      expect(error.reason).toBe("invalid_schema");
      expect(error.field).toBe("$");
      expect(error.message).toMatch(/^\$: expected/);
    }
  });

  it("rejects a fix with invalid_schema naming the field: missing, wrong type, unknown, out of range", () => {
    const cases: [unknown, string][] = [
      [{ fixAt: validFix.fixAt, lng: 7.4 }, "lat: is required"],
      [{ ...validFix, lat: "43.7" }, 'lat: expected a number, got "43.7"'],
      [{ ...validFix, fixAt: true }, "fixAt: expected an ISO-8601 string or epoch milliseconds, got true"],
      [{ ...validFix, colour: "red" }, "colour: unknown field"],
      [{ ...validFix, headingDeg: 360 }, "headingDeg: expected a number in [0, 360), got 360"],
      [{ ...validFix, accuracyM: -1 }, "accuracyM: expected a number of metres in [0, 1000000], got -1"],
      // Beyond a column's range (a real ends near 3.4e38; JSON's 1e400 is Infinity): the store would fail.
      [
        { ...validFix, altitudeM: 1e300 },
        "altitudeM: expected a number of metres in [-12000, 100000], got 1e+300",
      ],
      [{ ...validFix, ignition: "on" }, 'ignition: expected a boolean, got "on"'],
      [{ ...validFix, batteryPct: 101 }, "batteryPct: expected a number in [0, 100], got 101"],
      [{ ...validFix, attrs: [1] }, "attrs: expected an object, got an array"],
      [{ ...validFix, attrs: { blob: "é".repeat(2100) } }, "attrs: larger than 4096 bytes as JSON"],
    ];
    for (const [fix, detail] of cases) {
      expect(decode(jsonPayload(fix)).rejects).toEqual([{ reason: "invalid_schema", detail, index: null }]);
    }
  });

  it("rejects out-of-range or overflowing coordinates with invalid_coordinates naming the field", () => {
    expect(decode(jsonPayload({ ...validFix, lat: 91 })).rejects).toEqual([
      { reason: "invalid_coordinates", detail: "lat: 91 is outside [-90, 90]", index: null },
    ]);
    const overflow = textPayload('[{"fixAt":1717416761000,"lat":43.7,"lng":1e400}]');
    expect(decode(overflow).rejects).toEqual([
      { reason: "invalid_coordinates", detail: "[0].lng: Infinity is outside [-180, 180]", index: 0 },
    ]);
  });

  it("rejects an overflowing sensor value (JSON's 1e400 is Infinity), which no column could store", () => {
    const overflow = textPayload('{"fixAt":1717416761000,"lat":43.7,"lng":7.4,"odometerKm":1e400}');
    expect(decode(overflow).rejects).toEqual([
      {
        reason: "invalid_schema",
        detail: "odometerKm: expected a number of km in [0, 100000000], got Infinity",
        index: null,
      },
    ]);
  });

  it("rejects unparseable, impossible, offset-less and pre-2000 times with invalid_time naming fixAt", () => {
    const cases: [unknown, string][] = [
      ["yesterday", 'fixAt: "yesterday" is not an ISO-8601 date-time with Z or an offset'],
      [
        "2024-02-30T10:00:00Z",
        'fixAt: "2024-02-30T10:00:00Z" is not an ISO-8601 date-time with Z or an offset',
      ],
      [
        "2024-06-03T12:12:41",
        'fixAt: "2024-06-03T12:12:41" is not an ISO-8601 date-time with Z or an offset',
      ],
      [1717416761, "fixAt: 1970-01-20T21:03:36.761Z is before 2000-01-01"],
      [1e300, "fixAt: is not a representable time"],
    ];
    for (const [fixAt, detail] of cases) {
      expect(decode(jsonPayload({ ...validFix, fixAt })).rejects).toEqual([
        { reason: "invalid_time", detail, index: null },
      ]);
    }
  });

  it("lists every problem of a fix and takes the reason from the first", () => {
    const { rejects } = decode(jsonPayload([{ fixAt: 5, lat: 200, speedKmh: "fast" }]));
    expect(rejects).toEqual([
      {
        reason: "invalid_time",
        index: 0,
        detail:
          "[0].fixAt: 1970-01-01T00:00:00.005Z is before 2000-01-01; [0].lat: 200 is outside [-90, 90]; " +
          '[0].lng: is required; [0].speedKmh: expected a number in [0, 400], got "fast"',
      },
    ]);
  });
});
