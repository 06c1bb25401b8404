import { parentPort } from "node:worker_threads";
import type { WorkerMethods, WorkerReply, WorkerRequest } from "./worker-protocol";

/**
 * The worker side: answers requests by calling the named method. One request at a time (the
 * work is CPU-bound); errors travel back as messages, never crash the thread.
 *
 * @example
 * serveWorker({ route: (arg: RouteArg) => engine.route(arg.points) });
 */
export function serveWorker(methods: WorkerMethods): void {
  const port = parentPort;
  if (!port) throw new Error("serveWorker must run inside a worker thread");
  port.on("message", async (request: WorkerRequest) => {
    const method = methods[request.method];
    let reply: WorkerReply;
    try {
      if (!method) throw new Error(`worker has no method ${request.method}`);
      const report = (progress: unknown) => port.postMessage({ id: request.id, progress });
      reply = { id: request.id, ok: true, result: await method(request.arg as never, report) };
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      reply = { id: request.id, ok: false, error: { name: e.name, message: e.message } };
    }
    port.postMessage(reply);
  });
}
