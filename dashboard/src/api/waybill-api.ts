import type { SessionDto, SignInBody } from "@waybill/shared";
import type { HttpClient } from "./http-client";
import type {
  AlertDto,
  CreatePlanBody,
  KpiQuery,
  KpiReportDto,
  MeDto,
  OrderDetailDto,
  OrderDto,
  PageDto,
  PlanApplyResultDto,
  PlanDto,
  PlanMoveBody,
  StreetsCollection,
  VehicleDto,
} from "./types";

/** The statuses a dispatcher may set by hand on an order. */
export type DispatcherOrderStatus = "ready" | "cancelled";

/** The typed endpoints the dashboard uses. One method per call; paths live only here. */
export interface WaybillApi {
  signIn(credentials: SignInBody): Promise<SessionDto>;
  signOut(): Promise<void>;
  getMe(): Promise<MeDto>;
  listVehicles(): Promise<VehicleDto[]>;
  getStreets(): Promise<StreetsCollection>;
  /** One page of orders; `query` is a ready query string (see `state/order-query.ts`), without `?`. */
  listOrders(query: string): Promise<PageDto<OrderDto>>;
  getOrder(orderId: string): Promise<OrderDetailDto>;
  setOrderStatus(orderId: string, status: DispatcherOrderStatus): Promise<OrderDto>;
  /** A proof-of-delivery file by the `url` the order detail gives, as a blob (it needs the bearer token). */
  getProofFile(url: string): Promise<Blob>;
  listOpenAlerts(): Promise<AlertDto[]>;
  acknowledgeAlert(alertId: string): Promise<AlertDto>;
  createPlan(body: CreatePlanBody): Promise<PlanDto>;
  getPlan(planId: string): Promise<PlanDto>;
  movePlanStop(planId: string, move: PlanMoveBody): Promise<PlanDto>;
  applyPlan(planId: string): Promise<PlanApplyResultDto>;
  cancelPlan(planId: string): Promise<PlanDto>;
  getKpis(query: KpiQuery): Promise<KpiReportDto>;
}

/**
 * Binds the endpoint paths to an {@link HttpClient}.
 *
 * @example
 * const api = createWaybillApi(createHttpClient({ getToken }));
 * const session = await api.signIn({ email, password });
 */
export function createWaybillApi(http: HttpClient): WaybillApi {
  const plan = (planId: string) => `/api/v1/plans/${encodeURIComponent(planId)}`;
  return {
    signIn: (credentials) => http.request<SessionDto>("POST", "/api/v1/auth/sessions", credentials),
    signOut: () => http.request<void>("DELETE", "/api/v1/auth/sessions/current"),
    getMe: () => http.request<MeDto>("GET", "/api/v1/me"),
    listVehicles: () => http.request<VehicleDto[]>("GET", "/api/v1/vehicles"),
    getStreets: () => http.request<StreetsCollection>("GET", "/api/v1/map/streets"),
    listOrders: (query) => http.request<PageDto<OrderDto>>("GET", withQuery("/api/v1/orders", query)),
    getOrder: (orderId) =>
      http.request<OrderDetailDto>("GET", `/api/v1/orders/${encodeURIComponent(orderId)}`),
    setOrderStatus: (orderId, status) =>
      http.request<OrderDto>("POST", `/api/v1/orders/${encodeURIComponent(orderId)}/status`, { status }),
    getProofFile: (url) => http.requestBlob(url),
    listOpenAlerts: () => http.request<AlertDto[]>("GET", "/api/v1/alerts?open=true"),
    acknowledgeAlert: (alertId) =>
      http.request<AlertDto>("POST", `/api/v1/alerts/${encodeURIComponent(alertId)}/acknowledge`),
    createPlan: (body) => http.request<PlanDto>("POST", "/api/v1/plans", body),
    getPlan: (planId) => http.request<PlanDto>("GET", plan(planId)),
    movePlanStop: (planId, move) => http.request<PlanDto>("POST", `${plan(planId)}/move`, move),
    applyPlan: (planId) => http.request<PlanApplyResultDto>("POST", `${plan(planId)}/apply`),
    cancelPlan: (planId) => http.request<PlanDto>("POST", `${plan(planId)}/cancel`),
    getKpis: (query) =>
      http.request<KpiReportDto>(
        "GET",
        withQuery("/api/v1/kpis", new URLSearchParams({ ...query }).toString()),
      ),
  };
}

function withQuery(path: string, query: string): string {
  return query === "" ? path : `${path}?${query}`;
}
