import type { PlanProgressDto } from "@waybill/shared";

/** One point of the best-cost curve: when (ms since the plan started) and the best cost then. */
export interface ProgressPoint {
  readonly elapsedMs: number;
  readonly cost: number;
}

/**
 * Adds a `plan:progress` report to the best-cost series of its plan. Reports of another plan, or
 * out of order, are ignored; the series only ever goes down (the solver reports improvements).
 * Returns the same array when nothing was added.
 *
 * @example
 * series = appendProgress(series, planId, progress);
 */
export function appendProgress(
  series: readonly ProgressPoint[],
  planId: string,
  progress: PlanProgressDto,
): readonly ProgressPoint[] {
  if (progress.planId !== planId || !Number.isFinite(progress.cost)) return series;
  const last = series.at(-1);
  if (last && progress.elapsedMs < last.elapsedMs) return series;
  const cost = last ? Math.min(last.cost, progress.cost) : progress.cost;
  return [...series, { elapsedMs: progress.elapsedMs, cost }];
}

/** Size of a chart's drawing area in px. */
export interface ChartBox {
  readonly width: number;
  readonly height: number;
}

/**
 * The SVG path (`d`) of a step line through the series, scaled into the box: time on x from 0 to
 * `spanMs` (at least the last point), cost on y from the lowest (bottom) to the highest (top).
 * Empty for an empty series; a single point is a flat line.
 *
 * @example
 * progressPath([{ elapsedMs: 0, cost: 10 }, { elapsedMs: 500, cost: 5 }], 1_000, { width: 100, height: 40 });
 * // "M0,0H50V40H100"
 */
export function progressPath(series: readonly ProgressPoint[], spanMs: number, box: ChartBox): string {
  const first = series[0];
  if (!first) return "";
  const span = Math.max(spanMs, series.at(-1)?.elapsedMs ?? 0, 1);
  const costs = series.map((point) => point.cost);
  const low = Math.min(...costs);
  const range = Math.max(...costs) - low;
  const x = (ms: number) => round((ms / span) * box.width);
  const y = (cost: number) =>
    round(range === 0 ? box.height / 2 : box.height - ((cost - low) / range) * box.height);
  let path = `M0,${y(first.cost)}`;
  for (const point of series.slice(1)) path += `H${x(point.elapsedMs)}V${y(point.cost)}`;
  return `${path}H${box.width}`;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
