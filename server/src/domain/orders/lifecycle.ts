import type { OrderStatus, StopStatus } from "@waybill/shared";

/**
 * Legal order transitions. The order system sets `ready` and `cancelled`; `planned`,
 * `out_for_delivery`, `delivered` and `delivery_failed` follow from the stops; `returned` ends a
 * return (or a failed delivery sent back to the depot).
 */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  received: ["ready", "cancelled"],
  ready: ["planned", "cancelled"],
  planned: ["ready", "out_for_delivery", "cancelled"],
  out_for_delivery: ["planned", "delivered", "delivery_failed"],
  delivered: ["returned"],
  delivery_failed: ["ready", "planned", "returned", "cancelled"],
  cancelled: [],
  returned: [],
};

/**
 * Legal stop transitions. A driver may report `arrived` or `completed` without the steps before
 * (their action overrides stop detection); `arrived -> assigned` is a vehicle that left without
 * serving the stop and will come back.
 */
export const STOP_TRANSITIONS: Readonly<Record<StopStatus, readonly StopStatus[]>> = {
  unassigned: ["assigned", "cancelled"],
  assigned: ["unassigned", "en_route", "arrived", "completed", "cancelled"],
  en_route: ["assigned", "arrived", "completed", "cancelled"],
  arrived: ["assigned", "completed", "cancelled"],
  completed: [],
  cancelled: [],
};

/** An illegal transition, with the state it was refused in. */
export class TransitionError extends Error {
  override readonly name = "TransitionError";

  constructor(
    readonly subject: "order" | "stop",
    readonly subjectId: string,
    readonly current: string,
    readonly requested: string,
    reason?: string,
  ) {
    super(
      `${subject} ${subjectId} is ${current}; it cannot become ${requested}` +
        (reason ? ` (${reason})` : `; from ${current} it can become ${allowedFrom(subject, current)}`),
    );
  }
}

function allowedFrom(subject: "order" | "stop", current: string): string {
  const table: Readonly<Record<string, readonly string[]>> =
    subject === "order" ? ORDER_TRANSITIONS : STOP_TRANSITIONS;
  const next = table[current] ?? [];
  return next.length ? next.join(", ") : "nothing (it is final)";
}

export const canOrderBecome = (from: OrderStatus, to: OrderStatus): boolean =>
  ORDER_TRANSITIONS[from].includes(to);
export const canStopBecome = (from: StopStatus, to: StopStatus): boolean =>
  STOP_TRANSITIONS[from].includes(to);

/** True for stops that are still to be served. */
export const isOpenStop = (status: StopStatus): boolean => status !== "completed" && status !== "cancelled";
