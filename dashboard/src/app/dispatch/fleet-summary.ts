import type { FleetTable } from "../../state/fleet-table";
import { STATUS_META } from "../../state/vehicle-status";
import { h, setText } from "../dom";

/**
 * The panel header: vehicle count and one chip per status with its count. The chips double as
 * the map legend, so colours are explained where they are counted, and as the status filter:
 * pressing one hides or shows its vehicles on the map and in the list.
 */
export class FleetSummary {
  readonly element: HTMLElement;
  private readonly total = h("span", { class: "fleet-total" });
  private readonly counts: HTMLElement[];
  private readonly hidden = new Set<number>();

  constructor(
    onShowAll: () => void,
    private readonly onFilter: (hiddenStatuses: ReadonlySet<number>) => void = () => undefined,
  ) {
    const showAll = h("button", { class: "btn btn-quiet", type: "button" }, "Show all");
    showAll.addEventListener("click", onShowAll);
    this.counts = STATUS_META.map(() => h("span", { class: "legend-count" }));
    const legend = h(
      "ul",
      { class: "legend", "aria-label": "Vehicle status: press to hide or show" },
      ...[1, 2, 3, 0].map((status) => this.legendItem(status)),
    );
    this.element = h(
      "div",
      { class: "fleet-summary" },
      h("div", { class: "fleet-summary-head" }, h("h2", {}, "Fleet"), this.total, showAll),
      legend,
    );
  }

  /** Recounts statuses; O(n). */
  update(table: FleetTable): void {
    const counts = STATUS_META.map(() => 0);
    for (let row = 0; row < table.count; row++) counts[table.status[row]!]!++;
    setText(this.total, `${table.count} ${table.count === 1 ? "vehicle" : "vehicles"}`);
    for (const [status, count] of counts.entries()) setText(this.counts[status]!, String(count));
  }

  private legendItem(status: number): HTMLElement {
    const meta = STATUS_META[status]!;
    const dot = h("span", { class: "status-dot", "aria-hidden": "true" });
    dot.style.backgroundColor = meta.color;
    const toggle = h(
      "button",
      {
        class: "legend-toggle",
        type: "button",
        title: `${meta.hint}. Press to hide or show.`,
        "aria-pressed": "true",
      },
      dot,
      h("span", {}, meta.label),
      this.counts[status]!,
    );
    toggle.addEventListener("click", () => {
      const shown = this.hidden.has(status);
      if (shown) this.hidden.delete(status);
      else this.hidden.add(status);
      toggle.setAttribute("aria-pressed", String(shown));
      this.onFilter(this.hidden);
    });
    return h("li", { class: "legend-item" }, toggle);
  }
}
