import { NETWORK_ERROR_STATUS } from "../../api/api-error";
import type { OutboxAction } from "./outbox-action";

/** What the outbox does with an action whose request failed. */
export type FailureVerdict =
  /** Keep it at the head and try again later: offline, timeout, server trouble. */
  | "retry"
  /** Keep it, but send nothing until the driver signs in again (401). */
  | "hold"
  /** The server refused it for good (4xx): drop it and show the driver why. */
  | "drop";

/** Client errors that mean "not now" rather than "never": request timeout, too early, too many. */
const TRANSIENT_CLIENT_STATUSES: ReadonlySet<number> = new Set([408, 425, 429]);

/**
 * Decides from the HTTP status (0: no response) what happens to a failed action.
 *
 * @example
 * judgeFailure(0); // "retry"
 * judgeFailure(409); // "drop": an illegal transition does not become legal by retrying
 */
export function judgeFailure(status: number): FailureVerdict {
  if (status === NETWORK_ERROR_STATUS || status >= 500 || TRANSIENT_CLIENT_STATUSES.has(status))
    return "retry";
  if (status === 401) return "hold";
  return "drop";
}

/** First retry delay, ms. */
const BASE_DELAY_MS = 2_000;
/** Longest wait between retries, ms: a phone back in coverage syncs within a minute. */
const MAX_DELAY_MS = 60_000;

/**
 * Wait before retry number `attempt` (1 = first retry), ms: exponential from 2 s, capped at 60 s,
 * with jitter between half and all of it so phones coming back online do not retry in step.
 *
 * @example
 * retryDelayMs(1, () => 1); // 2000
 * retryDelayMs(10, () => 1); // 60000
 */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling * (0.5 + random() / 2));
}

/**
 * True when a 409 says the server is already where the action would take it: the answer to an
 * earlier try was lost on a weak network, and the retry found the work done. Such an action
 * counts as sent, not as refused.
 *
 * @example
 * isAlreadyApplied({ kind: "stop-status", stopId, body: { status: "arrived" } }, 409, "arrived"); // true
 */
export function isAlreadyApplied(
  action: OutboxAction,
  status: number,
  currentState: string | undefined,
): boolean {
  if (status !== 409 || currentState === undefined) return false;
  if (action.kind === "stop-status") return action.body.status === currentState;
  return action.kind === "shift-end" && currentState === "off_shift";
}
