import { type ChildProcess, spawn } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./server-process";

/** Where Debian installs the broker; tests that need one of their own skip without it. */
export const MOSQUITTO = "/usr/sbin/mosquitto";

/** True when a Mosquitto binary is installed, so a test may run a broker of its own. */
export const mosquittoInstalled = (): boolean => existsSync(MOSQUITTO);

/**
 * A Mosquitto 2 process of one test, on a free loopback port (never the shared 1883): anonymous
 * clients (with an external broker the broker, not Waybill, authenticates devices), persistence
 * in a temporary folder so sessions and queued QoS 1 messages survive a restart, and no queue
 * limit (Mosquitto's default of 1,000 drops QoS 1 messages for a subscriber that is behind).
 */
export interface MosquittoProcess {
  readonly url: string;
  readonly port: number;
  /** True while the broker process runs. */
  readonly running: boolean;
  /** Stops the broker (SIGTERM: it saves its persistence file first); resolves once it exited. */
  stop(signal?: "SIGTERM" | "SIGKILL"): Promise<void>;
  /** Starts it again on the same port with the same persistence folder; resolves once it listens. */
  start(): Promise<void>;
  /** What it printed, for a failing test's message. */
  output(): string;
  /** Stops it and removes its folder. */
  dispose(): Promise<void>;
}

/** Starts a broker of the test's own and waits until it accepts connections. */
export async function startMosquitto(): Promise<MosquittoProcess> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "waybill-mosquitto-"));
  // Started as root, Mosquitto drops to the `mosquitto` user: it must be able to write its
  // persistence file here, or it saves nothing at SIGTERM (and logs "Permission denied").
  chmodSync(dir, 0o777);
  const configFile = join(dir, "mosquitto.conf");
  writeFileSync(
    configFile,
    [
      `listener ${port} 127.0.0.1`,
      "allow_anonymous true",
      "persistence true",
      `persistence_location ${dir}/`,
      "set_tcp_nodelay true",
      "max_queued_messages 0",
      "log_dest stderr",
      "log_type error",
      "log_type warning",
      "",
    ].join("\n"),
  );
  let child: ChildProcess | null = null;
  let output = "";
  const start = async () => {
    const started = spawn(MOSQUITTO, ["-c", configFile], { stdio: ["ignore", "pipe", "pipe"] });
    started.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    started.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child = started;
    await waitForPort(port, started, () => output);
  };
  const stop = async (signal: "SIGTERM" | "SIGKILL" = "SIGTERM") => {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once("exit", () => resolve());
      running.kill(signal);
      setTimeout(() => running.kill("SIGKILL"), 5_000).unref();
    });
  };
  try {
    await start();
  } catch (error) {
    await stop("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    get running() {
      const current = child as ChildProcess | null;
      return current !== null && current.exitCode === null && current.signalCode === null;
    },
    stop,
    start,
    output: () => output,
    dispose: async () => {
      await stop("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitForPort(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`mosquitto exited (${child.exitCode ?? child.signalCode}): ${output()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`mosquitto did not listen on ${port} within 10 s: ${output()}`);
}
