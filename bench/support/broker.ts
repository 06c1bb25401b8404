import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Flow-control settings of a bench broker (mosquitto.conf names). */
export interface BrokerLimits {
  /** Outgoing QoS 1/2 messages in flight per client without an MQTT 5 Receive Maximum; 0 = no limit. */
  readonly maxInflightMessages: number;
  /** Messages queued per client beyond those in flight; QoS 1 messages past it are dropped. 0 = no limit. */
  readonly maxQueuedMessages: number;
}

/** A Mosquitto 2 process of the bench's own, on a free port. */
export interface BenchBroker {
  readonly url: string;
  readonly pid: number;
  readonly config: string;
  stop(): Promise<void>;
}

const MOSQUITTO = "/usr/sbin/mosquitto";

/** The mosquitto.conf of a bench broker: loopback only, no persistence, TCP no-delay. */
export function brokerConfig(port: number, limits: BrokerLimits): string {
  return [
    `listener ${port} 127.0.0.1`,
    "allow_anonymous true",
    "persistence false",
    "set_tcp_nodelay true",
    `max_inflight_messages ${limits.maxInflightMessages}`,
    `max_queued_messages ${limits.maxQueuedMessages}`,
    "log_type error",
    "log_type warning",
    "",
  ].join("\n");
}

/** Starts `mosquitto -c <temp conf>` on a free port (never 1883) and waits until it accepts. */
export async function startBroker(limits: BrokerLimits): Promise<BenchBroker> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "waybill-bench-mqtt-"));
  const config = brokerConfig(port, limits);
  writeFileSync(join(dir, "mosquitto.conf"), config);
  const child = spawn(MOSQUITTO, ["-c", join(dir, "mosquitto.conf")], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  try {
    await waitForPort(port, child, () => stderr);
  } catch (error) {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `mqtt://127.0.0.1:${port}`,
    pid: child.pid!,
    config,
    stop: async () => {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => {
        const address = server.address();
        server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
      });
    });
    if (port !== 1883 && port !== 0) return port;
  }
}

async function waitForPort(port: number, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`mosquitto exited (${child.exitCode}): ${stderr()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => resolve(socket.destroy() !== undefined));
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`mosquitto did not listen on ${port} within 5 s: ${stderr()}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 3_000).unref();
  });
}
