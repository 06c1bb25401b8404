import { and, asc, eq, gte, lt, or } from "drizzle-orm";
import { DateTime } from "luxon";
import type { Db } from "../../adapters/db/database";
import { alerts, stops } from "../../adapters/db/schema";
import type { GpsFix } from "../../domain/matching/match-types";
import {
  joinMatchedPieces,
  type MatchedTrackLine,
  overlappingPieces,
} from "../../domain/matching/matched-track-line";
import { tripLine } from "../../domain/tracking/trip-line";
import { splitTrips, type Trip, type TripPoint } from "../../domain/tracking/trips";
import type { TelemetryStore } from "../../ports/telemetry-store";
import { AppError } from "../app-error";
import type { RoutingService } from "../routing.service";
import type { VehicleService } from "../vehicle.service";

/** Most positions one day's history reads (a fix a second all day is 86,400). */
const DAY_POSITIONS_LIMIT = 100_000;
/**
 * Most fixes matched in one routing worker call (an hour at 1 Hz, a few hundred ms): a long day
 * is matched piece by piece so that route requests, which share the workers, wait for one piece
 * at most rather than for the whole day.
 */
const MATCH_PIECE_FIXES = 3_600;

/** A vehicle's day as GeoJSON: trips (LineStrings, matched to the roads), stays, stops served and alerts (Points). */
export interface DayHistory {
  readonly type: "FeatureCollection";
  readonly properties: { readonly vehicleId: string; readonly date: string; readonly timeZone: string };
  readonly features: readonly {
    readonly type: "Feature";
    readonly geometry:
      | { readonly type: "LineString"; readonly coordinates: readonly (readonly [number, number])[] }
      | { readonly type: "Point"; readonly coordinates: readonly [number, number] };
    readonly properties: Readonly<Record<string, unknown>>;
  }[];
}

/** What a day's history shows besides the matched trips. */
export interface DayOptions {
  /** Also list every stored fix of each trip (`properties.rawFixes`), as the device reported it. */
  readonly raw?: boolean;
}

/** History and replay: a vehicle's day of trips (driven on the roads), stays, stops and events. */
export class TripService {
  constructor(
    private readonly db: Db,
    private readonly telemetry: TelemetryStore,
    private readonly vehicles: VehicleService,
    private readonly routing: Pick<RoutingService, "matchTrack">,
  ) {}

  async day(
    organisationId: string,
    vehicleId: string,
    date: string,
    timeZone: string,
    options: DayOptions = {},
  ): Promise<DayHistory> {
    await this.vehicles.get(organisationId, vehicleId);
    const start = DateTime.fromISO(date, { zone: timeZone });
    if (!start.isValid)
      throw new AppError("validation_failed", "the date or time zone is not valid", [
        { field: "timeZone", reason: start.invalidExplanation ?? "invalid" },
      ]);
    const from = start.startOf("day").toJSDate();
    const to = start.startOf("day").plus({ days: 1 }).toJSDate();
    const [positions, served, raised] = await Promise.all([
      this.telemetry.track(vehicleId, from.getTime(), to.getTime() - 1, DAY_POSITIONS_LIMIT),
      this.db
        .select()
        .from(stops)
        .where(
          and(
            eq(stops.organisationId, organisationId),
            eq(stops.vehicleId, vehicleId),
            or(
              and(gte(stops.arrivedAt, from), lt(stops.arrivedAt, to)),
              and(gte(stops.completedAt, from), lt(stops.completedAt, to)),
            ),
          ),
        )
        .orderBy(asc(stops.arrivedAt)),
      this.db
        .select()
        .from(alerts)
        .where(
          and(
            eq(alerts.organisationId, organisationId),
            eq(alerts.vehicleId, vehicleId),
            gte(alerts.raisedAt, from),
            lt(alerts.raisedAt, to),
          ),
        )
        .orderBy(asc(alerts.raisedAt)),
    ]);
    const { trips, stays } = splitTrips(positions);
    const tripFeatures = [];
    // One trip after the other: the workers also serve live routing.
    for (const [index, trip] of trips.entries())
      tripFeatures.push(tripFeature(trip, index, await this.matchTrip(trip.points), options));
    const iso = (ms: number) => new Date(ms).toISOString();
    return {
      type: "FeatureCollection",
      properties: { vehicleId, date, timeZone },
      features: [
        ...tripFeatures,
        ...stays.map((stay) => ({
          type: "Feature" as const,
          geometry: { type: "Point" as const, coordinates: [stay.lng, stay.lat] as const },
          properties: {
            kind: "stay",
            startAt: iso(stay.startAt),
            endAt: iso(stay.endAt),
            durationS: Math.round((stay.endAt - stay.startAt) / 1000),
          },
        })),
        ...served.map((stop) => ({
          type: "Feature" as const,
          geometry: { type: "Point" as const, coordinates: [stop.place.lng, stop.place.lat] as const },
          properties: {
            kind: "stop",
            stopId: stop.id,
            orderId: stop.orderId,
            status: stop.status,
            outcome: stop.outcome,
            arrivedAt: stop.arrivedAt?.toISOString() ?? null,
            completedAt: stop.completedAt?.toISOString() ?? null,
          },
        })),
        ...raised.flatMap((alert) => {
          const data = alert.data as { lat?: number; lng?: number } | null;
          if (data?.lat === undefined || data.lng === undefined) return [];
          return [
            {
              type: "Feature" as const,
              geometry: { type: "Point" as const, coordinates: [data.lng, data.lat] as const },
              properties: {
                kind: "alert",
                alert: alert.kind,
                detail: alert.detail,
                raisedAt: alert.raisedAt.toISOString(),
              },
            },
          ];
        }),
      ],
    };
  }

