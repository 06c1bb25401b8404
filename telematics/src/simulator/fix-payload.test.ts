import { asDeviceId } from "@waybill/shared";
import { describe, expect, it } from "vitest";
import type { TelemetryFormat } from "../decoders/decoder";
import { decoderFor } from "../decoders/decoders";
import { expectPlausibleReport } from "../decoders/expect-plausible-report";
import { encodeFixes, encodeNativeFixes, encodeOwnTracksLocation } from "./fix-payload";
import type { SimulatedFix } from "./simulated-vehicle";

const fix: SimulatedFix = {
  fixAt: Date.parse("2024-06-03T12:00:00.250Z"),
  position: [7.42461234567, 43.73841234567],
  speedKmh: 31.6,
  headingDeg: 359.6,
  accuracyM: 10,
};

function decode(format: TelemetryFormat, payload: string, deviceId: string) {
  const receivedAt = fix.fixAt + 500;
  const decoded = decoderFor(format)({
    deviceId: asDeviceId(deviceId),
    payload: new TextEncoder().encode(payload),
    receivedAt,
  });
  expect(decoded.rejects).toEqual([]);
  for (const report of decoded.reports) expectPlausibleReport(report, { receivedAt });
  return decoded.reports;
}

describe(encodeNativeFixes.name, () => {
  it("sends one fix as an object that the native decoder reads back", () => {
    expect(JSON.parse(encodeNativeFixes([fix]))).not.toBeInstanceOf(Array);
    expect(decode("native", encodeNativeFixes([fix]), "van-1")).toEqual([
      expect.objectContaining({
        fixAt: fix.fixAt,
        lng: 7.4246123,
        lat: 43.7384123,
        speedKmh: 31.6,
        headingDeg: 359.6,
      }),
    ]);
  });

  it("sends a batch as an array, in order", () => {
    const later = { ...fix, fixAt: fix.fixAt + 1000 };
    expect(decode("native", encodeNativeFixes([fix, later]), "van-1").map((r) => r.fixAt)).toEqual([
      fix.fixAt,
      later.fixAt,
    ]);
  });
});

describe(encodeOwnTracksLocation.name, () => {
  it("sends an OwnTracks location with whole seconds and integer speed and course", () => {
    const payload = JSON.parse(encodeOwnTracksLocation(fix, "sim/van-1"));
    expect(payload).toMatchObject({
      _type: "location",
      tst: 1717416000,
      vel: 32,
      cog: 0,
      acc: 10,
      tid: "-1",
    });
    expect(decode("owntracks", JSON.stringify(payload), "sim/van-1")).toEqual([
      expect.objectContaining({
        fixAt: 1717416000000,
        lat: 43.7384123,
        lng: 7.4246123,
        speedKmh: 32,
        headingDeg: 0,
      }),
    ]);
  });

  it("refuses to put several fixes in one OwnTracks message", () => {
    expect(() => encodeFixes("owntracks", [fix, fix], "sim/van-1")).toThrow(
      "an OwnTracks message carries 1 fix, got 2",
    );
  });
});
