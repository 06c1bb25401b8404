import { afterEach, describe, expect, it } from "vitest";
import { WorkerClient } from "./worker-client";

const entry = new URL("./testing/echo.worker.ts", import.meta.url);
let client: WorkerClient | null = null;
afterEach(() => client?.terminate());

describe(WorkerClient.name, () => {
  it("runs a TypeScript worker and returns its results", async () => {
    client = new WorkerClient(entry);
    await expect(client.call("double", 21)).resolves.toBe(42);
  });

  it("passes progress reports while a call runs", async () => {
    client = new WorkerClient(entry);
    const seen: unknown[] = [];
    await client.call("count", 3, (p) => seen.push(p));
    expect(seen).toEqual([1, 2, 3]);
  });

  it("turns a thrown error into a rejection with its name and message", async () => {
    client = new WorkerClient(entry);
    await expect(client.call("fail", "bad input")).rejects.toMatchObject({
      name: "RangeError",
      message: "bad input",
    });
    await expect(client.call("double", 2)).resolves.toBe(4);
  });

  it("fails pending calls when the worker dies", async () => {
    client = new WorkerClient(entry);
    await expect(client.call("exit", 3)).rejects.toThrow(/exited with code 3/);
    await expect(client.call("double", 1)).rejects.toThrow(/exited/);
  });
});
