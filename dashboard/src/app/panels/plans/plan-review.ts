import type { PlanApplyResultDto, PlanDto, PlannedRouteDto, PlannedStopDto } from "../../../api/types";
import { routeColour } from "../../../map/layers/plan-route-features";
import { dropToMove, findStop, type StopMove, slotCount } from "../../../state/plan-moves";
import { h } from "../../dom";
import { describeError } from "../panel-status";
import { formatClock, formatDistance, formatDuration } from "../time-format";
import { MoveForm } from "./move-form";
import { listenForStopDrops } from "./stop-drag";

/** What the review needs from the plans panel. */
export interface PlanReviewActions {
  readonly vehicleName: (vehicleId: string) => string;
  /** A person-readable label of an order (customer and address), or null when unknown. */
  readonly orderLabel: (orderId: string) => string | null;
  readonly move: (move: StopMove) => Promise<void>;
  /** Applies the plan: what it did, and the plan as it is now (applied). */
  readonly apply: () => Promise<{ report: PlanApplyResultDto; plan: PlanDto }>;
  readonly startOver: () => void;
}

/**
 * A finished plan: summary, one card per vehicle (colour of its route on the map, distance,
 * times, warnings, numbered stops with arrival and departure), the stops left out with the
 * reason, and Apply. A stop moves by its Move button (route and position) or by drag and drop;
 * the server re-times the routes and the review is drawn again from its answer.
 */
export class PlanReview {
  readonly element = h("div", { class: "plan-review" });
  private readonly problem = h("p", { class: "form-error", role: "alert", hidden: true });
  private plan: PlanDto | null = null;
  private applied: PlanApplyResultDto | null = null;
  private busy = false;

  constructor(
    private readonly vehicleOrder: readonly string[],
    private readonly actions: PlanReviewActions,
  ) {
    listenForStopDrops(this.element, (stopId, target) => {
      const move = this.plan && dropToMove(this.plan, stopId, target.vehicleId, target.slot);
      if (move) void this.send(move);
    });
  }

  /** Draws the plan (after it finished, after every move and once applied). */
  show(plan: PlanDto): void {
    this.plan = plan;
    this.element.dataset.planId = plan.id;
    this.element.replaceChildren(
      this.renderSummary(plan),
      this.problem,
      ...this.vehicleOrder.map((vehicleId, index) => this.renderRoute(plan, vehicleId, index)),
      this.renderUnassigned(plan),
      this.renderFooter(plan),
    );
  }

  /** Brings a stop's row into view and focuses it (a stop was clicked on the map). */
  reveal(stopId: string): void {
    const row = this.element.querySelector<HTMLElement>(`[data-stop-id="${CSS.escape(stopId)}"]`);
    row?.scrollIntoView({ block: "nearest" });
    row?.focus();
  }

  private renderSummary(plan: PlanDto): HTMLElement {
    const summary = plan.summary;
    const facts: [string, string][] = summary
      ? [
          ["Distance", formatDistance(summary.distanceM)],
          ["Duration", formatDuration(summary.durationS)],
          ["Vehicles", String(summary.vehicles)],
          ["Left out", String(summary.unassigned)],
        ]
      : [];
    return h(
      "div",
      { class: "plan-summary" },
      h("p", { class: "plan-summary-title" }, statusLine(plan)),
      plan.error && h("p", { class: "form-error" }, plan.error),
      h(
        "dl",
        { class: "counters" },
        ...facts.map(([term, value]) => h("div", {}, h("dt", {}, term), h("dd", {}, value))),
      ),
    );
  }

  private renderRoute(plan: PlanDto, vehicleId: string, index: number): HTMLElement {
    const route = plan.routes.find((candidate) => candidate.vehicleId === vehicleId);
    const swatch = h("span", { class: "route-swatch", "aria-hidden": "true" });
    swatch.style.backgroundColor = routeColour(index);
    const stops = route?.stops ?? [];
    return h(
      "section",
      {
        class: "route-card",
        "data-vehicle-id": vehicleId,
        "aria-label": `Route of ${this.actions.vehicleName(vehicleId)}`,
      },
      h(
        "h3",
        { class: "route-title" },
        swatch,
        this.actions.vehicleName(vehicleId),
        h("span", { class: "route-facts" }, routeFacts(route, plan.timeZone)),
      ),
      ...(route?.warnings ?? []).map((warning) => h("p", { class: "warning" }, warning)),
      h(
        "ol",
        { class: "route-stops", "data-drop-vehicle": vehicleId },
        ...stops.map((stop, position) => this.renderStop(plan, stop, position, index)),
      ),
      stops.length === 0
        ? h("p", { class: "muted route-empty" }, "No stops. Drop a stop here to use this vehicle.")
        : null,
    );
  }

  private renderStop(
    plan: PlanDto,
    stop: PlannedStopDto,
    position: number,
    colourIndex: number,
  ): HTMLElement {
    const number = h("span", { class: "stop-number", "aria-hidden": "true" }, String(position + 1));
    number.style.backgroundColor = routeColour(colourIndex);
    const times = `${formatClock(stop.arrivalAt, plan.timeZone)}–${formatClock(stop.departureAt, plan.timeZone)}`;
    const notes = [
      stop.waitS > 0 && `waits ${formatDuration(stop.waitS)}`,
      stop.lateS > 0 && `late ${formatDuration(stop.lateS)}`,
    ];
    return this.stopItem(
      stop.stopId,
      stop.orderId,
      number,
      h(
        "span",
        { class: "stop-times" },
        times,
        ...notes.filter(Boolean).map((note) => h("span", { class: "stop-note" }, ` · ${note}`)),
      ),
      ...stop.warnings.map((warning) => h("span", { class: "warning" }, warning)),
    );
  }

