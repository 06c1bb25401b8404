import type { TrackingViewDto } from "@waybill/shared";
import { h } from "../app/dom";
import { copyOf } from "./milestone-steps";
import { formatMoment, type TimeContext } from "./zoned-time";

/**
 * The milestones reached so far as a timeline, newest first, timed in the customer's zone.
 * Rebuilt only when an entry or its wording ("Today" becoming "Yesterday") changes.
 */
export class HistorySection {
  readonly element = h("section", { class: "card history-card", "aria-labelledby": "history-heading" });
  private shown: string | null = null;

  update(view: TrackingViewDto, ctx: TimeContext): void {
    const entries = [...view.history].reverse().map((entry) => ({
      at: entry.at,
      when: formatMoment(Date.parse(entry.at), ctx),
      ...copyOf(entry.milestone),
    }));
    const key = JSON.stringify(entries);
    if (key === this.shown) return;
    this.shown = key;
    this.element.hidden = entries.length === 0;
    this.element.replaceChildren(
      h("h2", { id: "history-heading" }, "History"),
      h(
        "ol",
        { class: "timeline" },
        ...entries.map((entry, index) =>
          h(
            "li",
            { class: index === 0 ? "timeline-entry is-latest" : "timeline-entry", "data-tone": entry.tone },
            h("span", { class: "timeline-dot", "aria-hidden": "true" }),
            h("span", { class: "timeline-label" }, entry.label),
            h("time", { class: "timeline-time", datetime: entry.at }, entry.when),
          ),
        ),
      ),
    );
  }
}
