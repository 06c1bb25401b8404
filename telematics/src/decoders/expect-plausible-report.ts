import type { PositionReport } from "@waybill/shared";
import { expect } from "vitest";
import { EARLIEST_FIX_AT } from "./fix-time";

const DAY_MS = 86_400_000;

/**
 * Test helper, after Traccar's `ProtocolTest.verifyDecodedPosition`: asserts that a decoded report
 * could describe a real vehicle. Apply it to every report a decoder test produces.
 *
 * @param context.receivedAt when the message arrived, epoch ms; a fix may be at most one day later.
 * @example
 * for (const report of decodeNative(input).reports) expectPlausibleReport(report, input);
 */
export function expectPlausibleReport(
  report: PositionReport,
  context: { readonly receivedAt: number },
): void {
  expect(typeof report.deviceId, "deviceId type").toBe("string");
  expect(report.deviceId.length, "deviceId length").toBeGreaterThan(0);
  expect(report.lat, "lat").toBeGreaterThanOrEqual(-90);
  expect(report.lat, "lat").toBeLessThanOrEqual(90);
  expect(report.lng, "lng").toBeGreaterThanOrEqual(-180);
  expect(report.lng, "lng").toBeLessThanOrEqual(180);
  expect(report.fixAt, "fixAt after 2000-01-01").toBeGreaterThanOrEqual(EARLIEST_FIX_AT);
  expect(report.fixAt, "fixAt at most a day after receivedAt").toBeLessThanOrEqual(
    context.receivedAt + DAY_MS,
  );
  expectNullOrWithin(report.speedKmh, "speedKmh", 0, 400);
  expectNullOrWithin(report.headingDeg, "headingDeg", 0, 360);
  if (report.headingDeg !== null) expect(report.headingDeg, "headingDeg below 360").toBeLessThan(360);
  expectNullOrWithin(report.accuracyM, "accuracyM", 0, Number.MAX_VALUE);
  expectNullOrWithin(report.altitudeM, "altitudeM", -Number.MAX_VALUE, Number.MAX_VALUE);
  expectNullOrWithin(report.odometerKm, "odometerKm", 0, Number.MAX_VALUE);
  expectNullOrWithin(report.batteryPct, "batteryPct", 0, 100);
  expect([true, false, null], "ignition").toContain(report.ignition);
  expect(report.attrs, "attrs").toBeTypeOf("object");
  expect(Array.isArray(report.attrs), "attrs is not an array").toBe(false);
}

function expectNullOrWithin(value: number | null, field: string, min: number, max: number): void {
  if (value === null) return;
  expect(value, field).toBeGreaterThanOrEqual(min);
  expect(value, field).toBeLessThanOrEqual(max);
}
