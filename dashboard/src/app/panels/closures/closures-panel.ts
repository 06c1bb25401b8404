import type { RoadClosureDto } from "../../../api/types";
import { h } from "../../dom";
import type { ConsoleContext, ConsolePanel } from "../console-context";
import { describeError, PanelStatus } from "../panel-status";
import { formatDateTime, LOCAL_TIME_ZONE } from "../time-format";
import { ClosureForm } from "./closure-form";

/**
 * Road closures and slowdowns: the list of those not yet ended (every organisation's: a closed
 * road is closed for every fleet), each shown on the map and removable by the organisation that
 * posted it, and the form that draws a new one. The map layer is the controller's; this panel
 * hands it the list after every change.
 */
export class ClosuresPanel implements ConsolePanel {
  readonly element: HTMLElement;
  private readonly form: ClosureForm;
  private readonly status = new PanelStatus();
  private readonly notice = h("p", { class: "success", role: "status", hidden: true });
  private readonly list = h("ul", { class: "closure-list", "aria-label": "Road closures" });
  private closures: RoadClosureDto[] = [];
  private generation = 0;

  constructor(private readonly context: ConsoleContext) {
    this.form = new ClosureForm(context, (closure) => this.onSaved(closure));
    this.element = h(
      "div",
      { class: "panel-body panel-scroll closures-panel" },
      h("h2", { class: "panel-heading" }, "New closure"),
      this.form.element,
      this.notice,
      h("h2", { class: "panel-heading" }, "Closures in force or scheduled"),
      this.status.element,
      this.list,
    );
    this.list.addEventListener("click", (event) => this.onClick(event));
    void this.reload();
  }

  show(): void {
    void this.reload();
  }

  /** A closure was clicked on the map: point at it in the list (unless the click was a drawn point). */
  reveal(closureId: string): void {
    if (this.form.drawing) return;
    const item = this.list.querySelector<HTMLElement>(`[data-closure-id="${CSS.escape(closureId)}"]`);
    item?.scrollIntoView({ block: "nearest" });
    item?.focus();
  }

  destroy(): void {
    this.generation++;
    this.form.destroy();
  }

  private async reload(): Promise<void> {
    const generation = ++this.generation;
    if (this.closures.length === 0) this.status.loading("Loading closures…");
    try {
      const closures = await this.context.api.listRoadClosures();
      if (generation !== this.generation) return;
      this.closures = closures;
      this.context.map.showClosures(closures);
      this.render();
    } catch (error) {
      if (generation === this.generation)
        this.status.error(`Could not load closures. ${describeError(error)}`, () => void this.reload());
    }
  }

  private onSaved(closure: RoadClosureDto): void {
    const what = closure.kind === "closed" ? "Closed" : "Slowed";
    const segments = `${closure.edgesClosed} road ${closure.edgesClosed === 1 ? "segment" : "segments"}`;
    this.notice.textContent = `${what}: ${closure.reason} (${segments}).`;
    this.notice.hidden = false;
    void this.reload();
  }

  private render(): void {
    this.list.replaceChildren(...this.closures.map((closure) => this.renderClosure(closure)));
    if (this.closures.length === 0) this.status.empty("No road is closed or slowed.");
    else this.status.clear();
  }

  private renderClosure(closure: RoadClosureDto): HTMLElement {
    const ours = closure.organisationId === this.context.organisationId;
    const effect =
      closure.kind === "closed" ? "Closed" : `Slowed to ${Math.round((closure.speedFactor ?? 1) * 100)} %`;
    const since = closure.active ? "since" : "from";
    const until = closure.endsAt
      ? `until ${formatDateTime(closure.endsAt, LOCAL_TIME_ZONE)}`
      : "until removed";
    const facts = [
      `${since} ${formatDateTime(closure.startsAt, LOCAL_TIME_ZONE)}, ${until}`,
      `${closure.edgesClosed} road ${closure.edgesClosed === 1 ? "segment" : "segments"}`,
      ours ? null : "posted by another organisation",
    ];
    return h(
      "li",
      { class: "closure-item", "data-closure-id": closure.id, "data-kind": closure.kind, tabindex: -1 },
      h(
        "div",
        { class: "closure-head" },
        h("strong", {}, closure.reason),
        h("span", { class: "chip", "data-tone": closure.kind === "closed" ? "danger" : "progress" }, effect),
        closure.active ? null : h("span", { class: "chip", "data-tone": "muted" }, "Scheduled"),
      ),
      h("p", { class: "muted" }, facts.filter(Boolean).join(" · ")),
      h(
        "div",
        { class: "button-row" },
        h("button", { class: "btn btn-quiet", type: "button", "data-action": "show" }, "Show on map"),
        ours && h("button", { class: "btn btn-danger", type: "button", "data-action": "remove" }, "Remove"),
      ),
    );
  }

  private onClick(event: Event): void {
    const button = (event.target as Element).closest<HTMLButtonElement>("button[data-action]");
    const id = button?.closest<HTMLElement>("[data-closure-id]")?.dataset.closureId;
    const closure = this.closures.find((candidate) => candidate.id === id);
    if (!button || !closure) return;
    if (button.dataset.action === "show") this.context.map.frameLine(closure.geometry.coordinates);
    else void this.remove(closure, button);
  }

  private async remove(closure: RoadClosureDto, button: HTMLButtonElement): Promise<void> {
    button.disabled = true;
    try {
      await this.context.api.deleteRoadClosure(closure.id);
      this.notice.textContent = `Removed: ${closure.reason}.`;
      this.notice.hidden = false;
      await this.reload();
    } catch (error) {
      button.disabled = false;
      this.status.error(`Could not remove the closure. ${describeError(error)}`);
    }
  }
}
