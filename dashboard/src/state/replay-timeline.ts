import type { DayFeature, DayHistoryDto } from "../api/types";

/** What a timeline entry stands for. */
export type ReplayEventKind = "trip" | "stay" | "stop" | "alert";

/** One entry of the replay's timeline: a span (trip, stay) or a moment (stop, alert). */
export interface ReplayEvent {
  readonly kind: ReplayEventKind;
  /** Epoch ms; where clicking the entry seeks the replay to. */
  readonly at: number;
  /** End of a span, epoch ms; null for a moment. */
  readonly endAt: number | null;
  /** Short text for the list and the tooltip (the time is added by the view). */
  readonly label: string;
  /** For stops: the stop's status (`delivered`, `failed`...); for alerts: the alert kind. */
  readonly tone: string;
  readonly lng: number;
  readonly lat: number;
}

const ALERT_LABELS: Readonly<Record<string, string>> = {
  late_for_window: "Late for window",
  signal_lost: "Signal lost",
  stopped_too_long: "Stopped too long",
  incident: "Incident",
  off_route: "Off route",
  late_departure: "Late departure",
};

/**
 * The day's trips, stays, served stops and alerts as timeline entries, in time order (at equal
 * times spans first, so a stop drawn over its stay stays clickable).
 *
 * @example
 * const events = buildReplayTimeline(history);
 * events[0]; // { kind: "stay", at: …, endAt: …, label: "Stopped 42 min", … }
 */
export function buildReplayTimeline(history: DayHistoryDto): ReplayEvent[] {
  const events = history.features.flatMap((feature) => {
    const event = toEvent(feature);
    return event === null || Number.isNaN(event.at) ? [] : [event];
  });
  const order = (event: ReplayEvent) => (event.endAt === null ? 1 : 0);
  return events.sort((a, b) => a.at - b.at || order(a) - order(b));
}

function toEvent(feature: DayFeature): ReplayEvent | null {
  const p = feature.properties;
  switch (p.kind) {
    case "trip": {
      const first = feature.geometry.type === "LineString" ? feature.geometry.coordinates[0] : undefined;
      const [lng, lat] = first ?? [Number.NaN, Number.NaN];
      const km = (p.distanceM / 1000).toFixed(1);
      return span("trip", p.startAt, p.endAt, `Drove ${km} km`, "trip", lng, lat);
    }
    case "stay": {
      const [lng, lat] = point(feature);
      return span("stay", p.startAt, p.endAt, `Stopped ${formatMinutes(p.durationS)}`, "stay", lng, lat);
    }
    case "stop": {
      const [lng, lat] = point(feature);
      const at = p.arrivedAt ?? p.completedAt;
      if (at === null) return null;
      const outcome = p.outcome ? ` (${p.outcome.replaceAll("_", " ")})` : "";
      return {
        kind: "stop",
        at: Date.parse(at),
        endAt: null,
        label: `Stop ${p.status}${outcome}`,
        tone: p.status,
        lng,
        lat,
      };
    }
    case "alert": {
      const [lng, lat] = point(feature);
      const label = `${ALERT_LABELS[p.alert] ?? p.alert}: ${p.detail}`;
      return { kind: "alert", at: Date.parse(p.raisedAt), endAt: null, label, tone: p.alert, lng, lat };
    }
  }
}

function span(
  kind: ReplayEventKind,
  startAt: string,
  endAt: string,
  label: string,
  tone: string,
  lng: number,
  lat: number,
): ReplayEvent {
  return { kind, at: Date.parse(startAt), endAt: Date.parse(endAt), label, tone, lng, lat };
}

function point(feature: DayFeature): readonly [number, number] {
  return feature.geometry.type === "Point" ? feature.geometry.coordinates : [Number.NaN, Number.NaN];
}

function formatMinutes(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/**
 * The index of the event whose moment or span is nearest before `at` (the one "now" in the
 * replay), or -1 before the first. Linear: a day has tens of events, not thousands.
 *
 * @example
 * currentEventIndex(events, clock.timeAt);
 */
export function currentEventIndex(events: readonly ReplayEvent[], at: number): number {
  let found = -1;
  for (let i = 0; i < events.length && events[i]!.at <= at; i++) found = i;
  return found;
}
