import type { ReplayEvent } from "../../../state/replay-timeline";
import { h } from "../../dom";
import { formatTimeOfDay } from "../time-format";

/**
 * The timeline under the slider: trips and stays as bars, stops and alerts as marks, and the
 * playhead; a click anywhere seeks there (a click on a mark, to its event). Below it, the same
 * events as a list of buttons: the keyboard and screen-reader way to the same jumps.
 */
export class ReplayStrip {
  readonly strip = h("div", { class: "replay-strip" });
  readonly list = h("ol", { class: "replay-events", "aria-label": "Events of the day" });
  private readonly playhead = h("div", { class: "replay-playhead", "aria-hidden": "true" });
  private events: readonly ReplayEvent[] = [];
  private items: HTMLElement[] = [];
  private current = -1;
  private range = { startAt: 0, endAt: 0 };

  constructor(private readonly onSeek: (at: number) => void) {
    this.strip.addEventListener("click", (event) => this.onStripClick(event));
    this.list.addEventListener("click", (event) => {
      const button = (event.target as Element).closest<HTMLElement>("[data-event-index]");
      const target = this.events[Number(button?.dataset.eventIndex)];
      if (target) this.onSeek(target.at);
    });
  }

  /** Draws a day's events over `[startAt, endAt]`; times are shown on `timeZone`'s clock. */
  show(events: readonly ReplayEvent[], startAt: number, endAt: number, timeZone: string): void {
    this.events = events;
    this.range = { startAt, endAt };
    this.current = -1;
    const marks = events.map((event, index) => this.renderMark(event, index, timeZone));
    this.strip.replaceChildren(...marks, this.playhead);
    this.items = events.map((event, index) =>
      h(
        "li",
        { class: "replay-event", "data-kind": event.kind, "data-tone": event.tone },
        h(
          "button",
          { class: "replay-event-button", type: "button", "data-event-index": index },
          h(
            "time",
            { datetime: new Date(event.at).toISOString() },
            formatTimeOfDay(event.at, timeZone).slice(0, 5),
          ),
          h("span", { class: "replay-event-dot", "aria-hidden": "true" }),
          h("span", {}, event.label),
        ),
      ),
    );
    this.list.replaceChildren(...this.items);
  }

  /** Moves the playhead and marks the event under way at `at` in the list. */
  update(at: number, currentIndex: number): void {
    this.playhead.style.left = `${this.percent(at)}%`;
    if (currentIndex === this.current) return;
    this.items[this.current]?.removeAttribute("aria-current");
    this.items[currentIndex]?.setAttribute("aria-current", "true");
    this.current = currentIndex;
  }

  private renderMark(event: ReplayEvent, index: number, timeZone: string): HTMLElement {
    const left = this.percent(event.at);
    const title = `${formatTimeOfDay(event.at, timeZone).slice(0, 5)} ${event.label}`;
    const mark = h("div", {
      class: event.endAt === null ? "replay-mark" : "replay-span",
      "data-kind": event.kind,
      "data-tone": event.tone,
      "data-event-index": index,
      title,
    });
    mark.style.left = `${left}%`;
    if (event.endAt !== null) mark.style.width = `${Math.max(0.4, this.percent(event.endAt) - left)}%`;
    return mark;
  }

  private onStripClick(event: MouseEvent): void {
    const mark = (event.target as Element).closest<HTMLElement>(".replay-mark");
    const target = mark ? this.events[Number(mark.dataset.eventIndex)] : undefined;
    if (target) {
      this.onSeek(target.at);
      return;
    }
    const box = this.strip.getBoundingClientRect();
    if (box.width <= 0) return;
    const fraction = Math.min(1, Math.max(0, (event.clientX - box.left) / box.width));
    this.onSeek(this.range.startAt + fraction * (this.range.endAt - this.range.startAt));
  }

  private percent(at: number): number {
    const span = this.range.endAt - this.range.startAt;
    return span > 0 ? Math.min(100, Math.max(0, ((at - this.range.startAt) / span) * 100)) : 0;
  }
}
