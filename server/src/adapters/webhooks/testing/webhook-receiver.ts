import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

/** One request the receiver got. */
export interface ReceivedWebhook {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/**
 * The payload of a request, verified with the independent `standardwebhooks` library as any
 * receiver would; throws when the signature, id or timestamp does not check out.
 */
export function verifiedPayload(secret: string, request: ReceivedWebhook): unknown {
  return new Webhook(secret).verify(request.body, request.headers as Record<string, string>);
}

/** How the receiver answers a request: a status code, or "hang" to never answer. */
export type ReceiverAnswer = number | "hang";

/** A real HTTP webhook receiver on loopback, for tests. */
export interface WebhookReceiver {
  readonly url: string;
  /** Every request that got an answer of 2xx, in arrival order. */
  readonly accepted: ReceivedWebhook[];
  /** Every request, whatever the answer. */
  readonly requests: ReceivedWebhook[];
  /** Decides the answer to each request (default 204), at once or later. */
  answer(decide: (request: ReceivedWebhook) => ReceiverAnswer | Promise<ReceiverAnswer>): void;
  /** Stops listening: connections are refused until {@link up}. */
  down(): Promise<void>;
  /** Listens again on the same port. */
  up(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts a receiver on 127.0.0.1 at a free port.
 *
 * @example
 * const receiver = await startWebhookReceiver();
 * receiver.answer(() => 503);
 */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const accepted: ReceivedWebhook[] = [];
  const requests: ReceivedWebhook[] = [];
  let decide: (request: ReceivedWebhook) => ReceiverAnswer | Promise<ReceiverAnswer> = () => 204;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", async () => {
      const request = { headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
      requests.push(request);
      const status = await decide(request);
      if (status === "hang") return;
      if (status >= 200 && status < 300) accepted.push(request);
      res.writeHead(status).end();
    });
  });
  await listen(server, 0);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    accepted,
    requests,
    answer: (next) => {
      decide = next;
    },
    down: () => close(server),
    up: () => listen(server, port),
    close: () => close(server),
  };
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
}

function close(server: Server): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
