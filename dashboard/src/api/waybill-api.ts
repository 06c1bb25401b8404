import type { SessionDto, SignInBody, VehicleDto } from "@waybill/shared";
import type { HttpClient } from "./http-client";
import type { MeDto, StreetsCollection } from "./types";

/** The typed endpoints the dashboard uses. One method per call; paths live only here. */
export interface WaybillApi {
  signIn(credentials: SignInBody): Promise<SessionDto>;
  signOut(): Promise<void>;
  getMe(): Promise<MeDto>;
  listVehicles(): Promise<VehicleDto[]>;
  getStreets(): Promise<StreetsCollection>;
}

/**
 * Binds the endpoint paths to an {@link HttpClient}.
 *
 * @example
 * const api = createWaybillApi(createHttpClient({ getToken }));
 * const session = await api.signIn({ email, password });
 */
export function createWaybillApi(http: HttpClient): WaybillApi {
  return {
    signIn: (credentials) => http.request<SessionDto>("POST", "/api/v1/auth/sessions", credentials),
    signOut: () => http.request<void>("DELETE", "/api/v1/auth/sessions/current"),
    getMe: () => http.request<MeDto>("GET", "/api/v1/me"),
    listVehicles: () => http.request<VehicleDto[]>("GET", "/api/v1/vehicles"),
    getStreets: () => http.request<StreetsCollection>("GET", "/api/v1/map/streets"),
  };
}
