import type { FailureReason, IncidentKind, StopStatus } from "@waybill/shared";

/**
 * What the driver reads for each failure reason of the closed list. A `Record` over the shared
 * union, so a reason added to the contract fails the type check here until it has a label.
 * (The list itself is not imported as a value: its module also builds zod schemas, which would
 * end up in the phone's bundle.)
 */
export const FAILURE_REASON_LABELS: Readonly<Record<FailureReason, string>> = {
  customer_absent: "Customer not at home",
  address_not_found: "Address not found",
  refused: "Refused by the customer",
  damaged: "Goods damaged",
  access_problem: "Cannot get access",
  unsafe_location: "Unsafe location",
  vehicle_problem: "Vehicle problem",
  out_of_time: "Out of time",
  other: "Other (say what happened)",
};

/** Incidents a driver reports from the road, as the buttons name them. */
export const INCIDENT_LABELS: Readonly<Record<IncidentKind, string>> = {
  breakdown: "Breakdown",
  accident: "Accident",
  road_blocked: "Road blocked",
  other: "Something else",
};

/** The status chip of a stop in the route list. */
export const STOP_STATUS_LABELS: Readonly<Record<StopStatus, string>> = {
  unassigned: "Unassigned",
  assigned: "To do",
  en_route: "On my way",
  arrived: "Arrived",
  completed: "Done",
  cancelled: "Cancelled",
};

/**
 * The keys of a label record in declaration order, typed as the union.
 *
 * @example
 * labelKeys(FAILURE_REASON_LABELS); // ["customer_absent", "address_not_found", ...]
 */
export function labelKeys<K extends string>(labels: Readonly<Record<K, string>>): K[] {
  return Object.keys(labels) as K[];
}
