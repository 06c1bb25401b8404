/** Response types of the API the dashboard reads; the contracts live in `@waybill/shared`. */
/** KPI figures of a set of orders and the `GET /api/v1/kpis` report, as the server sends them. */
export type {
  AlertDto,
  CreatePlanBody,
  KpiFigures as KpiFiguresDto,
  KpiReport as KpiReportDto,
  MeDto,
  OrderDetailDto,
  OrderDto,
  OrderStatus,
  PageDto,
  PlanDto,
  PlannedRouteDto,
  PlannedStopDto,
  PlanProgressDto,
  PlanStatus,
  RouteStopDto,
  StopDto,
  StreetFeature,
  StreetsCollection,
  TrackPointDto,
  VehicleDto,
} from "@waybill/shared";

/** `POST /api/v1/plans/{id}/apply`: how many stops were assigned and which failed, with why. */
export interface PlanApplyResultDto {
  readonly applied: number;
  readonly failed: readonly { readonly stopId: string; readonly reason: string }[];
}

/** Body of `POST /api/v1/plans/{id}/move`: the route to put the stop on (null: none) and its position. */
export interface PlanMoveBody {
  readonly stopId: string;
  readonly vehicleId: string | null;
  readonly index: number;
}

/** Query of `GET /api/v1/kpis`: dates (YYYY-MM-DD) and a channel, all optional. */
export interface KpiQuery {
  readonly from?: string;
  readonly to?: string;
  readonly channel?: string;
}

/**
 * `kind: "trip"`: driving between two stays, along the roads the server matched it to.
 * `coordinateAt` (epoch ms) and `speedKmh` run beside the coordinates; `rawStretches` are the
 * [first, last] vertex ranges drawn through the raw fixes where no road was matched.
 */
export interface DayTripFeature {
  readonly type: "Feature";
  readonly geometry: {
    readonly type: "LineString";
    readonly coordinates: readonly (readonly [number, number])[];
  };
  readonly properties: {
    readonly kind: "trip";
    readonly index: number;
    readonly startAt: string;
    readonly endAt: string;
    readonly distanceM: number;
    /** False when part of the line runs through raw fixes (see `rawStretches`). */
    readonly matched: boolean;
    readonly rawStretches: readonly (readonly [number, number])[];
    readonly coordinateAt: readonly number[];
    readonly speedKmh: readonly (number | null)[];
    readonly osmNodeIds: readonly number[];
    /** How many stored fixes the trip has. */
    readonly fixCount: number;
  };
}

/** A point of a vehicle's day: where it stood still, a stop it served, an alert raised on it. */
export interface DayPointFeature<P> {
  readonly type: "Feature";
  readonly geometry: { readonly type: "Point"; readonly coordinates: readonly [number, number] };
  readonly properties: P;
}

/** `kind: "stay"`: standing within 50 m for at least 3 minutes. */
export type DayStayFeature = DayPointFeature<{
  readonly kind: "stay";
  readonly startAt: string;
  readonly endAt: string;
  readonly durationS: number;
}>;

/** `kind: "stop"`: a stop of an order the vehicle arrived at or completed that day. */
export type DayStopFeature = DayPointFeature<{
  readonly kind: "stop";
  readonly stopId: string;
  readonly orderId: string;
  readonly status: string;
  readonly outcome: string | null;
  readonly arrivedAt: string | null;
  readonly completedAt: string | null;
}>;

/** `kind: "alert"`: an alert raised on the vehicle that day, where it was raised. */
export type DayAlertFeature = DayPointFeature<{
  readonly kind: "alert";
  readonly alert: string;
  readonly detail: string;
  readonly raisedAt: string;
}>;

/** One feature of a {@link DayHistoryDto}. */
export type DayFeature = DayTripFeature | DayStayFeature | DayStopFeature | DayAlertFeature;

/**
 * `GET /api/v1/vehicles/{id}/trips?date=&timeZone=`: a vehicle's day as GeoJSON. Mirrors the
 * server's `DayHistory` (services/tracking/trip.service.ts), which `@waybill/shared` does not export yet.
 */
export interface DayHistoryDto {
  readonly type: "FeatureCollection";
  readonly properties: { readonly vehicleId: string; readonly date: string; readonly timeZone: string };
  readonly features: readonly DayFeature[];
}

export type { RoadClosureDto } from "@waybill/shared";

/** Body of `POST /api/v1/road-closures`: the line along the road, why, and optionally a slowdown and end. */
export interface CreateRoadClosureBody {
  readonly geometry: { readonly type: "LineString"; readonly coordinates: [number, number][] };
  readonly reason: string;
  /** Omit to close the road; in [0.05, 1] to slow it. */
  readonly speedFactor?: number;
  readonly endsAt?: string;
}

/** `GET /api/v1/route` as far as the dashboard reads it: the road geometry through the points. */
export interface RouteDto {
  readonly distanceM: number;
  readonly durationS: number;
  readonly geometry: { readonly type: "LineString"; readonly coordinates: [number, number][] };
}
