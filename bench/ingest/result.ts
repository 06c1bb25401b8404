import type { MachineInfo } from "../support/machine";
import type { TrackingRows } from "./bench-database";
import type { PhaseResult } from "./phase";
import type { WaybillPhaseResult } from "./waybill-phases";

/** One bare hop measurement. */
export interface BareHopRun {
  readonly result: PhaseResult;
  /** Attempts in which Mosquitto stranded messages (the reported one included if so). */
  readonly stalledAttempts: number;
}

/** The reference rate: the mean of the bare hop before and after Waybill. */
export const bareHopRate = (r: Pick<IngestBenchResult, "bare">): number =>
  (r.bare.before.result.consumedPerSecond + r.bare.after.result.consumedPerSecond) / 2;

/** Everything one run measured. */
export interface IngestBenchResult {
  readonly machine: MachineInfo & { readonly postgres: string };
  readonly settings: Readonly<Record<string, string | number>>;
  /** Publish rate of the latency phase, messages per second. */
  readonly fixedRatePerSecond: number;
  /**
   * The bare hop before Waybill starts and after it stopped: the machine's speed drifts during a
   * run (the generator's CPU per message differed by up to 35 % between phases of one run), so
   * the reference is their mean, which brackets Waybill's phases in time.
   */
  readonly bare: { readonly before: BareHopRun; readonly after: BareHopRun };
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
