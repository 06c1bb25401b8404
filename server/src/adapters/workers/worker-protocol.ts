/** A request to a worker: a method name and its argument, with an id for the reply. */
export interface WorkerRequest {
  readonly id: number;
  readonly method: string;
  readonly arg: unknown;
}

/** A worker's reply: the result, or an error message with the error's name. */
export type WorkerReply =
  | { readonly id: number; readonly ok: true; readonly result: unknown }
  | { readonly id: number; readonly ok: false; readonly error: { name: string; message: string } };

/** A worker's progress report on the request it is working on. */
export interface WorkerProgress {
  readonly id: number;
  readonly progress: unknown;
}

/** Methods a worker serves: each takes one structured-cloneable argument. */
export type WorkerMethods = Record<string, (arg: never, report: (progress: unknown) => void) => unknown>;
