import type { TrackingViewDto } from "@waybill/shared";
import { setText } from "../app/dom";
import { showLinkProblem } from "./link-problem";
import { copyOf } from "./milestone-steps";
import { type RefreshOutcome, RefreshScheduler } from "./refresh-scheduler";
import { fetchStreets, fetchTrackingView, sendFeedback } from "./tracking-api";
import { TrackingLayout } from "./tracking-layout";
import { pageLocale, resolveZone } from "./zoned-time";

/** Where the page draws: the main landmark and the order reference in the header. */
export interface TrackingPageElements {
  readonly main: HTMLElement;
  readonly reference: HTMLElement;
}

/**
 * Runs the tracking page of one token: loads the view, refreshes it every 30 s while visible
 * (and when shown again), and turns a dead link into its error page for good.
 *
 * @example
 * startTrackingPage({ main, reference }, tokenFromPath(location.pathname));
 */
export function startTrackingPage(elements: TrackingPageElements, token: string | null): void {
  if (token === null) {
    showLinkProblem(elements.main, "invalid");
    return;
  }
  new TrackingPage(elements, token).start();
}

class TrackingPage {
  private layout: TrackingLayout | null = null;
  private fetchedAtMs = 0;
  private readonly locale = pageLocale(navigator.languages);
  private readonly scheduler = new RefreshScheduler(
    () => this.refresh(),
    () => document.visibilityState === "visible",
  );

  constructor(
    private readonly elements: TrackingPageElements,
    private readonly token: string,
  ) {}

  start(): void {
    document.addEventListener("visibilitychange", () => this.scheduler.visibilityChanged());
    this.scheduler.start();
  }

  private async refresh(): Promise<RefreshOutcome> {
    const result = await fetchTrackingView(this.token);
    const nowMs = Date.now();
    if (result.kind === "ok") {
      this.fetchedAtMs = nowMs;
      this.render(result.view, nowMs);
      return "ok";
    }
    if (result.kind !== "unavailable") {
      this.layout = null;
      showLinkProblem(this.elements.main, result.kind);
      return "final";
    }
    if (this.layout) this.layout.showFreshness(this.fetchedAtMs, nowMs, true);
    else showLinkProblem(this.elements.main, "unavailable", () => this.scheduler.refreshNow());
    return "failed";
  }

  private render(view: TrackingViewDto, nowMs: number): void {
    const layout = this.layout ?? this.mountLayout();
    layout.update(view, { zone: resolveZone(view.timeZone), locale: this.locale, nowMs });
    layout.showFreshness(nowMs, nowMs, false);
    setText(this.elements.reference, `Order ${view.reference}`);
    document.title = `${copyOf(view.milestone).label} · Order ${view.reference}`;
  }

  private mountLayout(): TrackingLayout {
    const layout = new TrackingLayout(
      (feedback) => sendFeedback(this.token, feedback),
      () => this.scheduler.refreshNow(),
      () => fetchStreets(this.token),
    );
    this.layout = layout;
    this.elements.main.removeAttribute("aria-busy");
    this.elements.main.replaceChildren(layout.element);
    return layout;
  }
}
