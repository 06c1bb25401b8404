import type { EventActor, StopDto } from "@waybill/shared";
import type { EventDraft } from "../../domain/orders/order-events";
import { etaAlongRoute, latenessS, type RouteStopEta } from "../../domain/tracking/eta";
import type { ScopedPosition } from "../../ports/position-broadcaster";
import type { AlertService } from "./alert.service";
import type { TrackingOrders } from "./tracking.service";
import type { TrackingRules } from "./tracking-rules";
import type { VehicleState } from "./vehicle-state";

/** Who tracking's changes are recorded as. */
export const TRACKING_ACTOR: EventActor = { kind: "system", id: "tracking" };

/**
 * The ETA side of live tracking: the ETA of every remaining stop from the vehicle's place on its
 * route and its pace, recorded with the progress behind it (distance and driving time still
 * ahead, distance driven); a change of at least `etaAnnounceS` is announced
 * (`shipment.eta_updated`), and an ETA past the promised window by more than the grace raises
 * `late_for_window` and the order's `delayed` exception (`shipment.delayed`) once, cleared when
 * the ETA is back inside the window.
 */
export class EtaKeeper {
  constructor(
    private readonly orders: Pick<TrackingOrders, "recordEta" | "setException">,
    private readonly alerts: Pick<AlertService, "raise" | "clear">,
    private readonly rules: TrackingRules,
  ) {}

  /** Recomputes the ETA of every remaining stop; announces real changes and raises or clears delays. */
  async update(
    state: VehicleState,
    position: ScopedPosition,
    stops: readonly StopDto[],
    now: number,
  ): Promise<void> {
    const org = position.organisationId;
    const at = state.active?.position;
    if (!state.active || !at) return;
    const etas = etaAlongRoute(state.active.route, at.alongM, {
      now,
      fixAt: position.fixAt,
      stops: stops.map((stop) => ({
        stopId: stop.id,
        serviceS: stop.serviceTimeSeconds,
        timeWindows: stop.timeWindows,
        arrivedAt: stop.status === "arrived" && stop.arrivedAt ? Date.parse(stop.arrivedAt) : null,
      })),
      pace: state.pace.pace,
      staleAfterS: this.rules.staleAfterS,
    });
    // The stops changed since the route was made: the next fix makes a new one.
    if (!etas) return;
    for (const [index, stop] of stops.entries()) {
      const eta = etas[index] as RouteStopEta;
      if (stop.status === "arrived") continue;
      await this.recordEta(org, stop, eta, state);
      await this.checkDelay(org, stop, eta, state);
    }
  }

  private async recordEta(org: string, stop: StopDto, eta: RouteStopEta, state: VehicleState): Promise<void> {
    const previous = state.announcedEta.get(stop.id);
    const announce =
      previous === undefined || Math.abs(eta.arrivalAt - previous) >= this.rules.etaAnnounceS * 1000;
    const draft: EventDraft | null = announce
      ? {
          type: "shipment.eta_updated",
          stopId: stop.id,
          data: {
            eta: new Date(eta.arrivalAt).toISOString(),
            previousEta: previous === undefined ? null : new Date(previous).toISOString(),
            promisedWindow: stop.timeWindows[0] ?? null,
            confidence: eta.confidence,
            stale: eta.stale,
            remainingM: eta.remainingM,
            drivingS: eta.drivingS,
            drivenM: Math.round(state.odometer.drivenM),
          },
        }
      : null;
    await this.orders.recordEta(
      org,
      stop.id,
      {
        at: new Date(eta.arrivalAt),
        confidence: eta.confidence,
        stale: eta.stale,
        remainingM: eta.remainingM,
        drivingS: eta.drivingS,
        drivenM: Math.round(state.odometer.drivenM),
      },
      TRACKING_ACTOR,
      draft,
    );
    if (announce) state.announcedEta.set(stop.id, eta.arrivalAt);
  }

  /** `late_for_window`: the ETA is past the promised window by more than the grace. */
  private async checkDelay(
    org: string,
    stop: StopDto,
    eta: RouteStopEta,
    state: VehicleState,
  ): Promise<void> {
    const late = latenessS(eta.arrivalAt, stop.timeWindows);
    const condition = { kind: "late_for_window" as const, vehicleId: stop.vehicleId, orderId: stop.orderId };
    if (late > this.rules.delayGraceS && !state.delayed.has(stop.orderId)) {
      state.delayed.add(stop.orderId);
      const minutes = Math.round(late / 60);
      const detail = `expected ${minutes} min after the promised window`;
      const raised = await this.alerts.raise(org, {
        ...condition,
        stopId: stop.id,
        detail,
        data: { lateS: late },
      });
      if (raised)
        await this.orders.setException(org, stop.orderId, "delayed", detail, TRACKING_ACTOR, {
          type: "shipment.delayed",
          stopId: stop.id,
          data: {
            reason: "eta_after_window",
            eta: new Date(eta.arrivalAt).toISOString(),
            promisedWindow: stop.timeWindows.at(-1) ?? null,
            minutesLate: minutes,
          },
        });
    } else if (
      late === 0 &&
      state.delayed.delete(stop.orderId) &&
      (await this.alerts.clear(org, condition))
    ) {
      await this.orders.setException(
        org,
        stop.orderId,
        null,
        "back within the promised window",
        TRACKING_ACTOR,
      );
    }
  }
}
