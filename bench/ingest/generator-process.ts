import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { DrivePlan } from "./drive-plan";
import {
  type GeneratorCommand,
  type GeneratorCounts,
  type GeneratorEvent,
  isGeneratorEvent,
  type PublishMode,
} from "./generator-protocol";

const entry = fileURLToPath(new URL("./load-generator.ts", import.meta.url));
const ZERO: GeneratorCounts = { published: 0, acked: 0, failed: 0, cpuMicros: 0 };

/** The parent's handle on a load generator child process (one per phase). */
export class LoadGenerator {
  /** Counters from the latest progress report (every 100 ms). */
  latest: GeneratorCounts = ZERO;
  private readonly waiters = new Map<GeneratorEvent["type"], (event: GeneratorEvent) => void>();
  private failure: Error | null = null;

  private constructor(private readonly child: ChildProcess) {
    child.on("message", (message: unknown) => {
      if (isGeneratorEvent(message)) this.onEvent(message);
    });
    // A message racing the child's exit fails with EPIPE: the exit handler reports real failures.
    child.on("error", () => {});
    child.on("exit", (code) => {
      if (code !== 0 && code !== null) this.fail(new Error(`load generator exited with code ${code}`));
    });
  }

  /** Forks the generator with the same loader (tsx) as this process. */
  static spawn(): LoadGenerator {
    return new LoadGenerator(fork(entry, [], { execArgv: process.execArgv, stdio: "inherit" }));
  }

  /** Connects one client per device; resolves with the number connected. */
  async connect(
    brokerUrl: string,
    deviceIds: readonly string[],
    plans?: Readonly<Record<string, DrivePlan>>,
  ): Promise<number> {
    const connected = this.next("connected");
    this.send({ type: "connect", brokerUrl, deviceIds, ...(plans ? { plans } : {}) });
    const event = await connected;
    return event.type === "connected" ? event.clients : 0;
  }

  start(mode: PublishMode): void {
    this.send({ type: "start", mode });
  }

  /** Tells the generator how many messages the consumer has taken (credit for "max" mode). */
  reportConsumed(count: number): void {
    if (this.child.connected) this.send({ type: "consumed", count });
  }

  /** Stops publishing; resolves with the final counts once every publish is acknowledged. */
  async stop(): Promise<GeneratorCounts> {
    const stopped = this.next("stopped");
    this.send({ type: "stop" });
    const event = await stopped;
    await new Promise<void>((resolve) => {
      if (this.child.exitCode !== null) resolve();
      else this.child.once("exit", () => resolve());
    });
    return event.type === "stopped" ? event : this.latest;
  }

  /** Ends the child at once (after a failure elsewhere). */
  kill(): void {
    if (this.child.exitCode === null) this.child.kill();
  }

  private send(command: GeneratorCommand): void {
    if (this.failure) throw this.failure;
    this.child.send(command);
  }

  private next(type: GeneratorEvent["type"]): Promise<GeneratorEvent> {
    return new Promise((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.waiters.set(type, resolve);
      this.waiters.set("error", (event) =>
        reject(new Error(`load generator: ${event.type === "error" ? event.message : "failed"}`)),
      );
    });
  }

  private onEvent(event: GeneratorEvent): void {
    if (event.type === "progress" || event.type === "stopped") this.latest = event;
    if (event.type === "error") this.failure = new Error(`load generator: ${event.message}`);
    const waiter = this.waiters.get(event.type);
    this.waiters.delete(event.type);
    waiter?.(event);
  }

  private fail(error: Error): void {
    this.failure = error;
    this.waiters.get("error")?.({ type: "error", message: error.message });
  }
}
