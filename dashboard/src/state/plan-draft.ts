import type { CreatePlanBody } from "@waybill/shared";

/** A point, degrees. */
export interface LatLng {
  readonly lat: number;
  readonly lng: number;
}

/** One vehicle as the plan form holds it. */
export interface VehicleDraft {
  readonly vehicleId: string;
  readonly name: string;
  readonly included: boolean;
  /** Shift on the plan's date, HH:mm. */
  readonly shiftStart: string;
  readonly shiftEnd: string;
  /** Where the route starts (and ends): the vehicle's position or a point clicked on the map. */
  readonly start: LatLng | null;
}

/** The plan form's values. */
export interface PlanDraft {
  /** YYYY-MM-DD. */
  readonly date: string;
  readonly timeZone: string;
  readonly objective: "distance" | "vehicles";
  readonly timeLimitSeconds: number;
  readonly vehicles: readonly VehicleDraft[];
}

/** The request to send, or what the dispatcher must fix first (one sentence per problem). */
export type PlanRequest = { readonly body: CreatePlanBody } | { readonly problems: readonly string[] };

/** Bounds of the solver's time limit the server accepts, seconds. */
export const TIME_LIMIT_SECONDS = { min: 0.1, max: 600 } as const;

/**
 * Checks the form and builds `POST /api/v1/plans` from it: the included vehicles with their shift
 * and start point. Catches what the dispatcher can fix here without a round trip; the server
 * checks the rest and its problems are shown as they come.
 *
 * @example
 * const request = toPlanRequest(draft);
 * if ("problems" in request) showProblems(request.problems);
 * else await api.createPlan(request.body);
 */
export function toPlanRequest(draft: PlanDraft): PlanRequest {
  const vehicles = draft.vehicles.filter((vehicle) => vehicle.included);
  const problems: string[] = [];
  if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.date)) problems.push("Choose the date of the routes.");
  if (vehicles.length === 0) problems.push("Choose at least one vehicle.");
  for (const vehicle of vehicles) {
    if (vehicle.start === null) problems.push(`${vehicle.name} has no position: pick its start on the map.`);
    if (vehicle.shiftEnd <= vehicle.shiftStart)
      problems.push(`${vehicle.name}'s shift must end after it starts.`);
  }
  const { min, max } = TIME_LIMIT_SECONDS;
  if (!(draft.timeLimitSeconds >= min && draft.timeLimitSeconds <= max))
    problems.push(`The time limit must be between ${min} and ${max} seconds.`);
  if (problems.length > 0) return { problems };
  return {
    body: {
      date: draft.date,
      timeZone: draft.timeZone,
      objective: draft.objective,
      timeLimitSeconds: draft.timeLimitSeconds,
      vehicles: vehicles.map((vehicle) => ({
        vehicleId: vehicle.vehicleId,
        start: vehicle.start as LatLng,
        shift: { start: vehicle.shiftStart, end: vehicle.shiftEnd },
      })),
    },
  };
}
