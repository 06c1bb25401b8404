import { serveWorker } from "../serve-worker";

/** A worker for the WorkerClient tests. */
serveWorker({
  double: (n: number) => n * 2,
  count: (n: number, report) => {
    for (let i = 1; i <= n; i++) report(i);
    return n;
  },
  fail: (message: string) => {
    throw new RangeError(message);
  },
  exit: (code: number) => process.exit(code),
});
