import type { DriverRouteDto, ShiftDto, StopDto, StreetsCollection } from "@waybill/shared";
import { ApiError, describeProblem, isProblem, NETWORK_ERROR_STATUS } from "../../api/api-error";
import type { HttpClient } from "../../api/http-client";
import type { IncidentRequest, PositionFix, ProofDraft, StopStatusRequest } from "../outbox/outbox-action";

/** One instruction of `GET /api/v1/route?steps=true`, the fields the driver app reads. */
export interface DirectionsStep {
  readonly type: string;
  readonly instruction: string;
  /** From this maneuver to the next one, metres. */
  readonly distanceM: number;
}

/** `GET /api/v1/route`: the parts the driver app shows. */
export interface Directions {
  readonly distanceM: number;
  readonly durationS: number;
  readonly geometry: { readonly type: "LineString"; readonly coordinates: [number, number][] };
  readonly steps: readonly DirectionsStep[];
}

/** The endpoints of the driver's day. One method per call; paths live only here. */
export interface DriverApi {
  getRoute(): Promise<DriverRouteDto>;
  startShift(vehicleId: string): Promise<ShiftDto>;
  endShift(): Promise<ShiftDto>;
  sendPositions(fixes: readonly PositionFix[]): Promise<void>;
  reportStop(stopId: string, body: StopStatusRequest): Promise<StopDto>;
  recordProof(stopId: string, proof: ProofDraft): Promise<void>;
  reportIncident(body: IncidentRequest): Promise<void>;
  /** Driving directions from `from` to `to`, both [lng, lat], with turn-by-turn steps. */
  getDirections(from: readonly [number, number], to: readonly [number, number]): Promise<Directions>;
  getStreets(): Promise<StreetsCollection>;
}

/**
 * Binds the driver endpoints to the dashboard's {@link HttpClient}. The proof is multipart, which
 * that client does not send, so it goes through {@link postForm} with the same error mapping.
 *
 * @example
 * const api = createDriverApi(http, () => session.token);
 * const route = await api.getRoute();
 */
export function createDriverApi(http: HttpClient, getToken: () => string | null): DriverApi {
  return {
    getRoute: () => http.request("GET", "/api/v1/driver/route"),
    startShift: (vehicleId) => http.request("POST", "/api/v1/driver/shift", { vehicleId }),
    endShift: () => http.request("DELETE", "/api/v1/driver/shift"),
    sendPositions: (fixes) => http.request("POST", "/api/v1/driver/positions", { fixes }),
    reportStop: (stopId, body) =>
      http.request("POST", `/api/v1/stops/${encodeURIComponent(stopId)}/status`, body),
    recordProof: (stopId, proof) =>
      postForm(`/api/v1/stops/${encodeURIComponent(stopId)}/proof`, proofForm(proof), getToken()),
    reportIncident: (body) => http.request("POST", "/api/v1/driver/incidents", body),
    getDirections: (from, to) =>
      http.request("GET", `/api/v1/route?points=${from.join(",")};${to.join(",")}&steps=true`),
    getStreets: () => http.request("GET", "/api/v1/map/streets"),
  };
}

/** The proof as the multipart form `POST /api/v1/stops/{id}/proof` reads. */
function proofForm(proof: ProofDraft): FormData {
  const form = new FormData();
  if (proof.signature) form.append("signature", proof.signature, "signature.png");
  for (const [index, photo] of proof.photos.entries()) form.append("photos", photo, `photo-${index + 1}.jpg`);
  if (proof.recipientName) form.append("recipientName", proof.recipientName);
  if (proof.note) form.append("note", proof.note);
  if (proof.position) {
    form.append("lat", String(proof.position.lat));
    form.append("lng", String(proof.position.lng));
  }
  return form;
}

/** POSTs a multipart form; failures become {@link ApiError}s as in the JSON client. */
async function postForm(path: string, form: FormData, token: string | null): Promise<void> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(path, { method: "POST", headers, body: form });
  } catch (cause) {
    const error = new ApiError(NETWORK_ERROR_STATUS, null, "Cannot reach the Waybill server.");
    error.cause = cause;
    throw error;
  }
  if (response.ok) return;
  const body: unknown = await response.json().catch(() => null);
  if (isProblem(body)) throw new ApiError(response.status, body, describeProblem(body));
  throw new ApiError(response.status, null, `The server answered ${response.status}.`);
}
