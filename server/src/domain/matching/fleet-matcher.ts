import type { LngLat } from "@waybill/shared";
import type { TimedTraversal } from "../road/learned-speeds";
import { EdgeTraversals } from "./edge-traversals";
import { DEFAULT_MATCH_OPTIONS, type MatchOptions } from "./match-options";
import type { MatchedFix } from "./match-types";
import type { MatchingNetwork } from "./matching-network";
import type { OnlineMatcher } from "./online-matcher";

/** A fix of one vehicle of the fleet, epoch ms. */
export interface VehicleFix {
  readonly vehicleId: string;
  readonly lng: number;
  readonly lat: number;
  readonly fixAt: number;
}

/** A fix whose road position became final (null: it matched no road). */
export interface VehicleMatch {
  readonly vehicleId: string;
  readonly fixAt: number;
  readonly point: LngLat | null;
}

/** What one batch of fixes yielded. */
export interface FleetMatchResult {
  /** Fixes that became final, per vehicle in fix order (from this batch or earlier ones). */
  readonly matched: VehicleMatch[];
  /** Segments driven end to end. */
  readonly traversals: TimedTraversal[];
  /** Fixes not newer than their vehicle's last one (reordered or repeated): not matched. */
  skipped: number;
}

/** How many vehicles one fleet matcher follows, and for how long a silent one is kept. */
export interface FleetLimits {
  readonly maxVehicles: number;
  /** A vehicle with no fix for this long (by the caller's clock) is finished and forgotten. */
  readonly idleMs: number;
}

export const DEFAULT_FLEET_LIMITS: FleetLimits = { maxVehicles: 20_000, idleMs: 10 * 60_000 };

/** One vehicle's matcher, its traversal timing and its last fix. */
interface VehicleTrack {
  readonly matcher: OnlineMatcher;
  readonly traversals: EdgeTraversals;
  lastFixAt: number;
  seenAt: number;
}

/**
 * Online matching of many vehicles on one network: one {@link OnlineMatcher} per vehicle, fed in
 * fix order, whose final fixes are turned into timed segment traversals for speed learning.
 * Memory is bounded: vehicles silent for `idleMs` are finished and forgotten, and beyond
 * `maxVehicles` the longest silent goes first. The clock is the caller's (`nowMs`).
 *
 * @example
 * const fleet = new FleetMatcher(network);
 * const { matched, traversals } = fleet.match([{ vehicleId: "v1", lng: 7.42, lat: 43.73, fixAt }], Date.now());
 */
export class FleetMatcher {
  /** Least recently seen first (a vehicle is moved to the end at each fix). */
  private readonly tracks = new Map<string, VehicleTrack>();

  constructor(
    private readonly network: MatchingNetwork,
    private readonly limits: FleetLimits = DEFAULT_FLEET_LIMITS,
    private readonly options: Partial<MatchOptions> = {},
  ) {}

  /** Vehicles followed now. */
  get size(): number {
    return this.tracks.size;
  }

  /**
   * Matches a batch of fixes, each vehicle's in fix order (a batch may come in arrival order), and
   * forgets vehicles silent too long.
   */
  match(fixes: readonly VehicleFix[], nowMs: number): FleetMatchResult {
    const result: FleetMatchResult = { matched: [], traversals: [], skipped: 0 };
    for (const fix of [...fixes].sort((a, b) => a.fixAt - b.fixAt)) {
      const track = this.touch(fix.vehicleId, nowMs);
      if (!(fix.fixAt > track.lastFixAt)) {
        result.skipped++;
        continue;
      }
      track.lastFixAt = fix.fixAt;
      collect(fix.vehicleId, track, track.matcher.push(fix), result);
    }
    this.evict(nowMs, result);
    return result;
  }

  /** The vehicle's track, created when new, moved to the end of the recency order. */
  private touch(vehicleId: string, nowMs: number): VehicleTrack {
    const track = this.tracks.get(vehicleId) ?? {
      matcher: this.network.createMatcher(this.options),
      traversals: new EdgeTraversals(
        this.network.graph,
        this.options.maxGapMs ?? DEFAULT_MATCH_OPTIONS.maxGapMs,
      ),
      lastFixAt: Number.NEGATIVE_INFINITY,
      seenAt: nowMs,
    };
    this.tracks.delete(vehicleId);
    this.tracks.set(vehicleId, track);
    track.seenAt = nowMs;
    return track;
  }

  /** Finishes (their waiting fixes become final) and forgets the silent vehicles and the excess. */
  private evict(nowMs: number, result: FleetMatchResult): void {
    for (const [vehicleId, track] of this.tracks) {
      const silent = nowMs - track.seenAt >= this.limits.idleMs;
      if (!silent && this.tracks.size <= this.limits.maxVehicles) return;
      collect(vehicleId, track, track.matcher.finish(), result);
      this.tracks.delete(vehicleId);
    }
  }
}

function collect(
  vehicleId: string,
  track: VehicleTrack,
  finals: readonly MatchedFix[],
  result: FleetMatchResult,
): void {
  for (const final of finals) {
    result.matched.push({
      vehicleId,
      fixAt: final.fix.fixAt ?? Number.NaN,
      point: final.point ? final.point.lngLat : null,
    });
    for (const traversal of track.traversals.take(final)) result.traversals.push(traversal);
  }
}
