import type {
  CreatePlanBody,
  PlanApplyResultDto,
  PlanDto,
  PlanProgressDto,
  PlanStatus,
} from "../../../api/types";
import type { StopMove } from "../../../state/plan-moves";
import { h } from "../../dom";
import type { ConsoleContext, ConsolePanel } from "../console-context";
import { describeError, PanelStatus } from "../panel-status";
import { PlanForm } from "./plan-form";
import { PlanReview } from "./plan-review";
import { ProgressView } from "./progress-view";

/** While a plan runs, ask for it this often too, in case `plan:finished` is missed (socket down). */
const POLL_MS = 2_000;
/** Orders whose labels (customer, address) the review shows: the plannable ones, one request. */
const LABEL_QUERY = "status=ready,delivery_failed&limit=200";

/**
 * Plans: the form, then the live progress of the running plan, then the review of the result,
 * whose routes the map draws. Progress comes from `plan:progress`; the end from `plan:finished`
 * (or the poll). Moves and apply go to the server, and the review and the map redraw from its answer.
 */
export class PlansPanel implements ConsolePanel {
  readonly element = h("div", { class: "panel-body panel-scroll" });
  private readonly form: PlanForm;
  private readonly status = new PanelStatus();
  private readonly labels = new Map<string, string>();
  private planId: string | null = null;
  private vehicleOrder: readonly string[] = [];
  private progress: ProgressView | null = null;
  private review: PlanReview | null = null;
  private poll: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly context: ConsoleContext) {
    this.form = new PlanForm(context, (body) => this.start(body));
    context.socket.on("plan:progress", this.onProgress);
    context.socket.on("plan:finished", this.onFinished);
    this.element.append(this.form.element);
  }

  show(): void {
    if (this.planId === null) void this.form.loadVehicles();
  }

  /** A stop was clicked on the map: show it in the review. */
  revealStop(stopId: string): void {
    this.review?.reveal(stopId);
  }

  destroy(): void {
    clearInterval(this.poll);
    this.form.destroy();
    this.context.socket.off("plan:progress", this.onProgress);
    this.context.socket.off("plan:finished", this.onFinished);
  }

  private showForm(): void {
    clearInterval(this.poll);
    this.planId = null;
    this.progress = null;
    this.review = null;
    this.context.map.showPlan(null, [], false);
    this.element.replaceChildren(this.form.element);
  }

  /** Starts a plan; a refusal propagates to the form, which shows it. */
  private async start(body: CreatePlanBody): Promise<void> {
    const plan = await this.context.api.createPlan(body);
    this.planId = plan.id;
    this.vehicleOrder = body.vehicles.map((vehicle) => vehicle.vehicleId);
    this.progress = new ProgressView(plan.id, plan.timeLimitSeconds, () => void this.cancel(plan.id));
    if (plan.progress) this.progress.update(plan.progress);
    this.element.replaceChildren(this.progress.element, this.status.element);
    this.status.clear();
    this.poll = setInterval(() => void this.checkFinished(plan.id), POLL_MS);
  }

  private readonly onProgress = (progress: PlanProgressDto): void => {
    if (progress.planId === this.planId) this.progress?.update(progress);
  };

  private readonly onFinished = (event: { planId: string; status: PlanStatus }): void => {
    if (event.planId === this.planId && this.progress !== null) void this.checkFinished(event.planId);
  };

  private async cancel(planId: string): Promise<void> {
    try {
      await this.context.api.cancelPlan(planId);
    } catch (error) {
      this.status.error(`Could not cancel. ${describeError(error)}`);
    }
  }

  private async checkFinished(planId: string): Promise<void> {
    try {
      const plan = await this.context.api.getPlan(planId);
      if (plan.status === "running" || planId !== this.planId || this.progress === null) return;
      clearInterval(this.poll);
      this.progress = null;
      await this.loadLabels();
      this.showReview(plan);
    } catch (error) {
      this.status.error(`Could not load the plan. ${describeError(error)}`);
    }
  }

  private showReview(plan: PlanDto): void {
    this.review = new PlanReview(this.vehicleOrder, {
      vehicleName: this.context.vehicleName,
      orderLabel: (orderId) => this.labels.get(orderId) ?? null,
      move: (move) => this.move(plan.id, move),
      apply: () => this.apply(plan.id),
      startOver: () => {
        this.showForm();
        void this.form.loadVehicles();
      },
    });
    this.review.show(plan);
    this.element.replaceChildren(this.review.element);
    this.context.map.showPlan(plan, this.vehicleOrder, true);
  }

  private async move(planId: string, move: StopMove): Promise<void> {
    const plan = await this.context.api.movePlanStop(planId, move);
    this.review?.show(plan);
    this.context.map.showPlan(plan, this.vehicleOrder, false);
  }

  /** Applies the plan and reads it back, now applied. */
  private async apply(planId: string): Promise<{ report: PlanApplyResultDto; plan: PlanDto }> {
    const report = await this.context.api.applyPlan(planId);
    void this.context.map.refreshLiveRoutes();
    return { report, plan: await this.context.api.getPlan(planId) };
  }

  private async loadLabels(): Promise<void> {
    try {
      const page = await this.context.api.listOrders(LABEL_QUERY);
      for (const order of page.items)
        this.labels.set(
          order.id,
          `${order.externalRef ?? order.customer.name} · ${order.destination.address}`,
        );
    } catch (error) {
      // Labels only make the review friendlier; it falls back to order ids.
      console.warn("Waybill: could not load order labels for the plan review", error);
    }
  }
}
