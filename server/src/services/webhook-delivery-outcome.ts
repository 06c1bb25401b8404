import type { DeliveryResolution } from "../adapters/db/repositories/webhook-delivery.repository";
import type { WebhookAnswer } from "../adapters/webhooks/webhook-sender";
import { type RetryPolicy, retryDelayMs } from "./retry-policy";

/**
 * What an answer to attempt number `attempt` means: 2xx delivered; 410 Gone, the receiver wants
 * no more (the subscription is disabled); anything else is retried on the schedule, and given up
 * (disabling the subscription) when the schedule is exhausted.
 *
 * @example
 * resolveAttempt({ statusCode: 204, error: null, durationMs: 12 }, 1, policy, now); // { outcome: "succeeded" }
 */
export function resolveAttempt(
  answer: WebhookAnswer,
  attempt: number,
  policy: RetryPolicy,
  now: Date,
): DeliveryResolution {
  const status = answer.statusCode;
  if (status !== null && status >= 200 && status < 300) return { outcome: "succeeded" };
  if (status === 410) return { outcome: "failed", disableReason: "the receiver answered 410 Gone" };
  const waitMs = retryDelayMs(policy, attempt);
  if (waitMs === null)
    return {
      outcome: "failed",
      disableReason: `no delivery succeeded in ${attempt} attempts; the last one got ${describeAnswer(answer)}`,
    };
  return { outcome: "retrying", nextAttemptAt: new Date(now.getTime() + waitMs) };
}

/** The answer in a few words: `HTTP 503` or the network error. */
export const describeAnswer = (answer: WebhookAnswer): string =>
  answer.statusCode === null ? (answer.error ?? "no answer") : `HTTP ${answer.statusCode}`;
