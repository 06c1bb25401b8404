import type { OrderDto, StopDto } from "@waybill/shared";

/**
 * An order as the order service snapshots it into events: out for delivery to Ada in Monaco,
 * window 09:00-12:00 local (08:00-11:00 UTC) on 23 Nov 2026. Tests override what they vary.
 *
 * @example
 * orderFixture({ status: "planned", eta: "2026-11-23T09:30:00Z" });
 */
export function orderFixture(overrides: Partial<OrderDto> = {}): OrderDto {
  const id = overrides.id ?? "ord_1";
  return {
    id,
    channel: "web",
    externalRef: "SO-1001",
    status: "out_for_delivery",
    milestone: "out_for_delivery",
    customer: { name: "Ada <Lovelace>", email: "ada@example.com", phone: null, notifications: true },
    destination: { address: "1 Quai Antoine 1er, Monaco", lat: 43.735, lng: 7.421 },
    origin: null,
    timeZone: "Europe/Monaco",
    timeWindows: [{ start: "2026-11-23T09:00:00.000+01:00", end: "2026-11-23T12:00:00.000+01:00" }],
    items: [{ sku: "SKU-1", quantity: 1 }],
    serviceTimeSeconds: 300,
    skills: [],
    priority: 0,
    notes: null,
    attempts: 0,
    exception: null,
    eta: null,
    trackingUrl: `https://track.example/track/${id}.mac`,
    feedback: null,
    receivedAt: "2026-11-22T10:00:00.000Z",
    deliveredAt: null,
    stops: [],
    createdAt: "2026-11-22T10:00:00.000Z",
    updatedAt: "2026-11-22T10:00:00.000Z",
    ...overrides,
  };
}

/** A delivery stop of {@link orderFixture} that failed for `reason`. */
export function failedStopFixture(reason: StopDto["failureReason"], completedAt: string): StopDto {
  return {
    id: `stp_${completedAt}`,
    orderId: "ord_1",
    kind: "delivery",
    purpose: "delivery",
    status: "completed",
    outcome: "failed",
    eta: null,
    failureReason: reason,
    failureNote: null,
    place: { address: "1 Quai Antoine 1er, Monaco", lat: 43.735, lng: 7.421 },
    timeWindows: [],
    serviceTimeSeconds: 300,
    vehicleId: null,
    driverId: null,
    sequence: null,
    plannedArrivalAt: null,
    arrivedAt: null,
    completedAt,
  };
}
