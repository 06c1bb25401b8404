import type { PlanProgressDto } from "../../../api/types";
import { appendProgress, type ProgressPoint, progressPath } from "../../../state/plan-progress";
import { h, setText } from "../../dom";

const SVG_NS = "http://www.w3.org/2000/svg";
const CHART = { width: 320, height: 96 } as const;
const costFormat = new Intl.NumberFormat("en", { maximumFractionDigits: 0 });

/**
 * A running plan: the best cost over time as a small SVG step chart (time axis = the time limit)
 * and counters (elapsed, best cost, vehicles used, stops left out), plus a cancel button.
 */
export class ProgressView {
  readonly element: HTMLElement;
  private series: readonly ProgressPoint[] = [];
  private readonly path = document.createElementNS(SVG_NS, "path");
  private readonly elapsed = h("dd", {}, "0.0 s");
  private readonly cost = h("dd", {}, "—");
  private readonly vehicles = h("dd", {}, "—");
  private readonly unassigned = h("dd", {}, "—");

  constructor(
    private readonly planId: string,
    private readonly timeLimitSeconds: number,
    onCancel: () => void,
  ) {
    const svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("viewBox", `0 0 ${CHART.width} ${CHART.height}`);
    svg.setAttribute("class", "progress-chart");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", "Best cost over time");
    this.path.setAttribute("class", "progress-line");
    svg.append(this.path);
    const cancel = h("button", { class: "btn btn-secondary", type: "button" }, "Cancel");
    cancel.addEventListener("click", () => {
      cancel.disabled = true;
      onCancel();
    });
    this.element = h(
      "div",
      { class: "plan-progress", "aria-live": "polite" },
      h(
        "p",
        { class: "plan-progress-title" },
        h("span", { class: "spinner", "aria-hidden": "true" }),
        "Optimising routes…",
      ),
      svg,
      h(
        "dl",
        { class: "counters" },
        h("div", {}, h("dt", {}, "Elapsed"), this.elapsed),
        h("div", {}, h("dt", {}, "Best cost"), this.cost),
        h("div", {}, h("dt", {}, "Vehicles"), this.vehicles),
        h("div", {}, h("dt", {}, "Left out"), this.unassigned),
      ),
      cancel,
    );
  }

  /** Adds a `plan:progress` report (others' plans are ignored). */
  update(progress: PlanProgressDto): void {
    const series = appendProgress(this.series, this.planId, progress);
    if (series === this.series) return;
    this.series = series;
    this.path.setAttribute("d", progressPath(series, this.timeLimitSeconds * 1_000, CHART));
    setText(this.elapsed, `${(progress.elapsedMs / 1_000).toFixed(1)} s`);
    setText(this.cost, costFormat.format(series.at(-1)?.cost ?? progress.cost));
    setText(this.vehicles, String(progress.vehicles));
    setText(this.unassigned, String(progress.unassigned));
  }
}
