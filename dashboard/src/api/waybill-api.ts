import type {
  ContingencyPolicyBody,
  ContingencyPolicyDto,
  CreateProposalBody,
  ProposalDto,
  SessionDto,
  SignInBody,
} from "@waybill/shared";
import type { HttpClient } from "./http-client";
import type {
  AlertDto,
  CreatePlanBody,
  CreateRoadClosureBody,
  DayHistoryDto,
  KpiQuery,
  KpiReportDto,
  MeDto,
  OrderDetailDto,
  OrderDto,
  PageDto,
  PlanApplyResultDto,
  PlanDto,
  PlanMoveBody,
  RoadClosureDto,
  RouteDto,
  RouteStopDto,
  StreetsCollection,
  TrackPointDto,
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
  /** A vehicle's day (trips, stays, stops, alerts); `date` is YYYY-MM-DD on `timeZone`'s clock. */
  getVehicleDay(vehicleId: string, date: string, timeZone: string): Promise<DayHistoryDto>;
  /** Closures and slowdowns not yet ended, every organisation's. */
  listRoadClosures(): Promise<RoadClosureDto[]>;
  createRoadClosure(body: CreateRoadClosureBody): Promise<RoadClosureDto>;
  deleteRoadClosure(closureId: string): Promise<void>;
  /** A vehicle's stored fixes between two instants (epoch ms), oldest first. */
  getVehicleTrack(vehicleId: string, fromAt: number, toAt: number): Promise<TrackPointDto[]>;
  /** The fastest road route through 2-25 points, without turn-by-turn steps. */
  getRoute(points: readonly (readonly [number, number])[]): Promise<RouteDto>;
  /** The organisation's stops still to be done (assigned or not), with their places and channels. */
  listOpenStops(): Promise<RouteStopDto[]>;
  /** The organisation's stops completed (served or failed) since an instant, e.g. today's. */
  listStopsCompletedSince(since: Date): Promise<RouteStopDto[]>;
  /** The latest 50 contingency proposals. */
  listProposals(): Promise<ProposalDto[]>;
  getProposal(proposalId: string): Promise<ProposalDto>;
  /** Asks for a proposal now; answers once the planner is done (`timeLimitSeconds`, 3 s by default). */
  createProposal(body: CreateProposalBody): Promise<ProposalDto>;
  /** Carries a proposal out; 409 with `currentState: "superseded"` when the routes changed meanwhile. */
  /** Carries the proposal out, but for the stops in `keepStopIds` (they stay where they are). */
  approveProposal(proposalId: string, keepStopIds?: readonly string[]): Promise<ProposalDto>;
  rejectProposal(proposalId: string): Promise<ProposalDto>;
  getContingencyPolicy(): Promise<ContingencyPolicyDto>;
  /** Admins only. */
  setContingencyPolicy(body: ContingencyPolicyBody): Promise<ContingencyPolicyDto>;
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
  const proposal = (proposalId: string) => `/api/v1/proposals/${encodeURIComponent(proposalId)}`;
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
    getVehicleDay: (vehicleId, date, timeZone) =>
      http.request<DayHistoryDto>(
        "GET",
        withQuery(
          `/api/v1/vehicles/${encodeURIComponent(vehicleId)}/trips`,
          new URLSearchParams({ date, timeZone }).toString(),
        ),
      ),
    listRoadClosures: () => http.request<RoadClosureDto[]>("GET", "/api/v1/road-closures"),
    createRoadClosure: (body) => http.request<RoadClosureDto>("POST", "/api/v1/road-closures", body),
    deleteRoadClosure: (closureId) =>
      http.request<void>("DELETE", `/api/v1/road-closures/${encodeURIComponent(closureId)}`),
    getVehicleTrack: (vehicleId, fromAt, toAt) =>
      http.request<TrackPointDto[]>(
        "GET",
        `/api/v1/vehicles/${encodeURIComponent(vehicleId)}/positions?from=${fromAt}&to=${toAt}`,
      ),
    getRoute: (points) =>
      http.request<RouteDto>(
        "GET",
        withQuery(
          "/api/v1/route",
          new URLSearchParams({
            points: points.map(([lng, lat]) => `${lng},${lat}`).join(";"),
            steps: "false",
          }).toString(),
        ),
      ),
    listOpenStops: () => http.request<RouteStopDto[]>("GET", "/api/v1/stops?open=true"),
    listStopsCompletedSince: (since) =>
      http.request<RouteStopDto[]>(
        "GET",
        withQuery("/api/v1/stops", new URLSearchParams({ completedSince: since.toISOString() }).toString()),
      ),
    listProposals: () => http.request<ProposalDto[]>("GET", "/api/v1/proposals"),
    getProposal: (proposalId) => http.request<ProposalDto>("GET", proposal(proposalId)),
    createProposal: (body) => http.request<ProposalDto>("POST", "/api/v1/proposals", body),
    approveProposal: (proposalId, keepStopIds = []) =>
      http.request<ProposalDto>(
        "POST",
        `${proposal(proposalId)}/approve`,
        keepStopIds.length ? { keepStopIds } : undefined,
      ),
    rejectProposal: (proposalId) => http.request<ProposalDto>("POST", `${proposal(proposalId)}/reject`),
    getContingencyPolicy: () => http.request<ContingencyPolicyDto>("GET", "/api/v1/contingency-policy"),
    setContingencyPolicy: (body) =>
      http.request<ContingencyPolicyDto>("PUT", "/api/v1/contingency-policy", body),
  };
}

function withQuery(path: string, query: string): string {
  return query === "" ? path : `${path}?${query}`;
}
