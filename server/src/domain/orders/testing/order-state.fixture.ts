import type { OrderState } from "../order-state";

/** An order as the workflow takes it to create: to Monaco, window 09:00-12:00 local on 23 Nov 2026. */
export const orderStateFixture: OrderState = {
  id: "ord_1",
  status: "received",
  attempts: 0,
  deliveredAt: null,
  returnReason: null,
  exception: null,
  feedback: null,
  destination: { address: "1 Quai Antoine", lat: 43.73, lng: 7.42 },
  origin: null,
  timeWindows: [{ start: "2026-11-23T09:00:00.000+01:00", end: "2026-11-23T12:00:00.000+01:00" }],
  serviceTimeS: 300,
};
