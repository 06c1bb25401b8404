import { h } from "../app/dom";
import type { ViewFailure } from "./tracking-api";

const TEXT: Record<ViewFailure, { title: string; body: string }> = {
  invalid: {
    title: "This link is not valid",
    body: "Check that you opened the whole link from your email or text message. If it still does not work, ask the sender for a new one.",
  },
  expired: {
    title: "This link has expired",
    body: "This tracking link has expired or was withdrawn. Ask the sender for a new one.",
  },
  unavailable: {
    title: "Your delivery cannot be shown right now",
    body: "The tracking service did not answer. Check your connection; this page tries again by itself.",
  },
};

/**
 * Replaces the page with why the delivery cannot be shown: an unknown link, an expired or
 * withdrawn one, or (with a retry button) a service that did not answer.
 */
export function showLinkProblem(main: HTMLElement, problem: ViewFailure, retry?: () => void): void {
  const text = TEXT[problem];
  document.title = `${text.title} · Delivery tracking`;
  const button = retry && h("button", { type: "button", class: "button button-primary" }, "Try again");
  if (button && retry) button.addEventListener("click", retry);
  main.removeAttribute("aria-busy");
  main.replaceChildren(
    h(
      "section",
      { class: "card problem-card", "data-problem": problem, "aria-labelledby": "problem-heading" },
      h("span", { class: "problem-icon", "aria-hidden": "true" }),
      h("h1", { id: "problem-heading" }, text.title),
      h("p", { class: "card-lead" }, text.body),
      button,
    ),
  );
}
