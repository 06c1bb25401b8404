import type { ProposalChangeDto, ProposalDto } from "@waybill/shared";
import { ApiError } from "../../../api/api-error";
import {
  moveText,
  statusText,
  summaryFigures,
  triggerText,
  windowText,
} from "../../../state/proposal-format";
import { proposalRoutes } from "../../../state/proposal-routes";
import { h, setText } from "../../dom";
import type { ConsoleContext } from "../console-context";
import { describeError } from "../panel-status";
import { formatClock, LOCAL_TIME_ZONE } from "../time-format";

/** Most orders whose references are fetched for one diff (one request each). */
const MAX_ORDER_LOOKUPS = 40;

/**
 * One proposal's difference to the current routes, in the drawer: its trigger and figures, per
 * changed stop the order, from vehicle → to vehicle, ETA and window before → after; Approve and
 * Reject while it waits for a decision. Its routes are drawn on the map while it is open.
 */
export class ProposalDiff {
  readonly element: HTMLElement;
  private readonly head = h("div", { class: "proposal-diff-head" });
  private readonly changes = h("ol", { class: "proposal-changes", "aria-label": "Changed stops" });
  private readonly actions = h("div", { class: "button-row proposal-actions" });
  private readonly message = h("p", {
    class: "proposal-message",
    role: "status",
    "aria-live": "polite",
    tabindex: -1,
  });
  private readonly orderRefs = new Map<string, string>();
  /** Changes the dispatcher unticked: those stops stay where they are when approving. */
  private readonly kept = new Set<string>();
  private approveButton: HTMLButtonElement | null = null;
  private disposed = false;

  constructor(
    private readonly context: ConsoleContext,
    private proposal: ProposalDto,
    private readonly onDecided: (proposal: ProposalDto, superseded: boolean) => void,
  ) {
    this.element = h(
      "div",
      { class: "proposal-diff", "data-proposal-id": proposal.id },
      this.head,
      this.actions,
      this.message,
      this.changes,
    );
    this.render();
  }

  get proposalId(): string {
    return this.proposal.id;
  }

  /** Fetches the order references and stop places, then draws the routes. */
  async load(): Promise<void> {
    const orderIds = [...new Set(this.proposal.changes.map((change) => change.orderId))].slice(
      0,
      MAX_ORDER_LOOKUPS,
    );
    const [stops] = await Promise.all([
      this.context.api.listOpenStops().catch(() => []),
      ...orderIds.map(async (orderId) => {
        const order = await this.context.api.getOrder(orderId).catch(() => null);
        if (order) this.orderRefs.set(orderId, order.externalRef ?? order.customer.name);
      }),
    ]);
    if (this.disposed) return;
    this.render();
    const places = new Map(stops.map((stop) => [stop.id, stop.place]));
    this.context.map.showPlan(
      proposalRoutes(this.proposal, places),
      this.proposal.routes.map((route) => route.vehicleId),
      true,
      this.element.closest(".drawer")?.getBoundingClientRect().width ?? 0,
    );
  }

  /** A newer copy of the proposal arrived (live): show its status. */
  update(proposal: ProposalDto): void {
    if (proposal.id !== this.proposal.id) return;
    this.proposal = proposal;
    this.render();
  }

  /** The drawer closed: take the routes off the map. */
  dispose(): void {
    this.disposed = true;
    this.context.map.showPlan(null, [], false);
  }

  private render(): void {
    const proposal = this.proposal;
    const figures = summaryFigures(proposal.summary);
    this.element.dataset.status = proposal.status;
    const head: (HTMLElement | null)[] = [
      h("p", { class: "proposal-trigger" }, triggerText(proposal.trigger, this.context.vehicleName)),
      h(
        "p",
        {},
        h(
          "span",
          { class: "chip proposal-status", "data-tone": statusTone(proposal.status) },
          statusText(proposal),
        ),
      ),
      h("p", { class: "muted" }, proposal.why),
      proposal.error ? h("p", { class: "proposal-error" }, proposal.error) : null,
      figures
        ? h(
            "dl",
            { class: "proposal-figures" },
            figure("Stops moved", String(figures.moved)),
            figure("Windows kept", figures.windows, figures.windowsDelta < 0 ? "worse" : undefined),
            figure("Extra distance", figures.extraDistance),
            figure("Extra time", figures.extraTime),
          )
        : null,
    ];
    this.head.replaceChildren(...head.filter((node) => node !== null));
    const open = proposal.status === "proposed";
    if (open) {
      const approve = h("button", { class: "btn btn-primary", type: "button" }, this.approveLabel());
      this.approveButton = approve;
      const reject = h("button", { class: "btn btn-danger", type: "button" }, "Reject");
      approve.addEventListener("click", () => void this.decide("approve", [approve, reject]));
      reject.addEventListener("click", () => void this.decide("reject", [approve, reject]));
      this.actions.replaceChildren(approve, reject);
    } else {
      this.actions.replaceChildren();
      this.approveButton = null;
    }
    const changes = proposal.changes;
    this.changes.replaceChildren(
      ...(changes.length === 0
        ? [h("li", { class: "muted" }, "No stop changes.")]
        : changes.map((change) => this.renderChange(change))),
    );
  }

