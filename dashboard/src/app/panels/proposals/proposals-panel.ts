import type { ProposalDto } from "@waybill/shared";
import { ProposalBook } from "../../../state/proposal-book";
import { statusText, summaryFigures, triggerText } from "../../../state/proposal-format";
import { h } from "../../dom";
import type { ConsoleContext, ConsolePanel } from "../console-context";
import { describeError, PanelStatus } from "../panel-status";
import { formatDateTime, LOCAL_TIME_ZONE } from "../time-format";
import { PolicyForm } from "./policy-form";
import { ProposalDiff, statusTone } from "./proposal-diff";

/** Planner time for a proposal asked by hand, seconds (the server's default). */
const MANUAL_TIME_LIMIT_S = 3;

/**
 * Contingency proposals, newest first, kept live by `proposal:created` and `proposal:decided` over
 * a REST snapshot taken at start and after every reconnect. The tab badge counts the ones awaiting
 * a decision. Selecting one opens its difference in the drawer and draws its routes; "Re-plan now"
 * asks for a proposal by hand. The organisation's auto-apply policy sits on top.
 */
export class ProposalsPanel implements ConsolePanel {
  readonly element: HTMLElement;
  private readonly book = new ProposalBook();
  private readonly list = h("ul", { class: "proposal-list", "aria-label": "Proposals" });
  private readonly status = new PanelStatus();
  private readonly replan = h("button", { class: "btn btn-primary", type: "button" }, "Re-plan now");
  private readonly replanMessage = h("p", { class: "muted", role: "status", "aria-live": "polite" });
  private readonly policy: PolicyForm;
  private readonly fresh = new Set<string>();
  private diff: ProposalDiff | null = null;
  private generation = 0;

  constructor(
    private readonly context: ConsoleContext,
    private readonly onCount: (pending: number) => void,
  ) {
    this.policy = new PolicyForm(context.api, context.role === "admin");
    this.element = h(
      "div",
      { class: "panel-body proposals-panel" },
      h("div", { class: "button-row" }, this.replan, this.replanMessage),
      this.policy.element,
      this.status.element,
      h("div", { class: "panel-scroll" }, this.list),
    );
    this.replan.addEventListener("click", () => void this.askForProposal());
    this.list.addEventListener("click", (event) => {
      const id = (event.target as Element).closest<HTMLElement>("[data-proposal-id]")?.dataset.proposalId;
      if (id) this.open(id);
    });
    context.socket.on("proposal:created", this.onLive);
    context.socket.on("proposal:decided", this.onLive);
    context.socket.on("connect", this.onConnect);
    void this.loadSnapshot();
    void this.policy.load();
  }

  show(): void {
    this.fresh.clear();
    this.render();
  }

  destroy(): void {
    this.generation++;
    this.context.socket.off("proposal:created", this.onLive);
    this.context.socket.off("proposal:decided", this.onLive);
    this.context.socket.off("connect", this.onConnect);
  }

  private readonly onLive = (proposal: ProposalDto): void => {
    if (!this.book.apply(proposal)) return;
    if (proposal.status === "proposed") this.fresh.add(proposal.id);
    else this.fresh.delete(proposal.id);
    const current = this.book.get(proposal.id);
    if (current) this.diff?.update(current);
    this.render();
  };

  /** Events may have been missed while disconnected: take a new snapshot. */
  private readonly onConnect = (): void => void this.loadSnapshot();

  private async loadSnapshot(): Promise<void> {
    const generation = ++this.generation;
    if (this.book.list().length === 0) this.status.loading("Loading proposals…");
    try {
      const proposals = await this.context.api.listProposals();
      if (generation !== this.generation) return;
      this.book.reset(proposals);
      this.render();
    } catch (error) {
      if (generation === this.generation)
        this.status.error(
          `Could not load proposals. ${describeError(error)}`,
          () => void this.loadSnapshot(),
        );
    }
  }

  private render(): void {
    const proposals = this.book.list();
    this.list.replaceChildren(...proposals.map((proposal) => this.renderProposal(proposal)));
    if (proposals.length === 0)
      this.status.empty(
        "No proposals yet. Breakdowns, delays, urgent orders and road closures raise them here live.",
      );
    else this.status.clear();
    this.onCount(this.book.pendingCount());
  }

  private renderProposal(proposal: ProposalDto): HTMLElement {
    const figures = summaryFigures(proposal.summary);
    const selected = this.diff?.proposalId === proposal.id;
    return h(
      "li",
      {
        class: `proposal-item${this.fresh.has(proposal.id) ? " is-new" : ""}${selected ? " is-selected" : ""}`,
        "data-proposal-id": proposal.id,
        "data-status": proposal.status,
      },
      h(
        "button",
        { class: "proposal-open", type: "button", "aria-current": selected ? "true" : undefined },
        h(
          "span",
          { class: "proposal-item-head" },
          h("strong", { class: "proposal-trigger" }, triggerText(proposal.trigger, this.context.vehicleName)),
          h("time", { datetime: proposal.createdAt }, formatDateTime(proposal.createdAt, LOCAL_TIME_ZONE)),
        ),
        h(
          "span",
          { class: "proposal-item-status" },
          h("span", { class: "chip", "data-tone": statusTone(proposal.status) }, statusText(proposal)),
          h("span", { class: "proposal-why" }, proposal.why),
        ),
        figures &&
          h(
            "span",
            { class: "proposal-item-figures" },
            h("span", {}, `${figures.moved} ${figures.moved === 1 ? "stop" : "stops"} moved`),
            h(
              "span",
              { "data-flag": figures.windowsDelta < 0 ? "worse" : undefined },
              `windows kept ${figures.windows}`,
            ),
            h("span", {}, figures.extraDistance),
            h("span", {}, figures.extraTime),
          ),
      ),
    );
  }

  private open(proposalId: string): void {
    const proposal = this.book.get(proposalId);
    if (!proposal) return;
    this.fresh.delete(proposalId);
    const diff = new ProposalDiff(this.context, proposal, (decided, superseded) => {
      if (superseded) this.book.markSuperseded(decided.id);
      else this.book.apply(decided);
      this.render();
    });
    this.diff = diff;
    this.context.drawer.open("Proposal", diff.element, () => {
      diff.dispose();
      if (this.diff === diff) this.diff = null;
      this.render();
    });
    this.render();
    void diff.load();
  }

  private async askForProposal(): Promise<void> {
    this.replan.disabled = true;
    this.replanMessage.textContent = "Planning…";
    try {
      const proposal = await this.context.api.createProposal({
        trigger: "manual",
        timeLimitSeconds: MANUAL_TIME_LIMIT_S,
      });
      this.book.apply(proposal);
      this.replanMessage.textContent = "";
      this.render();
      this.open(proposal.id);
    } catch (error) {
      this.replanMessage.textContent = `Could not re-plan. ${describeError(error)}`;
    } finally {
      this.replan.disabled = false;
    }
  }
}
