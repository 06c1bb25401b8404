import type { TimeWindow } from "@waybill/shared";
import type { RouteProgress } from "./route-progress";

/** A remaining stop, in route order, as the ETA needs it. */
export interface EtaStop {
  readonly stopId: string;
  readonly serviceS: number;
  readonly timeWindows: readonly TimeWindow[];
  /** When the vehicle got there, for a stop it is at now; null otherwise. */
  readonly arrivedAt: number | null;
}

/** The estimate for one stop. */
export interface StopEta {
  readonly stopId: string;
  /** When the vehicle gets there, epoch ms. */
  readonly arrivalAt: number;
  /** When service starts: arrival, or the window's opening if early. */
  readonly serviceAt: number;
  /** 0-1: how much to trust it; lower the farther ahead and when the position is old. */
  readonly confidence: number;
  /** True when the last fix is older than the staleness limit: the vehicle may have moved on. */
  readonly stale: boolean;
}

/** What the ETA of a vehicle's remaining stops is computed from. */
export interface EtaInput {
  /** The clock, epoch ms. */
  readonly now: number;
  /** Time of the vehicle's last fix, epoch ms. */
  readonly fixAt: number;
  readonly stops: readonly EtaStop[];
  /** Road travel time of each leg, seconds: the vehicle's position to stop 0, stop 0 to 1, ... */
  readonly legDurationsS: readonly number[];
  /** Observed actual / predicted travel time of this vehicle (1 = as the road model says). */
  readonly pace: number;
  /** A fix older than this makes the ETA stale, seconds. */
  readonly staleAfterS: number;
}

/** Hours ahead at which confidence has fallen to its floor. */
const CONFIDENCE_HORIZON_H = 4;

/**
 * ETAs of a vehicle's remaining stops: road travel times (live and time-of-day speeds come with
 * the routing engine) scaled by the vehicle's observed pace, plus the service time of every stop
 * before, waiting for windows that are not open yet. A stop the vehicle is at counts its
 * remaining service time only.
 *
 * @example
 * etaOfStops({ now, fixAt, stops, legDurationsS: [300, 420], pace: 1.1, staleAfterS: 300 });
 */
export function etaOfStops(input: EtaInput): StopEta[] {
  if (input.legDurationsS.length !== input.stops.length)
    throw new RangeError(`expected ${input.stops.length} legs, got ${input.legDurationsS.length}`);
  const stale = input.now - input.fixAt > input.staleAfterS * 1000;
  let clock = Math.max(input.now, input.fixAt);
  return input.stops.map((stop, index) => {
    const arrivalAt = stop.arrivedAt ?? clock + (input.legDurationsS[index] as number) * input.pace * 1000;
    const serviceAt = windowOpening(arrivalAt, stop.timeWindows);
    clock = Math.max(serviceAt + stop.serviceS * 1000, input.now);
    const hoursAhead = Math.max(0, arrivalAt - input.now) / 3_600_000;
    const confidence = round2(
      Math.max(0.3, 0.95 - (0.65 * hoursAhead) / CONFIDENCE_HORIZON_H) * (stale ? 0.5 : 1),
    );
    return { stopId: stop.stopId, arrivalAt, serviceAt, confidence, stale };
  });
}

/** An ETA with what is left to drive to the stop. */
export interface RouteStopEta extends StopEta {
  /** Road distance still to drive, metres. */
  readonly remainingM: number;
  /** Driving time still ahead at the vehicle's pace (no service, no waiting), seconds. */
  readonly drivingS: number;
}

/**
 * ETAs of the open stops from the vehicle's place on its route (`alongM` metres along it): the
 * planned time of the road still ahead, scaled by the pace, through {@link etaOfStops}. Null when
 * the open stops are not the tail of this route (it must be computed anew).
 *
 * @example
 * etaAlongRoute(route, follower.position.alongM, { now, fixAt, stops, pace: pace.pace, staleAfterS: 300 });
 */
export function etaAlongRoute(
  route: RouteProgress,
  alongM: number,
  input: Omit<EtaInput, "legDurationsS">,
): RouteStopEta[] | null {
  const ahead = route.legsAhead(
    alongM,
    input.stops.map((stop) => stop.stopId),
  );
  if (!ahead) return null;
  const etas = etaOfStops({ ...input, legDurationsS: ahead.map((leg) => leg.legS) });
  let drivingS = 0;
  return etas.map((eta, index) => {
    const leg = ahead[index]!;
    drivingS += leg.legS * input.pace;
    return { ...eta, remainingM: Math.round(leg.remainingM), drivingS: Math.round(drivingS) };
  });
}

/** Service starts on arrival or at the opening of the first window that has not closed. */
function windowOpening(arrivalAt: number, windows: readonly TimeWindow[]): number {
  for (const window of windows) {
    if (arrivalAt <= Date.parse(window.end)) return Math.max(arrivalAt, Date.parse(window.start));
  }
  return arrivalAt;
}

/** How late an arrival is for the promised windows, seconds (0 when inside one or before). */
export function latenessS(arrivalAt: number, windows: readonly TimeWindow[]): number {
  if (windows.length === 0) return 0;
  for (const window of windows) if (arrivalAt <= Date.parse(window.end)) return 0;
  return Math.round((arrivalAt - Date.parse(windows.at(-1)?.end ?? "")) / 1000);
}

/**
 * The vehicle's pace: actual / planned driving time over its recent driving. Fed small samples
 * (the planned seconds of road covered between two fixes and the seconds it took), it keeps an
 * exponentially weighted ratio with a memory of `memoryS` planned seconds, so the pace follows
 * the traffic of the hour and of the area the vehicle is in. It starts at 1 (the road model) with
 * the weight of `priorS` planned seconds, which fades as the vehicle drives, and is clamped so a
 * stretch of odd samples cannot swing every ETA.
 *
 * @example
 * const pace = new PaceTracker();
 * pace.observe(10, 15); // 10 planned seconds of road took 15
 * pace.pace; // a little above 1, towards 1.5 as more samples agree
 */
export class PaceTracker {
  private plannedS: number;
  private actualS: number;

  constructor(
    private readonly memoryS = 900,
    priorS = 120,
    private readonly bounds: readonly [number, number] = [0.5, 3],
  ) {
    this.plannedS = priorS;
    this.actualS = priorS;
  }

  /** Actual / planned driving time (1 = as the road model says). */
  get pace(): number {
    const ratio = this.plannedS > 0 ? this.actualS / this.plannedS : 1;
    return Math.min(this.bounds[1], Math.max(this.bounds[0], ratio));
  }

  /** Records that `plannedS` seconds of planned driving took `actualS` seconds. */
  observe(plannedS: number, actualS: number): void {
    if (!(plannedS >= 0) || !(actualS >= 0) || plannedS + actualS === 0) return;
    const keep = Math.exp(-plannedS / this.memoryS);
    this.plannedS = this.plannedS * keep + plannedS;
    this.actualS = this.actualS * keep + actualS;
  }
}

const round2 = (value: number) => Math.round(value * 100) / 100;
