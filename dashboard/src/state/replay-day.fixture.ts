import type {
  DayAlertFeature,
  DayFeature,
  DayHistoryDto,
  DayStayFeature,
  DayStopFeature,
  DayTripFeature,
} from "../api/types";

/** 08:00 UTC on the fixture's day, epoch ms. */
export const T0 = Date.parse("2026-03-02T08:00:00Z");
const MINUTE_MS = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** Metres east of 7.42 E, 43.73 N as a longitude (about 80.5 km per degree there). */
export const lngAt = (eastMeters: number) => 7.42 + eastMeters / 80_460;

/**
 * A small day: 10 minutes parked at the depot (stay), a 3-fix trip east (one fix a minute, 600 m
 * apart), a stop delivered on arrival, and an alert. Built in the server's shape (trip.service.ts).
 */
export function dayHistory(features: readonly DayFeature[] = dayFeatures()): DayHistoryDto {
  return {
    type: "FeatureCollection",
    properties: { vehicleId: "veh_1", date: "2026-03-02", timeZone: "UTC" },
    features,
  };
}

/** The features of {@link dayHistory}, in the server's order (trips, stays, stops, alerts). */
export function dayFeatures(): [DayTripFeature, DayStayFeature, DayStopFeature, DayAlertFeature] {
  const tripStart = T0 + 10 * MINUTE_MS;
  return [
    {
      type: "Feature",
      geometry: {
        type: "LineString",
        coordinates: [
          [lngAt(0), 43.73],
          [lngAt(600), 43.73],
          [lngAt(1200), 43.73],
        ],
      },
      properties: {
        kind: "trip",
        index: 0,
        startAt: iso(tripStart),
        endAt: iso(tripStart + 2 * MINUTE_MS),
        distanceM: 1200,
        matched: true,
        rawStretches: [],
        coordinateAt: [tripStart, tripStart + MINUTE_MS, tripStart + 2 * MINUTE_MS],
        speedKmh: [30, 36, null],
        osmNodeIds: [1, 2, 3],
        fixCount: 3,
      },
    },
    {
      type: "Feature",
      geometry: { type: "Point", coordinates: [lngAt(0), 43.73] },
      properties: { kind: "stay", startAt: iso(T0), endAt: iso(tripStart), durationS: 600 },
    },
    {
      type: "Feature",
      geometry: { type: "Point", coordinates: [lngAt(1200), 43.73] },
      properties: {
        kind: "stop",
        stopId: "stp_1",
        orderId: "ord_1",
        status: "delivered",
        outcome: null,
        arrivedAt: iso(tripStart + 2 * MINUTE_MS),
        completedAt: iso(tripStart + 5 * MINUTE_MS),
      },
    },
    {
      type: "Feature",
      geometry: { type: "Point", coordinates: [lngAt(600), 43.73] },
      properties: {
        kind: "alert",
        alert: "late_for_window",
        detail: "10 min late",
        raisedAt: iso(tripStart + MINUTE_MS),
      },
    },
  ];
}
