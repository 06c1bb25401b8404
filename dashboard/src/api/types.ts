/** Response types of the API the dashboard reads; the contracts live in `@waybill/shared`. */
export type {
  AlertDto,
  CreatePlanBody,
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
  StreetFeature,
  StreetsCollection,
  VehicleDto,
} from "@waybill/shared";

/**
 * KPI figures of a set of orders (`GET /api/v1/kpis`). Rates are fractions in [0, 1], null when
 * there is nothing to measure. Mirrors the server's `KpiFigures`, which `@waybill/shared` does
 * not export yet.
 */
export interface KpiFiguresDto {
  readonly orders: number;
  readonly delivered: number;
  readonly cancelled: number;
  /** Received to delivered, hours: mean and 90th percentile. */
  readonly leadTimeHours: { readonly mean: number | null; readonly p90: number | null };
  readonly onTimeRate: number | null;
  readonly firstAttemptSuccessRate: number | null;
  readonly orderAccuracy: number | null;
  readonly returnRate: number | null;
}

/** `GET /api/v1/kpis`: overall, per channel and per day (YYYY-MM-DD, the customer's local date). */
export interface KpiReportDto {
  readonly overall: KpiFiguresDto;
  readonly byChannel: Readonly<Record<string, KpiFiguresDto>>;
  readonly byDay: Readonly<Record<string, KpiFiguresDto>>;
}

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
