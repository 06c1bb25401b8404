import type { LngLat } from "@waybill/shared";
import type { GpsFix } from "../../domain/matching/match-types";
import type { MatchedTrackLine } from "../../domain/matching/matched-track-line";
import type { SpeedSample } from "../../domain/road/learned-speeds";
import type { MatrixResult, RouteError } from "../../domain/road/route-engine";
import type { RouteResult } from "../../domain/road/route-response";
import type { GraphSourceSpec } from "./graph-source";

/** What a routing worker reports once its graph is ready. */
export interface RoutingInfo {
  readonly name: string;
  readonly origin: "imported" | "graph-file" | "synthetic";
  readonly nodeCount: number;
  readonly edgeCount: number;
  /** [west, south, east, north], degrees. */
  readonly bbox: readonly [number, number, number, number];
  readonly loadMs: number;
  readonly preprocessMs: number;
}

/** A road closure or slowdown as the engine needs it: a line drawn along the road. */
export interface ClosureLine {
  readonly id: string;
  readonly coordinates: readonly LngLat[];
  /** Absent: closed. A factor in (0, 1]: the road's speed is multiplied by it. */
  readonly speedFactor?: number;
}

/** The nearest road to a point, as the API shows it. */
export interface SnapDescription {
  readonly point: LngLat;
  /** From the query point to the road, metres. */
  readonly distanceM: number;
  /** Position along the segment, 0 at its first node, 1 at its second. */
  readonly fraction: number;
  readonly name: string;
  readonly wayOsmId: number;
  readonly fromOsmNodeId: number;
  readonly toOsmNodeId: number;
  readonly twoWay: boolean;
}

/** How many graph edges each closure closed (0: it matched no road). */
export type ClosureMatch = Record<string, number>;

/**
 * Fixes for live matching in columns (index i of each is one fix): a typed array crosses to the
 * worker as one copy, where an array of objects is cloned, and rebuilt, object by object.
 */
export interface FixColumns {
  readonly vehicleIds: readonly string[];
  readonly lng: Float64Array;
  readonly lat: Float64Array;
  readonly fixAt: Float64Array;
}

/** What a worker's live matching made of one batch of fixes. */
export interface MatchBatchResult {
  /**
   * Fixes whose road position became final: on a road, and off every road. Counts, not the
   * positions: the caller only counts them, and copying one object per fix between threads cost
   * more than matching some of them.
   */
  readonly matched: number;
  readonly unmatched: number;
  /** Speeds of the segments driven end to end, merged per segment and hour. */
  readonly samples: SpeedSample[];
  /** Fixes older than (or as old as) their vehicle's last one: skipped. */
  readonly skipped: number;
  /** Vehicles this worker follows now. */
  readonly vehicles: number;
}

/** What applying learned speeds did in a worker. */
export interface LearnedSpeedsApplied {
  /** Graph edges given a learned speed for the hour. */
  readonly edges: number;
  /** Time to recompute the edge weights and re-customize the hierarchy, ms. */
  readonly customizeMs: number;
}

/** The methods of routing.worker.ts, with their argument and result types. */
export interface RoutingMethods {
  init: (arg: { source: GraphSourceSpec }) => RoutingInfo;
  route: (arg: {
    points: LngLat[];
    headingsDeg?: (number | null)[];
    steps?: boolean;
  }) => RouteResult | RouteError;
  matrix: (arg: { sources: LngLat[]; targets: LngLat[] }) => MatrixResult;
  snap: (arg: { point: LngLat; headingDeg?: number }) => SnapDescription | null;
  setClosures: (arg: { closures: ClosureLine[] }) => ClosureMatch;
  roads: (arg: Record<string, never>) => unknown;
  /** Map-matches a recorded track in one go (stateless: nothing is kept between calls). */
  matchTrack: (arg: { fixes: GpsFix[] }) => MatchedTrackLine;
  /** Live map matching: fixes of many vehicles (each always sent to the same worker), fix order per vehicle. */
  matchFixes: (arg: { fixes: FixColumns; nowMs: number }) => MatchBatchResult;
  /** Routes with the learned speeds of this hour (UTC) from now on; other hours' samples are ignored. */
  setLearnedSpeeds: (arg: { samples: SpeedSample[]; hour: number }) => LearnedSpeedsApplied;
}
