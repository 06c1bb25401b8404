import type { TrackingMilestone } from "@waybill/shared";
import { h, setText } from "../app/dom";
import { STEP_LABELS, type StepState, stepStates } from "./milestone-steps";

/** What a screen reader hears after each step's label. */
const STATE_TEXT: Record<StepState, string> = {
  done: "done",
  current: "current step",
  upcoming: "to come",
  halted: "did not happen",
};

/**
 * The delivery's progress as an ordered list of the {@link STEP_LABELS}: a dot per step joined by
 * a bar, the state in `data-state` for the styles and in words for screen readers.
 */
export class Stepper {
  readonly element: HTMLOListElement;
  private readonly steps: readonly { item: HTMLLIElement; state: HTMLElement }[];

  constructor() {
    this.steps = STEP_LABELS.map((label) => {
      const state = h("span", { class: "visually-hidden" });
      const item = h(
        "li",
        { class: "step" },
        h("span", { class: "step-dot", "aria-hidden": "true" }),
        h("span", { class: "step-label" }, label),
        state,
      );
      return { item, state };
    });
    this.element = h(
      "ol",
      { class: "stepper", "aria-label": "Delivery progress" },
      ...this.steps.map((step) => step.item),
    );
  }

  /** Shows where the delivery stands. */
  update(milestone: TrackingMilestone, history: readonly TrackingMilestone[]): void {
    stepStates(milestone, history).forEach((state, index) => {
      const step = this.steps[index];
      if (!step) return;
      step.item.dataset.state = state;
      if (state === "current") step.item.setAttribute("aria-current", "step");
      else step.item.removeAttribute("aria-current");
      setText(step.state, `, ${STATE_TEXT[state]}`);
    });
  }
}
