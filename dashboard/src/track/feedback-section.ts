import type { TrackingViewDto } from "@waybill/shared";
import { h, setText } from "../app/dom";
import { RATING_WORDS, StarRating, starIcon } from "./star-rating";
import type { FeedbackResult } from "./tracking-api";

/** Sends the customer's feedback; see {@link FeedbackResult}. */
export type SubmitFeedback = (feedback: { rating: number; comment?: string }) => Promise<FeedbackResult>;

type Given = NonNullable<TrackingViewDto["feedback"]>;

const FAILURE_TEXT: Record<Exclude<FeedbackResult, "sent">, string> = {
  closed: "Your feedback was already recorded.",
  invalid: "This link no longer works, so your feedback could not be sent.",
  expired: "This link has expired, so your feedback could not be sent.",
  failed: "Your feedback could not be sent. Check your connection and try again.",
};

/**
 * After delivery: the feedback form while it is open, then a thank-you with what was given.
 * The form is built once and left alone by refreshes, so nothing typed is lost.
 */
export class FeedbackSection {
  readonly element = h("section", { class: "card feedback-card", "aria-labelledby": "feedback-heading" });
  private shown: string | null = null;

  /** `changed` is called after a submission, so the page refreshes its view of the order. */
  constructor(
    private readonly submit: SubmitFeedback,
    private readonly changed: () => void,
  ) {}

  /** Shows the form, the thank-you, or nothing, as the order says. */
  update(view: TrackingViewDto): void {
    if (view.feedbackOpen) this.show("form", () => this.form());
    else if (view.feedback) this.showThanks(view.feedback, false);
    else this.show("none", () => []);
    this.element.hidden = this.shown === "none";
  }

  private show(key: string, render: () => Node[]): void {
    if (key === this.shown) return;
    this.shown = key;
    this.element.replaceChildren(...render());
  }

  private showThanks(given: Pick<Given, "rating" | "comment">, focus: boolean): void {
    this.show(`thanks:${given.rating}:${given.comment ?? ""}`, () => thanks(given));
    if (focus) this.element.querySelector<HTMLElement>(".feedback-thanks")?.focus();
  }

  private form(): Node[] {
    const rating = new StarRating("Your rating");
    const comment = h("textarea", { id: "feedback-comment", name: "comment", rows: 3, maxlength: 2000 });
    const error = h("p", { class: "form-error", role: "alert" });
    const button = h("button", { type: "submit", class: "button button-primary" }, "Send feedback");
    const form = h(
      "form",
      { class: "feedback-form", novalidate: true },
      rating.element,
      h(
        "label",
        { for: "feedback-comment", class: "field-label" },
        "Anything to add? ",
        h("span", { class: "optional" }, "(optional)"),
      ),
      comment,
      error,
      button,
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const value = rating.value();
      if (value === null) {
        setText(error, "Choose a rating from 1 to 5 stars.");
        rating.focus();
        return;
      }
      const text = comment.value.trim();
      void this.send({ rating: value, ...(text ? { comment: text } : {}) }, { button, error });
    });
    return [
      h("h2", { id: "feedback-heading" }, "How was your delivery?"),
      h("p", { class: "card-lead" }, "Your rating goes to the sender and helps them improve."),
      form,
    ];
  }

  private async send(
    feedback: { rating: number; comment?: string },
    ui: { button: HTMLButtonElement; error: HTMLElement },
  ): Promise<void> {
    ui.button.disabled = true;
    setText(ui.button, "Sending…");
    setText(ui.error, "");
    const result = await this.submit(feedback);
    ui.button.disabled = false;
    setText(ui.button, "Send feedback");
    if (result === "sent")
      this.showThanks({ rating: feedback.rating, comment: feedback.comment ?? null }, true);
    else setText(ui.error, FAILURE_TEXT[result]);
    if (result !== "failed") this.changed();
  }
}

function thanks(given: Pick<Given, "rating" | "comment">): Node[] {
  const stars = h(
    "p",
    { class: "thanks-stars" },
    h("span", { class: "visually-hidden" }, `You rated this delivery ${given.rating} out of 5.`),
  );
  for (let index = 0; index < RATING_WORDS.length; index++) {
    const icon = starIcon();
    icon.classList.toggle("is-lit", index < given.rating);
    stars.append(icon);
  }
  return [
    h(
      "div",
      { class: "feedback-thanks", tabindex: -1 },
      h("h2", { id: "feedback-heading" }, "Thank you for your feedback"),
      stars,
      given.comment ? h("blockquote", { class: "thanks-comment" }, given.comment) : null,
    ),
  ];
}