  private renderUnassigned(plan: PlanDto): HTMLElement {
    return h(
      "section",
      { class: "route-card is-unassigned", "aria-label": "Stops left out" },
      h(
        "h3",
        { class: "route-title" },
        "Left out",
        h("span", { class: "route-facts" }, String(plan.unassigned.length)),
      ),
      h(
        "ol",
        { class: "route-stops", "data-drop-vehicle": "" },
        ...plan.unassigned.map((stop) =>
          this.stopItem(
            stop.stopId,
            stop.orderId,
            h("span", { class: "stop-number is-empty", "aria-hidden": "true" }, "–"),
            h("span", { class: "warning" }, stop.reason),
          ),
        ),
      ),
      plan.unassigned.length === 0
        ? h("p", { class: "muted route-empty" }, "Every stop is on a route.")
        : null,
    );
  }

  private stopItem(stopId: string, orderId: string, number: HTMLElement, ...details: Node[]): HTMLElement {
    const label = this.actions.orderLabel(orderId) ?? orderId;
    // Only a plan under review can change; an applied, failed or cancelled one is shown as it is.
    const editable = this.plan?.status === "succeeded";
    const move = h(
      "button",
      { class: "btn btn-quiet", type: "button", "aria-label": `Move ${label}`, hidden: !editable },
      "Move",
    );
    const item = h(
      "li",
      { class: "plan-stop", draggable: String(editable), tabindex: -1, "data-stop-id": stopId },
      number,
      h("span", { class: "plan-stop-body" }, h("span", { class: "plan-stop-label" }, label), ...details),
      move,
    );
    move.addEventListener("click", () => this.openMoveForm(item, stopId));
    return item;
  }

  private openMoveForm(item: HTMLElement, stopId: string): void {
    const plan = this.plan;
    if (!plan) return;
    this.element.querySelector(".move-form")?.remove();
    const form = new MoveForm({
      routes: this.vehicleOrder.map((vehicleId) => ({
        vehicleId,
        name: this.actions.vehicleName(vehicleId),
        slots: slotCount(plan, stopId, vehicleId),
      })),
      current: findStop(plan, stopId),
      onMove: (vehicleId, index) => this.send({ stopId, vehicleId, index }),
      onClose: () => item.querySelector<HTMLElement>("button")?.focus(),
    });
    item.after(form.element);
    form.focus();
  }

  private renderFooter(plan: PlanDto): HTMLElement {
    const apply = h(
      "button",
      { class: "btn btn-primary", type: "button" },
      plan.status === "applied" ? "Applied" : "Apply plan",
    );
    apply.disabled = plan.status !== "succeeded";
    apply.addEventListener("click", () => void this.apply(apply));
    const again = h("button", { class: "btn btn-secondary", type: "button" }, "New plan");
    again.addEventListener("click", this.actions.startOver);
    return h(
      "div",
      { class: "plan-footer" },
      h("div", { class: "button-row" }, apply, again),
      h(
        "div",
        { class: "apply-result", role: "status" },
        ...(this.applied ? renderApplyReport(this.applied) : []),
      ),
    );
  }

  private async apply(button: HTMLButtonElement): Promise<void> {
    button.disabled = true;
    this.showProblem(null);
    try {
      const { report, plan } = await this.actions.apply();
      this.applied = report;
      this.show(plan);
    } catch (error) {
      button.disabled = false;
      this.showProblem(describeError(error));
    }
  }

  private async send(move: StopMove): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.element.setAttribute("aria-busy", "true");
    this.showProblem(null);
    try {
      await this.actions.move(move);
      this.reveal(move.stopId);
    } catch (error) {
      this.showProblem(`The stop was not moved. ${describeError(error)}`);
    } finally {
      this.busy = false;
      this.element.removeAttribute("aria-busy");
    }
  }

  private showProblem(text: string | null): void {
    this.problem.textContent = text ?? "";
    this.problem.hidden = text === null;
  }
}

function renderApplyReport(report: PlanApplyResultDto): HTMLElement[] {
  const assigned = `${report.applied} ${report.applied === 1 ? "stop" : "stops"} assigned to their vehicles.`;
  return [
    h("p", { class: "success" }, assigned),
    ...report.failed.map((failure) => h("p", { class: "warning" }, `${failure.stopId}: ${failure.reason}`)),
  ];
}

function statusLine(plan: PlanDto): string {
  const edited = plan.edited ? " (edited by hand)" : "";
  switch (plan.status) {
    case "succeeded":
      return `Plan ready for review${edited}`;
    case "applied":
      return "Plan applied: the stops are on their vehicles' routes";
    case "cancelled":
      return "Planning was cancelled";
    case "failed":
      return "Planning failed";
    case "running":
      return "Planning…";
  }
}

function routeFacts(route: PlannedRouteDto | undefined, timeZone: string): string {
  if (!route || route.stops.length === 0) return "unused";
  const stops = `${route.stops.length} ${route.stops.length === 1 ? "stop" : "stops"}`;
  return `${stops} · ${formatDistance(route.distanceM)} · ${formatClock(route.startAt, timeZone)}–${formatClock(route.endAt, timeZone)}`;
}