  private matchTrip(points: readonly TripPoint[]): Promise<MatchedTrackLine> {
    return matchInPieces(points.map(gpsFixOf), (fixes) => this.routing.matchTrack(fixes));
  }
}

/**
 * Map-matches a track piece by piece, one call after the other (see {@link MATCH_PIECE_FIXES}),
 * and joins the pieces into one match.
 */
export async function matchInPieces(
  fixes: readonly GpsFix[],
  matchTrack: (fixes: GpsFix[]) => Promise<MatchedTrackLine>,
): Promise<MatchedTrackLine> {
  const pieces: MatchedTrackLine[] = [];
  for (const piece of overlappingPieces(fixes, MATCH_PIECE_FIXES)) pieces.push(await matchTrack(piece));
  return joinMatchedPieces(pieces);
}

function gpsFixOf(point: TripPoint): GpsFix {
  return {
    lng: point.lng,
    lat: point.lat,
    fixAt: point.fixAt,
    ...(point.accuracyM ? { accuracyM: point.accuracyM } : {}),
  };
}

/**
 * A trip as a GeoJSON Feature: the matched line with the time and reported speed at each vertex,
 * the stretches drawn through raw fixes where matching found no road (`matched` false if any),
 * the OSM node ids driven and, when asked, the stored fixes themselves.
 */
function tripFeature(trip: Trip, index: number, match: MatchedTrackLine, options: DayOptions) {
  const line = tripLine(trip.points, match);
  return {
    type: "Feature" as const,
    geometry: { type: "LineString" as const, coordinates: line.coordinates },
    properties: {
      kind: "trip",
      index,
      startAt: new Date(trip.startAt).toISOString(),
      endAt: new Date(trip.endAt).toISOString(),
      distanceM: Math.round(line.distanceM),
      matched: line.rawStretches.length === 0,
      rawStretches: line.rawStretches,
      coordinateAt: line.coordinateAt,
      speedKmh: line.speedKmh,
      osmNodeIds: match.osmNodeIds,
      fixCount: trip.points.length,
      ...(options.raw ? { rawFixes: rawFixesOf(trip.points) } : {}),
    },
  };
}

/** A trip's stored fixes in columns: positions, fix times and reported speeds. */
function rawFixesOf(points: readonly TripPoint[]) {
  return {
    coordinates: points.map((p) => [p.lng, p.lat] as const),
    fixAt: points.map((p) => p.fixAt),
    speedKmh: points.map((p) => p.speedKmh),
  };
}

/** The day's trips as GPX 1.1: one track per trip, along the matched line, with times. */
export function dayAsGpx(history: DayHistory): string {
  const xmlEscape = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const tracks = history.features
    .filter((feature) => feature.properties.kind === "trip" && feature.geometry.type === "LineString")
    .map((feature) => {
      const times = feature.properties.coordinateAt as number[];
      const points = (feature.geometry.coordinates as (readonly [number, number])[])
        .map(
          ([lng, lat], i) =>
            `      <trkpt lat="${lat}" lon="${lng}"><time>${new Date(times[i] ?? 0).toISOString()}</time></trkpt>`,
        )
        .join("\n");
      return `  <trk>\n    <name>${xmlEscape(`trip ${feature.properties.index} ${feature.properties.startAt}`)}</name>\n    <trkseg>\n${points}\n    </trkseg>\n  </trk>`;
    });
  const { vehicleId, date } = history.properties;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="Waybill" xmlns="http://www.topografix.com/GPX/1/1">\n  <metadata><name>${xmlEscape(`${vehicleId} ${date}`)}</name></metadata>\n${tracks.join("\n")}\n</gpx>\n`;
}
