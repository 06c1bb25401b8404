import type { StreetsCollection, TrackingViewDto } from "@waybill/shared";

/** Why a tracking view could not be shown: unknown link, expired or withdrawn link, or no answer. */
export type ViewFailure = "invalid" | "expired" | "unavailable";

/** The answer to {@link fetchTrackingView}. */
export type ViewResult =
  | { readonly kind: "ok"; readonly view: TrackingViewDto }
  | { readonly kind: ViewFailure };

/** The answer to {@link sendFeedback}: stored, no longer open (given already), link dead, or failed. */
export type FeedbackResult = "sent" | "closed" | "invalid" | "expired" | "failed";

/** The token is the credential: no cookies, no referrer, no caching. */
const REQUEST: RequestInit = { credentials: "omit", referrerPolicy: "no-referrer", cache: "no-store" };

/**
 * The token of a tracking page path (`/track/{token}`), or null when the path holds none.
 *
 * @example
 * tokenFromPath("/track/trk_1a.b-c_"); // "trk_1a.b-c_"
 */
export function tokenFromPath(pathname: string): string | null {
  return /^\/track\/([\w.~-]+)\/?$/.exec(pathname)?.[1] ?? null;
}

/**
 * What a failed status means for the link: 404 unknown or forged, 410 expired or revoked,
 * anything else a passing server problem.
 *
 * @example
 * failureOf(410); // "expired"
 */
export function failureOf(status: number): ViewFailure {
  if (status === 404) return "invalid";
  return status === 410 ? "expired" : "unavailable";
}

/** `GET /api/v1/track/{token}`; never rejects. */
export async function fetchTrackingView(token: string): Promise<ViewResult> {
  const response = await send(`/api/v1/track/${encodeURIComponent(token)}`, {
    headers: { Accept: "application/json" },
  });
  if (!response) return { kind: "unavailable" };
  if (!response.ok) return { kind: failureOf(response.status) };
  try {
    return { kind: "ok", view: (await response.json()) as TrackingViewDto };
  } catch {
    // A body cut off in transit: the next refresh fetches it again.
    return { kind: "unavailable" };
  }
}

/** `GET /api/v1/track/{token}/streets`: the streets around the address, or null when they cannot be had. */
export async function fetchStreets(token: string): Promise<StreetsCollection | null> {
  const response = await send(`/api/v1/track/${encodeURIComponent(token)}/streets`, {
    headers: { Accept: "application/json" },
  });
  if (!response?.ok) return null;
  try {
    return (await response.json()) as StreetsCollection;
  } catch {
    return null;
  }
}

/** `POST /api/v1/track/{token}/feedback`; never rejects. */
export async function sendFeedback(
  token: string,
  feedback: { readonly rating: number; readonly comment?: string },
): Promise<FeedbackResult> {
  const response = await send(`/api/v1/track/${encodeURIComponent(token)}/feedback`, {
    method: "POST",
    headers: { Accept: "application/json", "Content-Type": "application/json" },
    body: JSON.stringify(feedback),
  });
  if (!response) return "failed";
  if (response.ok) return "sent";
  if (response.status === 409) return "closed";
  const failure = failureOf(response.status);
  return failure === "unavailable" ? "failed" : failure;
}

/** fetch, with a network failure as null (the callers show it as "try again"). */
async function send(url: string, init: RequestInit): Promise<Response | null> {
  try {
    return await fetch(url, { ...REQUEST, ...init });
  } catch {
    // Offline or the connection dropped; reported to the caller as no answer.
    return null;
  }
}
