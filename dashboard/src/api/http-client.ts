import { ApiError, describeProblem, isProblem, NETWORK_ERROR_STATUS } from "./api-error";

/** HTTP verbs the API uses. */
export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

/** Sends JSON requests to the Waybill API and turns failures into {@link ApiError}s. */
export interface HttpClient {
  request<T>(method: HttpMethod, path: string, body?: unknown): Promise<T>;
  /** GETs a binary resource (a proof photo) with the same auth and error mapping. */
  requestBlob(path: string): Promise<Blob>;
}

/** Options of {@link createHttpClient}. */
export interface HttpClientOptions {
  /** Prefix for every path; empty for the page's own origin. */
  readonly baseUrl?: string;
  /** The bearer token to send, or null when signed out. */
  readonly getToken: () => string | null;
  /** Called when a request that carried a token got 401 (expired or revoked session). */
  readonly onUnauthenticated?: () => void;
}

/**
 * Creates the one fetch wrapper every API call goes through: bearer auth, JSON in and out,
 * problem bodies mapped to {@link ApiError} once.
 *
 * @example
 * const http = createHttpClient({ getToken: () => session?.token ?? null });
 * const vehicles = await http.request<VehicleDto[]>("GET", "/api/v1/vehicles");
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const baseUrl = options.baseUrl ?? "";
  return {
    async request<T>(method: HttpMethod, path: string, body?: unknown): Promise<T> {
      const token = options.getToken();
      const response = await send(`${baseUrl}${path}`, method, token, body);
      if (response.ok) return readBody<T>(response);
      if (response.status === 401 && token !== null) options.onUnauthenticated?.();
      throw await toApiError(response);
    },
    async requestBlob(path: string): Promise<Blob> {
      const token = options.getToken();
      const response = await send(`${baseUrl}${path}`, "GET", token, undefined);
      if (response.ok) return response.blob();
      if (response.status === 401 && token !== null) options.onUnauthenticated?.();
      throw await toApiError(response);
    },
  };
}

async function send(url: string, method: HttpMethod, token: string | null, body: unknown): Promise<Response> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  try {
    return await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (cause) {
    const error = new ApiError(
      NETWORK_ERROR_STATUS,
      null,
      "Cannot reach the Waybill server. Check your connection.",
    );
    error.cause = cause;
    throw error;
  }
}

async function readBody<T>(response: Response): Promise<T> {
  if (response.status === 204) return undefined as T;
  // The server is the trust boundary for response shapes; contracts are typed in @waybill/shared.
  return (await response.json()) as T;
}

async function toApiError(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => null);
  if (isProblem(body)) return new ApiError(response.status, body, describeProblem(body));
  return new ApiError(
    response.status,
    null,
    `The server answered ${response.status} ${response.statusText}.`,
  );
}
