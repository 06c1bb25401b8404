/** What may set a re-plan off. */
export type TriggerKind =
  | "breakdown"
  | "delay"
  | "road_closure"
  | "new_orders"
  | "order_cancelled"
  | "vehicle_offline"
  | "manual";

/** A reason to look for a better plan for an organisation. */
export interface TriggerDraft {
  readonly kind: TriggerKind;
  readonly vehicleId: string | null;
  readonly detail: string;
}

/** A business event as the outbox holds it (only what the rules read). */
export interface TriggerEvent {
  readonly type: string;
  readonly occurredAt: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** Thresholds of the trigger rules. */
export interface TriggerRules {
  /** An order at or above this priority is urgent: a new one may change the day's routes. */
  readonly urgentPriority: number;
  /** How far ahead an urgent order's window may end and still count as today's, milliseconds. */
  readonly urgentHorizonMs: number;
}

interface OrderLike {
  readonly id?: string;
  readonly externalRef?: string | null;
  readonly status?: string;
  readonly priority?: number;
  readonly timeWindows?: readonly { readonly start: string; readonly end: string }[];
  readonly stops?: readonly { readonly vehicleId?: string | null; readonly status?: string }[];
}

const orderOf = (event: TriggerEvent): OrderLike => (event.data.order ?? {}) as OrderLike;
const nameOf = (order: OrderLike) => order.externalRef ?? order.id ?? "an order";

/**
 * The re-plan an outbox event calls for, or null. A driver's breakdown report; a shipment
 * predicted late (`shipment.delayed`); an urgent order for today; a cancelled order whose stop
 * was on a route (the van's day has a gap to close). Everything else leaves the routes alone.
 *
 * @example
 * triggerOf({ type: "shipment.delayed", occurredAt, data: { stop: { vehicleId: "veh_1" }, order } }, now, rules);
 * // { kind: "delay", vehicleId: "veh_1", detail: "SO-1 expected 12 min after its window" }
 */
export function triggerOf(event: TriggerEvent, nowMs: number, rules: TriggerRules): TriggerDraft | null {
  const order = orderOf(event);
  switch (event.type) {
    case "vehicle.incident_reported": {
      const incident = (event.data.incident ?? {}) as {
        kind?: string;
        vehicleId?: string | null;
        note?: string;
      };
      if (incident.kind !== "breakdown" || !incident.vehicleId) return null;
      return {
        kind: "breakdown",
        vehicleId: incident.vehicleId,
        detail: `breakdown reported by the driver${incident.note ? `: ${incident.note}` : ""}`,
      };
    }
    case "shipment.delayed": {
      const stop = (event.data.stop ?? {}) as { vehicleId?: string | null };
      const minutes = typeof event.data.minutesLate === "number" ? event.data.minutesLate : null;
      return {
        kind: "delay",
        vehicleId: stop.vehicleId ?? null,
        detail: `${nameOf(order)} expected ${minutes === null ? "after" : `${minutes} min after`} its window`,
      };
    }
    case "order.created": {
      if ((order.priority ?? 0) < rules.urgentPriority) return null;
      const ends = (order.timeWindows ?? []).map((window) => Date.parse(window.end));
      const dueSoon = ends.length === 0 || Math.min(...ends) <= nowMs + rules.urgentHorizonMs;
      return dueSoon
        ? { kind: "new_orders", vehicleId: null, detail: `urgent order ${nameOf(order)}` }
        : null;
    }
    case "order.status_changed": {
      if (event.data.to !== "cancelled") return null;
      const routed = (order.stops ?? []).find((stop) => stop.vehicleId);
      return routed
        ? {
            kind: "order_cancelled",
            vehicleId: routed.vehicleId ?? null,
            detail: `${nameOf(order)} cancelled`,
          }
        : null;
    }
    default:
      return null;
  }
}

/**
 * Paces re-plans per organisation so that a burst of triggers (ten delays in a minute, a batch
 * of urgent orders) yields one proposal, not ten: the first trigger goes at once, later ones
 * within `cooldownMs` are merged and go when the cool-down ends. A breakdown never waits: its
 * van's stops must move now.
 *
 * @example
 * const throttle = new TriggerThrottle(300_000);
 * throttle.offer("org", delay, 0);     // [delay]: goes now
 * throttle.offer("org", urgent, 1000); // []: merged, waiting
 * throttle.due(300_000);               // [["org", { kind: "new_orders", detail: "urgent order ..." }]]
 */
export class TriggerThrottle {
  private readonly lastAt = new Map<string, number>();
  private readonly waiting = new Map<string, TriggerDraft[]>();

  constructor(private readonly cooldownMs: number) {}

  /** The triggers to act on now for this organisation (none while it cools down). */
  offer(organisationId: string, draft: TriggerDraft, nowMs: number): TriggerDraft[] {
    const last = this.lastAt.get(organisationId);
    if (draft.kind === "breakdown" || last === undefined || nowMs - last >= this.cooldownMs) {
      this.lastAt.set(organisationId, nowMs);
      return [draft];
    }
    this.waiting.set(organisationId, [...(this.waiting.get(organisationId) ?? []), draft]);
    return [];
  }

  /** Merged triggers whose organisation's cool-down has ended, one per organisation. */
  due(nowMs: number): [string, TriggerDraft][] {
    const ready: [string, TriggerDraft][] = [];
    for (const [organisationId, drafts] of this.waiting) {
      if (nowMs - (this.lastAt.get(organisationId) ?? 0) < this.cooldownMs) continue;
      this.waiting.delete(organisationId);
      this.lastAt.set(organisationId, nowMs);
      ready.push([organisationId, merge(drafts)]);
    }
    return ready;
  }
}

/** One trigger standing for several: the first's kind, every detail, the vehicle when they agree. */
function merge(drafts: readonly TriggerDraft[]): TriggerDraft {
  const first = drafts[0]!;
  if (drafts.length === 1) return first;
  const vehicles = new Set(drafts.map((d) => d.vehicleId));
  return {
    kind: first.kind,
    vehicleId: vehicles.size === 1 ? first.vehicleId : null,
    detail: `${drafts.length} triggers: ${drafts.map((d) => d.detail).join("; ")}`.slice(0, 500),
  };
}