  private approveLabel(): string {
    return this.kept.size === 0
      ? "Approve"
      : `Approve without ${this.kept.size} change${this.kept.size === 1 ? "" : "s"}`;
  }

  /** A tick per change while the proposal is open: unticked, the stop stays as it is. */
  private takeToggle(change: ProposalChangeDto, ref: string): HTMLElement | null {
    if (this.proposal.status !== "proposed") return null;
    const box = h("input", { type: "checkbox", "aria-label": `Apply the change to ${ref}` });
    box.checked = !this.kept.has(change.stopId);
    box.addEventListener("change", () => {
      if (box.checked) this.kept.delete(change.stopId);
      else this.kept.add(change.stopId);
      if (this.approveButton) setText(this.approveButton, this.approveLabel());
    });
    return h("label", { class: "proposal-take" }, box, "apply");
  }

  private renderChange(change: ProposalChangeDto): HTMLElement {
    const ref = this.orderRefs.get(change.orderId) ?? change.orderId;
    const eta = (iso: string | null) => (iso === null ? "—" : formatClock(iso, LOCAL_TIME_ZONE));
    return h(
      "li",
      { class: "proposal-change", "data-stop-id": change.stopId },
      h(
        "div",
        { class: "proposal-change-head" },
        h("strong", { class: "proposal-order" }, ref),
        h("span", { class: "proposal-move" }, moveText(change, this.context.vehicleName)),
        this.takeToggle(change, ref),
      ),
      h(
        "div",
        { class: "proposal-change-line" },
        h("span", { class: "proposal-eta" }, `ETA ${eta(change.etaBefore)} → ${eta(change.etaAfter)}`),
        h(
          "span",
          { class: "proposal-window" },
          windowChip(change.windowBefore),
          " → ",
          windowChip(change.windowAfter),
        ),
      ),
      change.reason ? h("p", { class: "muted" }, change.reason) : null,
    );
  }

  private async decide(action: "approve" | "reject", buttons: HTMLButtonElement[]): Promise<void> {
    for (const button of buttons) button.disabled = true;
    setText(this.message, action === "approve" ? "Changing the routes…" : "Rejecting…");
    this.message.dataset.kind = "info";
    try {
      const decided =
        action === "approve"
          ? await this.context.api.approveProposal(this.proposal.id, [...this.kept])
          : await this.context.api.rejectProposal(this.proposal.id);
      setText(this.message, action === "approve" ? "Approved: the routes changed." : "Rejected.");
      this.proposal = decided;
      this.onDecided(decided, false);
      this.render();
      // The buttons are gone: keep the focus in the drawer (Escape still closes it).
      this.message.focus();
    } catch (error) {
      this.message.dataset.kind = "error";
      setText(this.message, describeError(error));
      if (error instanceof ApiError && error.status === 409) {
        const state = error.problem?.currentState;
        if (state === "superseded") {
          this.proposal = { ...this.proposal, status: "superseded" };
          this.onDecided(this.proposal, true);
        } else {
          const fresh = await this.context.api.getProposal(this.proposal.id).catch(() => null);
          if (fresh) {
            this.proposal = fresh;
            this.onDecided(fresh, false);
          }
        }
        this.render();
        this.message.focus();
      } else for (const button of buttons) button.disabled = false;
    }
  }
}

/** The chip tone of a proposal status. */
export function statusTone(status: ProposalDto["status"]): string {
  switch (status) {
    case "proposed":
      return "info";
    case "approved":
      return "success";
    case "failed":
      return "danger";
    default:
      return "muted";
  }
}

function windowChip(state: ProposalChangeDto["windowAfter"]): HTMLElement {
  return h("span", { class: "window-chip", "data-window": state }, windowText(state));
}

function figure(label: string, value: string, flag?: string): HTMLElement {
  return h("div", { class: "proposal-figure", "data-flag": flag }, h("dt", {}, label), h("dd", {}, value));
}
