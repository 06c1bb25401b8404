import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP } from "node:net";
import { guardedLookup, hostOf, refusal } from "./target-guard";

/** One signed webhook request. */
export interface WebhookRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** How a receiver answered: its status, or why none came. */
export interface WebhookAnswer {
  readonly statusCode: number | null;
  readonly error: string | null;
  readonly durationMs: number;
}

/** Sends one webhook request; never throws. */
export type WebhookSender = (request: WebhookRequest) => Promise<WebhookAnswer>;

/** Options of {@link createWebhookSender}. */
export interface WebhookSenderOptions {
  /** Longest wait for the answer, milliseconds. */
  readonly timeoutMs: number;
  /** Allow loopback and private addresses (development and tests only). */
  readonly allowPrivateTargets: boolean;
}

/**
 * The HTTP client of webhooks: POSTs the JSON body, follows no redirect, gives up after the
 * timeout, and unless private targets are allowed, refuses hosts that resolve to a private,
 * loopback or otherwise internal address at the moment it connects.
 */
export function createWebhookSender(options: WebhookSenderOptions): WebhookSender {
  return async (request) => {
    const started = performance.now();
    const answer = (statusCode: number | null, error: string | null): WebhookAnswer => ({
      statusCode,
      error,
      durationMs: Math.round(performance.now() - started),
    });
    const url = new URL(request.url);
    const host = hostOf(url);
    const refused = !options.allowPrivateTargets && isIP(host) ? refusal(host, host) : null;
    if (refused) return answer(null, refused.message);
    try {
      return answer(await post(url, request, options), null);
    } catch (error) {
      return answer(null, error instanceof Error ? error.message : String(error));
    }
  };
}

function post(url: URL, request: WebhookRequest, options: WebhookSenderOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    const outgoing = send(
      url,
      {
        method: "POST",
        headers: {
          ...request.headers,
          "content-type": "application/json",
          "content-length": Buffer.byteLength(request.body),
          "user-agent": "Waybill-Webhooks/1.0",
        },
        ...(options.allowPrivateTargets ? {} : { lookup: guardedLookup }),
      },
      (response) => {
        // The answer is the status; the body is read and dropped so the connection can be reused.
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    const timer = setTimeout(
      () => outgoing.destroy(new Error(`no answer within ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );
    outgoing.on("close", () => clearTimeout(timer));
    outgoing.on("error", reject);
    outgoing.end(request.body);
  });
}
