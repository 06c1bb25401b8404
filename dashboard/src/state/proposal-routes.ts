import type { ProposalDto } from "@waybill/shared";
import type { DrawnRoutes } from "../map/layers/plan-route-features";

/** Where a stop is, by stop id (from `GET /api/v1/stops`). */
export type StopPlaces = ReadonlyMap<string, { readonly lng: number; readonly lat: number }>;

/**
 * A proposal's routes as the map draws them: each vehicle's stops in the proposed sequence, as
 * straight legs (the proposal has no road geometry). Stops without a known place (served since)
 * are left out; routes left empty draw nothing.
 *
 * @example
 * context.map.showPlan(proposalRoutes(proposal, places), proposal.routes.map((r) => r.vehicleId), true);
 */
export function proposalRoutes(proposal: Pick<ProposalDto, "routes">, places: StopPlaces): DrawnRoutes {
  return {
    routes: proposal.routes.map((route) => ({
      vehicleId: route.vehicleId,
      stops: route.stopIds.flatMap((stopId) => {
        const place = places.get(stopId);
        return place ? [{ stopId, lng: place.lng, lat: place.lat }] : [];
      }),
      geometry: null,
    })),
  };
}
