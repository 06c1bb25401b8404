import type { LngLat } from "@waybill/shared";
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
}
