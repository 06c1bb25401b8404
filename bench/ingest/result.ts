import type { MachineInfo } from "../support/machine";
import type { TrackingRows } from "./bench-database";
import type { PhaseResult } from "./phase";
import type { WaybillPhaseResult } from "./waybill-phases";

/** Everything one run measured. */
export interface IngestBenchResult {
  readonly machine: MachineInfo & { readonly postgres: string };
  readonly settings: Readonly<Record<string, string | number>>;
  /** Publish rate of the latency phase, messages per second. */
  readonly fixedRatePerSecond: number;
  readonly bare: PhaseResult;
  /** Bare hop attempts in which Mosquitto stranded messages (the reported one included if so). */
  readonly bareStalledAttempts: number;
  readonly max: WaybillPhaseResult;
  readonly fixed: WaybillPhaseResult;
  /** Rows in `positions` at the end, and what the metrics say was stored in all. */
  readonly database: { readonly rows: number; readonly storedTotal: number };
  /** With `--tracking`: the work given to the fleet, the unmeasured first phase, the rows at the end. */
  readonly tracking?: {
    readonly orders: number;
    readonly lateOrders: number;
    readonly routeKm: number;
    readonly preroll: WaybillPhaseResult;
    readonly rows: TrackingRows;
  };
}
