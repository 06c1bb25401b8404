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
 * of urgent orders, a closure posted way by way) yields one proposal, not ten: the first trigger
 * goes `settleMs` after it came, with whatever came meanwhile (events that arrive together are
 * one trigger; 0: at once); later ones within `cooldownMs` are merged and go when the cool-down
 * ends. A breakdown never waits: its van's stops must move now.
 *
 * @example
 * const throttle = new TriggerThrottle(300_000, 1_000);
 * throttle.offer("org", closure, 0);     // []: gathering for 1 s
 * throttle.offer("org", closure2, 200);  // []: gathered with it
 * throttle.due(1_000);                   // [["org", { kind: "road_closure", detail: "2 triggers: ..." }]]
 * throttle.offer("org", urgent, 2_000);  // []: merged, waiting for the cool-down
 * throttle.due(301_000);                 // [["org", { kind: "new_orders", detail: "urgent order ..." }]]
 */
export class TriggerThrottle {
  private readonly lastAt = new Map<string, number>();
  private readonly waiting = new Map<string, TriggerDraft[]>();
  /** Organisations gathering a first trigger's companions, and until when. */
  private readonly settlingUntil = new Map<string, number>();

  constructor(
    private readonly cooldownMs: number,
    private readonly settleMs = 0,
  ) {}

  /** The triggers to act on now for this organisation (none while it settles or cools down). */
  offer(organisationId: string, draft: TriggerDraft, nowMs: number): TriggerDraft[] {
    const last = this.lastAt.get(organisationId);
    const waiting = this.waiting.get(organisationId);
    if (draft.kind === "breakdown") {
      this.lastAt.set(organisationId, nowMs);
      return [draft];
    }
    if (!waiting && (last === undefined || nowMs - last >= this.cooldownMs)) {
      if (this.settleMs <= 0) {
        this.lastAt.set(organisationId, nowMs);
        return [draft];
      }
      this.settlingUntil.set(organisationId, nowMs + this.settleMs);
    }
    this.waiting.set(organisationId, [...(waiting ?? []), draft]);
    return [];
  }

  /** When the earliest gathering ends (epoch ms), or null: when to call {@link due} next at the latest. */
  nextSettleAt(): number | null {
    return this.settlingUntil.size === 0 ? null : Math.min(...this.settlingUntil.values());
  }

  /** Merged triggers whose organisation has settled or cooled down, one per organisation. */
  due(nowMs: number): [string, TriggerDraft][] {
    const ready: [string, TriggerDraft][] = [];
    for (const [organisationId, drafts] of this.waiting) {
      const settleEnd = this.settlingUntil.get(organisationId);
      const free =
        settleEnd === undefined
          ? nowMs - (this.lastAt.get(organisationId) ?? 0) >= this.cooldownMs
          : nowMs >= settleEnd;
      if (!free) continue;
      this.waiting.delete(organisationId);
      this.settlingUntil.delete(organisationId);
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
