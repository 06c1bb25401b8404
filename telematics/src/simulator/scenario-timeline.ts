import { clockSeconds, type Scenario, type ScenarioRoad } from "@waybill/shared/contracts/scenario.schema";

/** When the simulator starts in the scenario's day, and how much faster than real time events come. */
export interface TimelineOptions {
  /** The scenario's time of day at the simulator's start, `HH:mm`. */
  readonly clock: string;
  /** Events come this many times sooner than in real time (the fleet still drives at its speed). */
  readonly speedup: number;
}

/** Something the simulator does during a scenario run, `dueMs` after it starts. */
export type ScenarioAction =
  | {
      readonly kind: "breakdown";
      readonly dueMs: number;
      readonly eventIndex: number;
      /** 1-based in the fleet. */
      readonly vehicle: number;
    }
  | {
      readonly kind: "roadEvent";
      readonly dueMs: number;
      readonly eventIndex: number;
      readonly road: ScenarioRoad;
      readonly reason: string;
      /** Speed multiplier of a slowdown; null closes the road. */
      readonly factor: number | null;
      /** How long it lasts from `dueMs`, ms. */
      readonly durationMs: number;
    }
  | {
      readonly kind: "urgentOrders";
      readonly dueMs: number;
      readonly eventIndex: number;
      readonly count: number;
      /** Each is due within this long of arriving, ms of real time (the speed-up brings events sooner, not the vans). */
      readonly withinMs: number;
    };

/**
 * The scenario's events as a timeline of the simulator's run: an event at 11:00 of a run that
 * starts at 10:55 is due after 5 minutes (after 30 s with `speedup` 10). Events before the start
 * happen at once, except closures and slowdowns over by then; the timeline is sorted by due time.
 * An urgent order's due time is a promise the vans keep driving in real time: it is not scaled.
 *
 * @example
 * scenarioTimeline(scenario, { clock: "10:58", speedup: 1 }); // [{ kind: "breakdown", dueMs: 120000, ... }]
 */
export function scenarioTimeline(scenario: Scenario, options: TimelineOptions): ScenarioAction[] {
  if (!(options.speedup > 0)) throw new RangeError(`speedup: expected > 0, got ${options.speedup}`);
  const startS = clockSeconds(options.clock);
  const realMs = (seconds: number) => (seconds * 1000) / options.speedup;
  const dueMs = (clock: string) => Math.max(0, realMs(clockSeconds(clock) - startS));
  const actions = scenario.events.flatMap((event, eventIndex): ScenarioAction[] => {
    if (event.kind === "breakdown")
      return [{ kind: "breakdown", dueMs: dueMs(event.at), eventIndex, vehicle: event.vehicle }];
    if (event.kind === "urgentOrders")
      return [
        {
          kind: "urgentOrders",
          dueMs: dueMs(event.at),
          eventIndex,
          count: event.count,
          // A promise to customers, kept by vans driving in real time: not sped up.
          withinMs: event.withinMinutes * 60_000,
        },
      ];
    const toS = clockSeconds(event.to);
    if (toS <= startS) return [];
    return [
      {
        kind: "roadEvent",
        dueMs: dueMs(event.from),
        eventIndex,
        road: event.road,
        reason: event.reason,
        factor: event.kind === "slowdown" ? event.factor : null,
        durationMs: realMs(toS - Math.max(clockSeconds(event.from), startS)),
      },
    ];
  });
  return actions.sort((a, b) => a.dueMs - b.dueMs || a.eventIndex - b.eventIndex);
}
