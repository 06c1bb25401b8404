import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import {
  type FleetCommand,
  type FleetCounts,
  type FleetEvent,
  type FleetVehicleSpec,
  isFleetEvent,
} from "./fleet-protocol";

const entry = fileURLToPath(new URL("./fleet-process.ts", import.meta.url));

/** The bench's handle on the fleet child process. */
export class FleetDriver {
  /** Counters from the latest report (every second). */
  latest: FleetCounts = { published: 0, failed: 0, cpuMicros: 0 };
  private readonly waiters = new Map<FleetEvent["type"], (event: FleetEvent) => void>();
  private failure: Error | null = null;

  private constructor(private readonly child: ChildProcess) {
    child.on("message", (message: unknown) => {
      if (isFleetEvent(message)) this.onEvent(message);
    });
    // A message racing the child's exit fails with EPIPE: the exit handler reports real failures.
    child.on("error", () => {});
    child.on("exit", (code) => {
      if (code !== 0 && code !== null) this.fail(new Error(`fleet process exited with code ${code}`));
    });
  }

  /** Forks the fleet process with the same loader (tsx) as this one. */
  static spawn(): FleetDriver {
    return new FleetDriver(fork(entry, [], { execArgv: process.execArgv, stdio: "inherit" }));
  }

  /** Connects one MQTT client per vehicle and starts driving; resolves once all are connected. */
  async start(brokerUrl: string, vehicles: readonly FleetVehicleSpec[], intervalMs: number): Promise<void> {
    const started = this.next("started");
    this.send({ type: "start", brokerUrl, vehicles, intervalMs });
    await started;
  }

  /** Stops publishing and waits for the process to end; resolves with the final counts. */
  async stop(): Promise<FleetCounts> {
    const stopped = this.next("stopped");
    this.send({ type: "stop" });
    const event = await stopped;
    if (event.type === "stopped") this.latest = event;
    return this.latest;
  }

  /** Ends the process at once (after a failure elsewhere). */
  kill(): void {
    if (this.child.exitCode === null) this.child.kill();
  }

  private send(command: FleetCommand): void {
    if (this.failure) throw this.failure;
    this.child.send(command);
  }

  private next(type: FleetEvent["type"]): Promise<FleetEvent> {
    return new Promise((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.waiters.set(type, resolve);
      this.waiters.set("error", (event) =>
        reject(new Error(event.type === "error" ? event.message : "fleet process failed")),
      );
    });
  }

  private onEvent(event: FleetEvent): void {
    if (event.type !== "error") this.latest = event;
    if (event.type === "error") this.fail(new Error(`fleet process: ${event.message}`));
    const waiter = this.waiters.get(event.type);
    this.waiters.delete(event.type);
    waiter?.(event);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    const waiter = this.waiters.get("error");
    this.waiters.clear();
    waiter?.({ type: "error", message: error.message });
  }
}
