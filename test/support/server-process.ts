import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

/** A Waybill server running as its own process (`pnpm serve`), as an operator runs one. */
export interface ServerProcess {
  readonly name: string;
  readonly url: string;
  readonly child: ChildProcess;
  /** What it printed (stdout and stderr), for a failing test's message. */
  output(): string;
  /** Resolves with the exit code or signal once the process has exited. */
  readonly exited: Promise<number | NodeJS.Signals | null>;
  /** Reads one counter or gauge from its GET /metrics (summed over labels). */
  metric(name: string): Promise<number>;
  /** SIGTERM (graceful) or SIGKILL (crash); resolves once it has exited. */
  stop(signal?: "SIGTERM" | "SIGKILL"): Promise<void>;
}

/** A free TCP port on the loopback (the OS picks it; it stays free unless someone races us). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

/**
 * Starts `server/src/main.ts` in a new Node process (tsx loaded in-process, so a signal reaches
 * the server itself) on a free port, with its own data folder, and waits until GET /readyz
 * answers 200. `env` adds to (or overrides) this process's environment.
 */
export async function startServerProcess(
  name: string,
  env: Record<string, string>,
  readyTimeoutMs = 60_000,
): Promise<ServerProcess> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), `waybill-${name}-`));
  // The Node flag `pnpm serve` runs the server with (package.json; README, "Running in production").
  const child = spawn(
    process.execPath,
    ["--max-semi-space-size=64", "--import", "tsx", "server/src/main.ts"],
    {
      cwd: repoRoot,
      env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) =>
    child.once("exit", (code, signal) => {
      rmSync(dataDir, { recursive: true, force: true });
      resolve(signal ?? code);
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const server: ServerProcess = {
    name,
    url,
    child,
    output: () => output,
    exited,
    metric: async (metric) => sumMetric(await (await fetch(`${url}/metrics`)).text(), metric),
    stop: async (signal = "SIGTERM") => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
  try {
    await waitReady(server, readyTimeoutMs);
  } catch (error) {
    await server.stop("SIGKILL");
    throw new Error(`${name} did not become ready: ${String(error)}\n${output.slice(-3000)}`);
  }
  return server;
}

async function waitReady(server: ServerProcess, timeoutMs: number): Promise<void> {
  const started = Date.now();
  let exitedEarly = false;
  void server.exited.then(() => {
    exitedEarly = true;
  });
  for (;;) {
    if (exitedEarly) throw new Error("the process exited");
    const status = await fetch(`${server.url}/readyz`).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return;
    if (Date.now() - started > timeoutMs) throw new Error(`not ready after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The sum of every sample of `name` in a Prometheus text exposition. */
export function sumMetric(text: string, name: string): number {
  let sum = 0;
  for (const line of text.split("\n")) {
    if (!line.startsWith(name)) continue;
    const rest = line.slice(name.length);
    if (rest[0] !== " " && rest[0] !== "{") continue;
    sum += Number(line.slice(line.lastIndexOf(" ") + 1));
  }
  return sum;
}
