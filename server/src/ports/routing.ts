import type {
  ClosureLine,
  ClosureMatch,
  RoutingInfo,
  RoutingMethods,
} from "../adapters/routing/routing-protocol";

/** The routing engine as services see it (implemented by the worker pool). */
export interface RoutingPort {
  readonly info: RoutingInfo;
  route(arg: Parameters<RoutingMethods["route"]>[0]): Promise<ReturnType<RoutingMethods["route"]>>;
  matrix(arg: Parameters<RoutingMethods["matrix"]>[0]): Promise<ReturnType<RoutingMethods["matrix"]>>;
  snap(arg: Parameters<RoutingMethods["snap"]>[0]): Promise<ReturnType<RoutingMethods["snap"]>>;
  setClosures(closures: readonly ClosureLine[]): Promise<ClosureMatch>;
  roads(): Promise<unknown>;
  matchTrack(
    arg: Parameters<RoutingMethods["matchTrack"]>[0],
  ): Promise<ReturnType<RoutingMethods["matchTrack"]>>;
}
