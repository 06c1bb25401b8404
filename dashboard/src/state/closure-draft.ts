import type { CreateRoadClosureBody } from "../api/types";

/** A [lng, lat] pair. */
export type LngLatPair = [lng: number, lat: number];

/** Most points the server takes in a closure line. */
export const MAX_CLOSURE_POINTS = 500;
/** Most points the route endpoint takes; following roads is limited to this many clicks. */
export const MAX_ROUTED_POINTS = 25;
const MIN_SPEED_PERCENT = 5;

/** What the dispatcher entered in the closure form. */
export interface ClosureDraft {
  readonly reason: string;
  readonly effect: "closed" | "slowed";
  /** For a slowdown: the speed left, percent of normal (5-100). */
  readonly speedPercent: number;
  /** End as a `datetime-local` value on the browser's clock; empty for "until removed". */
  readonly until: string;
  /** The line to send: the road route through the clicked points, or the points themselves. */
  readonly line: readonly LngLatPair[];
}

/**
 * The `POST /road-closures` body of a draft, or every problem with it at once, in the form's words.
 *
 * @example
 * const request = toClosureRequest(draft, Date.now());
 * if ("problems" in request) show(request.problems); else await api.createRoadClosure(request.body);
 */
export function toClosureRequest(
  draft: ClosureDraft,
  nowMs: number,
): { body: CreateRoadClosureBody } | { problems: string[] } {
  const problems: string[] = [];
  const reason = draft.reason.trim();
  if (reason === "") problems.push("Say why the road is closed.");
  if (draft.line.length < 2) problems.push("Draw the closure: click at least two points along the road.");
  if (draft.line.length > MAX_CLOSURE_POINTS)
    problems.push(
      `The line has ${draft.line.length} points; at most ${MAX_CLOSURE_POINTS}: close a shorter stretch.`,
    );
  const slowed = draft.effect === "slowed";
  const speed = draft.speedPercent;
  if (slowed && !(speed >= MIN_SPEED_PERCENT && speed <= 100))
    problems.push(`The speed left must be ${MIN_SPEED_PERCENT}-100 %.`);
  const endsAt = draft.until === "" ? null : new Date(draft.until).getTime();
  if (endsAt !== null && Number.isNaN(endsAt)) problems.push("The end is not a valid date and time.");
  else if (endsAt !== null && endsAt <= nowMs) problems.push("The end must be in the future.");
  if (problems.length > 0) return { problems };
  return {
    body: {
      geometry: { type: "LineString", coordinates: draft.line.map(([lng, lat]): LngLatPair => [lng, lat]) },
      reason,
      ...(slowed ? { speedFactor: Math.round(speed) / 100 } : {}),
      ...(endsAt === null ? {} : { endsAt: new Date(endsAt).toISOString() }),
    },
  };
}
