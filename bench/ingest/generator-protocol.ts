import type { DrivePlan } from "./drive-plan";

/** How the load generator paces its publishes. */
export type PublishMode =
  /** A fixed aggregate rate, token bucket refilled every 10 ms. */
  | { readonly kind: "rate"; readonly perSecond: number }
  /**
   * As fast as possible: each client keeps `windowPerClient` publishes awaiting their PUBACK, and
   * the whole fleet stays at most `backlogCap` messages ahead of what the consumer reported (the
   * broker PUBACKs before delivering, so without this cap a slower consumer's queue grows without
   * bound and Mosquitto drops what exceeds max_queued_messages).
   */
  | { readonly kind: "max"; readonly windowPerClient: number; readonly backlogCap: number };

/** Parent → generator. */
export type GeneratorCommand =
  | {
      readonly type: "connect";
      readonly brokerUrl: string;
      readonly deviceIds: readonly string[];
      /** Each device's day on the road network by device id (`--tracking`); none: back and forth. */
      readonly plans?: Readonly<Record<string, DrivePlan>>;
    }
  | { readonly type: "start"; readonly mode: PublishMode }
  /** Messages the consumer has taken so far (the backlog cap of "max" mode counts against it). */
  | { readonly type: "consumed"; readonly count: number }
  | { readonly type: "stop" };

/** Counters of the generator; `cpuMicros` is its own process CPU (user + system). */
export interface GeneratorCounts {
  /** Publishes handed to mqtt.js. */
  readonly published: number;
  /** Publishes the broker acknowledged (PUBACK): these must all reach the consumer. */
  readonly acked: number;
  readonly failed: number;
  readonly cpuMicros: number;
}

/** Generator → parent. */
export type GeneratorEvent =
  | { readonly type: "connected"; readonly clients: number }
  | ({ readonly type: "progress" } & GeneratorCounts)
  /** Sent once publishing stopped and every publish was acknowledged or failed. */
  | ({ readonly type: "stopped" } & GeneratorCounts)
  | { readonly type: "error"; readonly message: string };

/** Type guard for messages arriving over IPC. */
export function isGeneratorCommand(value: unknown): value is GeneratorCommand {
  return typeof value === "object" && value !== null && "type" in value;
}

/** Type guard for messages arriving over IPC. */
export function isGeneratorEvent(value: unknown): value is GeneratorEvent {
  return typeof value === "object" && value !== null && "type" in value;
}
