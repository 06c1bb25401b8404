import type { StreetsCollection, TrackingViewDto } from "@waybill/shared";
import { h } from "../app/dom";
import { DestinationSection } from "./destination-section";
import { FeedbackSection, type SubmitFeedback } from "./feedback-section";
import { HistorySection } from "./history-section";
import { ItemsSection } from "./items-section";
import { ProofSection } from "./proof-section";
import { StatusSection } from "./status-section";
import type { TimeContext } from "./zoned-time";

/**
 * The sections of the tracking page in two columns: what is happening (status, feedback, proof,
 * history) and where and what (address and map, items). On a phone the columns melt into one
 * list, status first and history last. Every update is in place: no section is rebuilt unless
 * its content changed, so a refresh never flickers.
 */
export class TrackingLayout {
  readonly element: HTMLElement;
  private readonly status = new StatusSection();
  private readonly feedback: FeedbackSection;
  private readonly proof = new ProofSection();
  private readonly destination: DestinationSection;
  private readonly items = new ItemsSection();
  private readonly history = new HistorySection();

  constructor(
    submitFeedback: SubmitFeedback,
    feedbackChanged: () => void,
    loadStreets: () => Promise<StreetsCollection | null>,
  ) {
    this.feedback = new FeedbackSection(submitFeedback, feedbackChanged);
    this.destination = new DestinationSection(loadStreets);
    this.element = h(
      "div",
      { class: "track-grid" },
      h(
        "div",
        { class: "track-column track-column-main" },
        this.status.element,
        this.feedback.element,
        this.proof.element,
        this.history.element,
      ),
      h("div", { class: "track-column track-column-side" }, this.destination.element, this.items.element),
    );
  }

  /** Shows the order as the server last described it. */
  update(view: TrackingViewDto, ctx: TimeContext): void {
    this.status.update(view, ctx);
    this.feedback.update(view);
    this.proof.update(view);
    this.destination.update(view);
    this.items.update(view);
    this.history.update(view, ctx);
  }

  /** See {@link StatusSection.showFreshness}. */
  showFreshness(fetchedAtMs: number, nowMs: number, failing: boolean): void {
    this.status.showFreshness(fetchedAtMs, nowMs, failing);
  }
}
