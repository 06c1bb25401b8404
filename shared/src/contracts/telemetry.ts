import type { DeviceId } from "../ids";

/**
 * One position fix as a decoder produces it, in SI-friendly units named in the field.
 * Times are epoch milliseconds: `fixAt` is the GPS fix time, `receivedAt` when the server got it.
 *
 * @example
 * const report: PositionReport = {
 *   deviceId: asDeviceId("van-7"), fixAt: 1_700_000_000_000, lat: 43.73, lng: 7.42,
 *   speedKmh: 32, headingDeg: 90, accuracyM: 5, altitudeM: null, odometerKm: null,
 *   ignition: true, batteryPct: null, attrs: {},
 * };
 */
export interface PositionReport {
  readonly deviceId: DeviceId;
  readonly fixAt: number;
  readonly lat: number;
  readonly lng: number;
  readonly speedKmh: number | null;
  readonly headingDeg: number | null;
  readonly accuracyM: number | null;
  readonly altitudeM: number | null;
  readonly odometerKm: number | null;
  readonly ignition: boolean | null;
  readonly batteryPct: number | null;
  readonly attrs: Readonly<Record<string, unknown>>;
}

/** Native telemetry topic for a device. */
export const nativeTelemetryTopic = (deviceId: string): string => `waybill/v1/devices/${deviceId}/telemetry`;

/** Topic filters the ingest subscribes to. */
export const TELEMETRY_TOPIC_FILTERS = ["waybill/v1/devices/+/telemetry", "owntracks/+/+"] as const;

/** Largest accepted telemetry payload, bytes. */
export const MAX_TELEMETRY_PAYLOAD_BYTES = 256 * 1024;
