/** A [lng, lat] pair, degrees. */
export type LngLat = readonly [lng: number, lat: number];

/** One simulated vehicle of the bench fleet. */
export interface FleetVehicleSpec {
  readonly deviceId: string;
  readonly route: readonly LngLat[];
  readonly speedKmh: number;
}

/** Parent → fleet process. */
export type FleetCommand =
  | {
      readonly type: "start";
      readonly brokerUrl: string;
      readonly vehicles: readonly FleetVehicleSpec[];
      readonly intervalMs: number;
    }
  | { readonly type: "stop" };

/** Fixes the broker acknowledged, and the fleet process's CPU time so far (µs). */
export interface FleetCounts {
  readonly published: number;
  readonly failed: number;
  readonly cpuMicros: number;
}

/** Fleet process → parent. */
export type FleetEvent =
  | ({ readonly type: "started" } & FleetCounts)
  | ({ readonly type: "progress" } & FleetCounts)
  | ({ readonly type: "stopped" } & FleetCounts)
  | { readonly type: "error"; readonly message: string };

/** True for a message shaped like a {@link FleetEvent}. */
export function isFleetEvent(message: unknown): message is FleetEvent {
  return typeof message === "object" && message !== null && "type" in message;
}
