import type { LngLat } from "@waybill/shared";
import { clockSeconds, type Scenario } from "@waybill/shared/contracts/scenario.schema";
import { createSeededRandom } from "../planning/seeded-random";

/** An order of a simulated day. Times are seconds from midnight. */
export interface DayOrder {
  readonly id: string;
  readonly point: LngLat;
  readonly weightKg: number;
  readonly serviceS: number;
  /** The promised delivery window; null: any time of the day. */
  readonly window: readonly [startS: number, endS: number] | null;
  /** When the dispatcher learns of it: the day's start for planned orders. */
  readonly knownAtS: number;
}

/** Independent random streams, so that adding urgent orders does not change the planned ones. */
const STREAM = { planned: 1, urgent: 2 } as const;
const HALF_HOUR_S = 1800;

/**
 * The orders of a scenario's day, drawn from its seed: the planned orders (`o-001`, ...) at
 * addresses picked among `addresses`, each with a weight, a service time and (for
 * `windowShare` of them) a window of `windowMinutes` starting on a half hour inside the day;
 * then, for each `urgentOrders` event, its orders (`u2-01`: event 2, first order), known at the
 * event and due within `withinMinutes` of it. Deterministic for a seed and a list of addresses.
 *
 * @throws RangeError when `addresses` is empty.
 * @example
 * const orders = generateDayOrders(scenario, addressPoints(graph, depot, 2500));
 */
export function generateDayOrders(scenario: Scenario, addresses: readonly LngLat[]): DayOrder[] {
  if (addresses.length === 0) throw new RangeError("addresses: no road to deliver to within orders.radiusM");
  const { orders: spec, day } = scenario;
  const dayStartS = clockSeconds(day.start);
  const dayEndS = clockSeconds(day.end);
  const random = createSeededRandom(streamSeed(scenario.seed, STREAM.planned));
  const common = (next: () => number) => {
    const draw = ([min, max]: readonly [number, number]) => min + (max - min) * next();
    return {
      point: addresses[Math.floor(next() * addresses.length)]!,
      weightKg: Math.round(draw(spec.weightKg) * 10) / 10,
      serviceS: Math.round(draw(spec.serviceMinutes) * 60),
    };
  };
  const windowS = spec.windowMinutes * 60;
  const planned = Array.from({ length: spec.count }, (_, i): DayOrder => {
    const base = common(random);
    const slots = Math.max(0, Math.floor((dayEndS - dayStartS - windowS) / HALF_HOUR_S));
    const startS = dayStartS + Math.floor(random() * (slots + 1)) * HALF_HOUR_S;
    const windowed = random() < spec.windowShare;
    return {
      id: `o-${String(i + 1).padStart(3, "0")}`,
      ...base,
      window: windowed ? [startS, Math.min(dayEndS, startS + windowS)] : null,
      knownAtS: dayStartS,
    };
  });
  const urgentRandom = createSeededRandom(streamSeed(scenario.seed, STREAM.urgent));
  const urgent = scenario.events.flatMap((event, index) => {
    if (event.kind !== "urgentOrders") return [];
    const atS = clockSeconds(event.at);
    return Array.from(
      { length: event.count },
      (_, k): DayOrder => ({
        id: `u${index + 1}-${String(k + 1).padStart(2, "0")}`,
        ...common(urgentRandom),
        window: [atS, atS + event.withinMinutes * 60],
        knownAtS: atS,
      }),
    );
  });
  return [...planned, ...urgent];
}

/** A seed for the `stream`-th independent stream of a scenario's seed. */
function streamSeed(seed: number, stream: number): number {
  return (Math.imul(seed ^ 0x5bd1e995, 0x9e3779b1) + stream * 0x85ebca6b) >>> 0;
}
