import type { DriverStopDto, StopStatus } from "@waybill/shared";

/**
 * A driver's stop for unit tests: `id` and `status` matter, the rest is a plausible delivery in
 * Monaco.
 *
 * @example
 * const stops = [stopOf("a", "completed"), stopOf("b", "assigned")];
 */
export function stopOf(
  id: string,
  status: StopStatus,
  overrides: Partial<DriverStopDto> = {},
): DriverStopDto {
  return {
    id,
    orderId: `ord_${id}`,
    kind: "delivery",
    purpose: "delivery",
    status,
    outcome: null,
    failureReason: null,
    failureNote: null,
    place: { address: `${id} Avenue de Monte-Carlo`, lat: 43.7394, lng: 7.4276 },
    timeWindows: [],
    serviceTimeSeconds: 120,
    vehicleId: "veh_1",
    driverId: "usr_1",
    sequence: null,
    plannedArrivalAt: null,
    arrivedAt: null,
    completedAt: null,
    eta: null,
    order: { reference: `SO-${id}`, customerName: "Ada", customerPhone: null, notes: null, items: [] },
    ...overrides,
  };
}
