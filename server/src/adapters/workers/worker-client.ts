import { Worker } from "node:worker_threads";
import type { WorkerProgress, WorkerReply, WorkerRequest } from "./worker-protocol";

const bootstrap = new URL("./worker-bootstrap.mjs", import.meta.url);

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  onProgress?: ((progress: unknown) => void) | undefined;
}

/**
 * The main-thread side of one worker thread running a TypeScript module (see serve-worker.ts).
 * Heavy CPU work (graph preprocessing, routing, optimisation) runs there, never on the event loop
 * that handles telemetry. A crashed worker fails its pending calls with the reason.
 */
export class WorkerClient {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private exitError: Error | null = null;

  constructor(entry: URL, workerData: Record<string, unknown> = {}) {
    this.worker = new Worker(bootstrap, { workerData: { ...workerData, entry: entry.href } });
    this.worker.on("message", (message: WorkerReply | WorkerProgress) => this.onMessage(message));
    this.worker.on("error", (error) => this.failAll(error));
    this.worker.on("exit", (code) =>
      this.failAll(new Error(`worker ${entry.pathname} exited with code ${code}`)),
    );
  }

  /** Calls a method of the worker; resolves with its result or rejects with its error. */
  call<T>(method: string, arg: unknown, onProgress?: (progress: unknown) => void): Promise<T> {
    if (this.exitError) return Promise.reject(this.exitError);
    const id = this.nextId++;
    const request: WorkerRequest = { id, method, arg };
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, onProgress });
      this.worker.postMessage(request);
    });
  }

  /** Calls waiting for an answer. */
  get busy(): number {
    return this.pending.size;
  }

  async terminate(): Promise<void> {
    this.exitError = new Error("worker terminated");
    await this.worker.terminate();
  }

  private onMessage(message: WorkerReply | WorkerProgress): void {
    const pending = this.pending.get(message.id);
    if (!pending) return;
    if ("progress" in message) {
      pending.onProgress?.(message.progress);
      return;
    }
    this.pending.delete(message.id);
    if (message.ok) pending.resolve(message.result);
    else pending.reject(Object.assign(new Error(message.error.message), { name: message.error.name }));
  }

  private failAll(error: Error): void {
    this.exitError ??= error;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}
