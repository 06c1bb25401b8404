import type { TrackingViewDto } from "@waybill/shared";
import { h, setText } from "../app/dom";
import { copyOf } from "./milestone-steps";
import { statusLines } from "./status-lines";
import { Stepper } from "./stepper";
import { deviceZone, formatAgo, type TimeContext, zoneNoteFor } from "./zoned-time";

/**
 * The top card: the milestone as the headline (a polite live region, so a screen reader hears a
 * change), when it arrives, what happens next, the stepper, the promised windows and how fresh
 * the page is. Updates write only what changed.
 */
export class StatusSection {
  readonly element: HTMLElement;
  private readonly headline = h("h1", { class: "status-headline", id: "status-headline" });
  private readonly when = h("p", { class: "status-when" });
  private readonly detail = h("p", { class: "status-detail" });
  private readonly stepper = new Stepper();
  private readonly windows = h("dl", { class: "status-windows" });
  private readonly zoneNote = h("p", { class: "status-note" });
  private readonly freshness = h("p", { class: "status-note status-freshness" });
  private windowsKey: string | null = null;

  constructor() {
    this.element = h(
      "section",
      { class: "card status-card", "aria-labelledby": "status-headline" },
      h("div", { role: "status", class: "status-live" }, this.headline, this.when),
      this.detail,
      this.stepper.element,
      this.windows,
      this.zoneNote,
      this.freshness,
    );
  }

  /** Shows the order's milestone and times. */
  update(view: TrackingViewDto, ctx: TimeContext): void {
    const copy = copyOf(view.milestone);
    this.element.dataset.tone = copy.tone;
    setText(this.headline, copy.label);
    setText(this.detail, copy.detail);
    const lines = statusLines(view, ctx);
    setText(this.when, lines.when ?? "");
    this.when.hidden = lines.when === null;
    this.stepper.update(
      view.milestone,
      view.history.map((entry) => entry.milestone),
    );
    this.showWindows(lines.windows);
    const firstWindow = view.timeWindows[0];
    const note = zoneNoteFor(firstWindow ? Date.parse(firstWindow.start) : ctx.nowMs, ctx.zone, deviceZone());
    setText(this.zoneNote, note ? `Times are local to the delivery address (${note}).` : "");
    this.zoneNote.hidden = note === null;
  }

  /** "Updated 2 min ago"; while refreshes fail, says the page is trying again. */
  showFreshness(fetchedAtMs: number, nowMs: number, failing: boolean): void {
    const ago = `Updated ${formatAgo(fetchedAtMs, nowMs)}`;
    setText(this.freshness, failing ? `${ago}. Cannot reach the server; trying again.` : ago);
    this.freshness.classList.toggle("is-failing", failing);
  }

  private showWindows(windows: readonly string[]): void {
    const key = windows.join("\n");
    if (key === this.windowsKey) return;
    this.windowsKey = key;
    this.windows.hidden = windows.length === 0;
    this.windows.replaceChildren(
      h("dt", {}, windows.length > 1 ? "Delivery windows" : "Delivery window"),
      ...windows.map((window) => h("dd", {}, window)),
    );
  }
}
