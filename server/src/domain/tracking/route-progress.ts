import type { LngLat } from "@waybill/shared";
import { RouteLine } from "./route-line";

/** A leg of a route as the routing engine planned it. */
export interface PlannedLeg {
  readonly distanceM: number;
  readonly durationS: number;
}

/** What is left to one stop from a place on the route. */
export interface StopProgress {
  readonly stopId: string;
  /** Road distance still to drive, metres. */
  readonly remainingM: number;
  /** Driving time still planned (no service, no pace), seconds. */
  readonly remainingS: number;
}

/**
 * A vehicle's route to its stops, as progress is measured on it: the line from where the route
 * was computed through every stop, where each stop lies along it, and the planned driving time
 * to every point. Legs are spread over the line by their share of the routed distance (the line
 * and the engine's lengths differ by rounding). Time is spread over the line by `pieces`, finer
 * parts of the route with their own planned times (the engine's steps: a street each, so a fast
 * avenue and a slow lane in one leg are timed as such), evenly within each piece; without pieces,
 * evenly within each leg.
 *
 * @example
 * const route = new RouteProgress(result.geometry.coordinates, result.legs, ["stp_1", "stp_2"], result.steps);
 * route.remaining(route.line.locate(lat, lng).alongM); // [{ stopId: "stp_1", remainingM, remainingS }, ...]
 */
export class RouteProgress {
  readonly line: RouteLine;
  /** Along the line, metres: where each leg ends (at its stop). */
  private readonly legEndM: number[];
  /** Along the line, metres, and planned seconds from the start: where each piece ends. */
  private readonly pieceEndM: number[];
  private readonly pieceEndS: number[];

  constructor(
    coordinates: readonly LngLat[],
    legs: readonly PlannedLeg[],
    readonly stopIds: readonly string[],
    pieces: readonly PlannedLeg[] = legs,
  ) {
    if (legs.length !== stopIds.length)
      throw new RangeError(`expected one leg per stop: ${stopIds.length} stops, ${legs.length} legs`);
    this.line = new RouteLine(coordinates.length === 1 ? [coordinates[0]!, coordinates[0]!] : coordinates);
    const scaleOf = (parts: readonly PlannedLeg[]) => {
      const routedM = parts.reduce((sum, part) => sum + part.distanceM, 0);
      return routedM > 0 ? this.line.lengthM / routedM : 0;
    };
    this.legEndM = cumulative(legs, scaleOf(legs)).endM;
    const timed = cumulative(pieces, scaleOf(pieces));
    this.pieceEndM = timed.endM;
    this.pieceEndS = timed.endS;
  }

  /** Planned driving seconds from the start of the route to `alongM` metres along it. */
  plannedSAt(alongM: number): number {
    const ends = this.pieceEndM;
    if (ends.length === 0) return 0;
    let lo = 0;
    let hi = ends.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ends[mid]! > alongM) hi = mid;
      else lo = mid + 1;
    }
    const startM = lo > 0 ? ends[lo - 1]! : 0;
    const startS = lo > 0 ? this.pieceEndS[lo - 1]! : 0;
    const endM = ends[lo]!;
    const f = endM > startM ? Math.min(1, Math.max(0, alongM - startM) / (endM - startM)) : 1;
    return startS + f * (this.pieceEndS[lo]! - startS);
  }

  /** Distance and planned time from `alongM` to every stop of the route (0 for stops behind). */
  remaining(alongM: number): StopProgress[] {
    const nowS = this.plannedSAt(alongM);
    return this.stopIds.map((stopId, k) => ({
      stopId,
      remainingM: Math.max(0, this.legEndM[k]! - alongM),
      remainingS: Math.max(0, this.plannedSAt(this.legEndM[k]!) - nowS),
    }));
  }

  /**
   * The planned time of each leg still ahead for `stopIds` (the open stops in route order): from
   * `alongM` to the first, then stop to stop. Null when those stops are not the tail of this
   * route (a stop was added, moved or given to another vehicle): the route must be computed anew.
   */
  legsAhead(
    alongM: number,
    stopIds: readonly string[],
  ): { stopId: string; legS: number; remainingM: number }[] | null {
    if (!this.covers(stopIds)) return null;
    const offset = this.stopIds.length - stopIds.length;
    const ahead = this.remaining(alongM).slice(offset);
    let previousS = 0;
    return ahead.map((stop) => {
      const legS = stop.remainingS - previousS;
      previousS = stop.remainingS;
      return { stopId: stop.stopId, legS, remainingM: stop.remainingM };
    });
  }

  /** Whether `stopIds` (the open stops in route order) are the tail of this route's stops. */
  covers(stopIds: readonly string[]): boolean {
    const offset = this.stopIds.length - stopIds.length;
    return offset >= 0 && stopIds.every((id, i) => this.stopIds[offset + i] === id);
  }
}

/** Running ends of consecutive parts: metres (scaled to the line) and seconds. */
function cumulative(parts: readonly PlannedLeg[], scale: number): { endM: number[]; endS: number[] } {
  const endM: number[] = [];
  const endS: number[] = [];
  let m = 0;
  let s = 0;
  for (const part of parts) {
    m += part.distanceM * scale;
    s += part.durationS;
    endM.push(m);
    endS.push(s);
  }
  return { endM, endS };
}
