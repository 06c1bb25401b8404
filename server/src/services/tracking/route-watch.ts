import type { LngLat, StopDto } from "@waybill/shared";
import type { Logger } from "pino";
import { type FollowContext, type FollowStep, RouteFollower } from "../../domain/tracking/route-follower";
import { RouteProgress } from "../../domain/tracking/route-progress";
import type { ScopedPosition } from "../../ports/position-broadcaster";
import type { RoutingService } from "../routing.service";
import type { AlertService } from "./alert.service";
import type { TrackingRules } from "./tracking-rules";
import type { VehicleState } from "./vehicle-state";

/** Where a vehicle was at one fix, against its start and its stops. */
export interface FixPlace {
  /** It had left its start by then. */
  readonly departed: boolean;
  /** At a stop (arrived, not yet left). */
  readonly atStop: boolean;
  /** At a stop or entering or leaving one. */
  readonly nearStop: boolean;
}

/** After a failed route request, the next is tried this much later, ms. */
const ROUTE_RETRY_MS = 60_000;

/**
 * The route side of live tracking: makes a vehicle's route when it takes its stops (or when they
 * change), follows each fix along it (place, distance driven, pace samples), raises `off_route`
 * once when the vehicle stays away from the planned route and clears it when it is back (or
 * reaches a stop), and gives the vehicle a fresh route from where it is whenever it leaves the
 * route in use. Routes are asked of the routing engine only then, never per fix.
 */
export class RouteWatch {
  private readonly retryAt = new WeakMap<VehicleState, number>();

  constructor(
    private readonly routing: Pick<RoutingService, "route">,
    private readonly alerts: Pick<AlertService, "raise" | "clear">,
    private readonly log: Logger,
    private readonly rules: TrackingRules,
  ) {}

  /**
   * Follows the vehicle's new fixes (oldest first; `places` says where each was against its
   * start and stops) along its route; returns, per fix, since when the vehicle had been standing
   * still (epoch ms).
   */
  async follow(
    state: VehicleState,
    fixes: readonly ScopedPosition[],
    places: readonly FixPlace[],
    stops: readonly StopDto[],
  ): Promise<number[]> {
    const first = fixes[0];
    const ids = stops.map((stop) => stop.id);
    if (first && !(state.planned?.route.covers(ids) && state.active?.route.covers(ids)))
      await this.plan(state, first, stops);
    const stationarySince: number[] = [];
    for (const [i, fix] of fixes.entries()) {
      const since = state.stationary.update(fix.fixAt, fix.lat, fix.lng);
      stationarySince.push(since);
      state.odometer.update(fix.lat, fix.lng);
      const context: FollowContext = {
        departed: places[i]?.departed ?? state.departed,
        atStop: places[i]?.nearStop ?? false,
        stationaryS: (fix.fixAt - since) / 1000,
      };
      const step = state.active?.update(fix, context);
      if (step?.pace) state.pace.observe(step.pace.plannedS, step.pace.actualS);
      const reference = state.planned === state.active ? step : state.planned?.update(fix, context);
      if (reference?.event.type === "left") await this.raiseOffRoute(state, fix, reference);
      else if (reference?.event.type === "returned") await this.clearOffRoute(state, fix);
      // The later fixes of the batch already follow the fresh route.
      if (step?.event.type === "left") await this.reroute(state, fix, context, stops);
    }
    return stationarySince;
  }

  /** The vehicle has no stops left: nothing is off any route any more. */
  async forget(state: VehicleState, position: ScopedPosition): Promise<void> {
    if (state.offRouteAlert) await this.clearOffRoute(state, position);
  }

  /** A new planned route from where the vehicle is through its open stops. */
  private async plan(state: VehicleState, fix: ScopedPosition, stops: readonly StopDto[]): Promise<void> {
    if (state.offRouteAlert) await this.clearOffRoute(state, fix);
    const route = await this.routeFrom(state, fix, stops);
    state.planned = route && new RouteFollower(route, this.rules.offRoute);
    state.active = state.planned;
  }

  /** The route in use is left: a fresh one from where the vehicle is (the planned one stays the reference). */
  private async reroute(
    state: VehicleState,
    fix: ScopedPosition,
    context: FollowContext,
    stops: readonly StopDto[],
  ): Promise<void> {
    const route = await this.routeFrom(state, fix, stops);
    if (!route) return;
    state.active = new RouteFollower(route, this.rules.offRoute);
    state.active.update(fix, context);
    this.log.debug(
      { vehicleId: fix.vehicleId, stops: route.stopIds.length },
      "fresh route after leaving the route",
    );
  }

  private async routeFrom(
    state: VehicleState,
    fix: ScopedPosition,
    stops: readonly StopDto[],
  ): Promise<RouteProgress | null> {
    if ((this.retryAt.get(state) ?? 0) > fix.fixAt) return null;
    const points: LngLat[] = [
      [fix.lng, fix.lat],
      ...stops.map((stop): LngLat => [stop.place.lng, stop.place.lat]),
    ];
    try {
      // Steps time the route street by street (progress and pace), not leg by leg.
      const road = await this.routing.route(points, { steps: true });
      return new RouteProgress(
        road.geometry.coordinates,
        road.legs,
        stops.map((stop) => stop.id),
        road.steps,
      );
    } catch (error) {
      this.retryAt.set(state, fix.fixAt + ROUTE_RETRY_MS);
      this.log.warn({ err: error, vehicleId: fix.vehicleId }, "no route for the vehicle's stops; ETAs wait");
      return null;
    }
  }

  private async raiseOffRoute(state: VehicleState, fix: ScopedPosition, step: FollowStep): Promise<void> {
    if (step.event.type !== "left" || state.offRouteAlert || !state.planned) return;
    state.offRouteAlert = true;
    const distanceM = Math.round(step.event.distanceM);
    const minutes = Math.max(1, Math.round((fix.fixAt - step.event.at) / 60_000));
    await this.alerts.raise(fix.organisationId, {
      kind: "off_route",
      vehicleId: fix.vehicleId,
      orderId: null,
      // The stop it was heading for: the first the planned route had not reached at that place.
      stopId:
        state.planned.route.remaining(step.position.alongM).find((stop) => stop.remainingM > 0)?.stopId ??
        null,
      detail: `${distanceM} m off its planned route for ${minutes} min`,
      data: { since: new Date(step.event.at).toISOString(), distanceM, lat: fix.lat, lng: fix.lng },
    });
  }

  private async clearOffRoute(state: VehicleState, fix: ScopedPosition): Promise<void> {
    if (!state.offRouteAlert) return;
    state.offRouteAlert = false;
    await this.alerts.clear(fix.organisationId, {
      kind: "off_route",
      vehicleId: fix.vehicleId,
      orderId: null,
    });
  }
}
