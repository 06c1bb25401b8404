/** What is known of a vehicle's planned departure from its start (the depot). */
export interface DepartureWatch {
  /** When the plan has it leave, epoch ms. */
  readonly plannedAt: number;
  /** Whether it has left (it moved, or one of its stops is under way or done). */
  readonly departed: boolean;
}

/** Verdict on a departure: not due yet (or no longer a question), late by some seconds, or gone. */
export type DepartureVerdict =
  | { readonly kind: "not_due" }
  | { readonly kind: "late"; readonly lateS: number }
  | { readonly kind: "departed" };

/**
 * Late departure: the vehicle is still at its start `graceS` after the planned departure. Pure:
 * the caller raises the alert once on `late` and clears it on `departed`. A departure planned more
 * than `horizonS` ago is not judged any more (yesterday's plan is not today's delay).
 *
 * @example
 * checkDeparture({ plannedAt: Date.parse("2026-11-23T08:00Z"), departed: false }, Date.parse("2026-11-23T08:20Z"), 900);
 * // { kind: "late", lateS: 1200 }
 */
export function checkDeparture(
  watch: DepartureWatch,
  now: number,
  graceS: number,
  horizonS = 12 * 3600,
): DepartureVerdict {
  if (watch.departed) return { kind: "departed" };
  const lateS = Math.round((now - watch.plannedAt) / 1000);
  if (lateS < graceS || lateS > horizonS) return { kind: "not_due" };
  return { kind: "late", lateS };
}
