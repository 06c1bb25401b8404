import type { KpiFiguresDto, KpiQuery, KpiReportDto } from "../../../api/types";
import {
  channelsBySize,
  type DayRange,
  dailySeries,
  formatLeadTime,
  formatRate,
} from "../../../state/kpi-format";
import { h } from "../../dom";
import type { ConsoleContext, ConsolePanel } from "../console-context";
import { describeError, PanelStatus } from "../panel-status";
import { renderBarChart } from "./bar-chart";

/** Days the KPIs cover when the panel opens. */
const DEFAULT_DAYS = 14;
const DAY_MS = 86_400_000;

/** The rates of a figures row, in the order cards and table show them. */
const RATES: readonly [label: string, read: (figures: KpiFiguresDto) => number | null][] = [
  ["On time", (f) => f.onTimeRate],
  ["First attempt", (f) => f.firstAttemptSuccessRate],
  ["Accuracy", (f) => f.orderAccuracy],
  ["Returns", (f) => f.returnRate],
];

/**
 * KPIs of a date range: cards for the overall figures (orders, delivered, lead time, on-time,
 * first-attempt success, accuracy, returns), orders and on-time rate per day as bar charts, and
 * a table per channel. Loaded when the tab opens and when the range changes.
 */
export class KpisPanel implements ConsolePanel {
  readonly element: HTMLElement;
  private readonly status = new PanelStatus();
  private readonly content = h("div", { class: "kpi-content" });
  private readonly from = h("input", { class: "input", type: "date" });
  private readonly to = h("input", { class: "input", type: "date" });
  private generation = 0;

  constructor(private readonly context: ConsoleContext) {
    const today = Date.now();
    this.from.value = isoDate(today - (DEFAULT_DAYS - 1) * DAY_MS);
    this.to.value = isoDate(today);
    const reload = (): void => void this.load();
    this.from.addEventListener("change", reload);
    this.to.addEventListener("change", reload);
    this.element = h(
      "div",
      { class: "panel-body" },
      h("div", { class: "panel-filters filter-row" }, field("From", this.from), field("To", this.to)),
      this.status.element,
      // Focusable: charts hold nothing else to focus, and keyboard users must be able to scroll.
      h(
        "div",
        { class: "panel-scroll", tabindex: 0, role: "region", "aria-label": "Key figures" },
        this.content,
      ),
    );
  }

  show(): void {
    void this.load();
  }

  destroy(): void {
    this.generation++;
  }

  private query(): KpiQuery {
    // `to` is exclusive on the server; the field means the whole day.
    const to = this.to.value ? isoDate(Date.parse(this.to.value) + DAY_MS) : undefined;
    return { ...(this.from.value ? { from: this.from.value } : {}), ...(to ? { to } : {}) };
  }

  private async load(): Promise<void> {
    const generation = ++this.generation;
    this.status.loading("Loading KPIs…");
    try {
      const report = await this.context.api.getKpis(this.query());
      if (generation !== this.generation) return;
      this.status.clear();
      if (report.overall.orders === 0) this.status.empty("No orders received in these days.");
      const range = this.from.value && this.to.value ? { from: this.from.value, to: this.to.value } : null;
      this.content.replaceChildren(...(report.overall.orders === 0 ? [] : renderReport(report, range)));
    } catch (error) {
      if (generation === this.generation)
        this.status.error(`Could not load KPIs. ${describeError(error)}`, () => void this.load());
    }
  }
}

function renderReport(report: KpiReportDto, range: DayRange | null): Node[] {
  const { overall } = report;
  const cards: [string, string, string?][] = [
    ["Orders", String(overall.orders)],
    ["Delivered", String(overall.delivered)],
    [
      "Lead time",
      formatLeadTime(overall.leadTimeHours.mean),
      `p90 ${formatLeadTime(overall.leadTimeHours.p90)}`,
    ],
    ...RATES.map(([label, read]): [string, string] => [label, formatRate(read(overall))]),
  ];
  return [
    h(
      "ul",
      { class: "kpi-cards", "aria-label": "Overall" },
      ...cards.map(([label, value, note]) =>
        h(
          "li",
          { class: "kpi-card" },
          h("span", { class: "kpi-label" }, label),
          h("strong", { class: "kpi-value" }, value),
          note && h("span", { class: "kpi-note" }, note),
        ),
      ),
    ),
    h("h2", { class: "kpi-heading" }, "Orders per day"),
    renderBarChart(dailySeries(report.byDay, "orders", range), String, "Orders per day"),
    h("h2", { class: "kpi-heading" }, "On-time rate per day"),
    renderBarChart(dailySeries(report.byDay, "onTimeRate", range), formatRate, "On-time rate per day"),
    h("h2", { class: "kpi-heading" }, "By channel"),
    renderChannelTable(report),
  ];
}

function renderChannelTable(report: KpiReportDto): HTMLElement {
  const header = ["Channel", "Orders", "Lead time", ...RATES.map(([label]) => label)];
  return h(
    "div",
    { class: "table-scroll", tabindex: 0, role: "region", "aria-label": "Key figures by channel" },
    h(
      "table",
      { class: "kpi-table" },
      h("thead", {}, h("tr", {}, ...header.map((label) => h("th", { scope: "col" }, label)))),
      h(
        "tbody",
        {},
        ...channelsBySize(report.byChannel).map(([channel, figures]) =>
          h(
            "tr",
            {},
            h("th", { scope: "row" }, channel),
            h("td", {}, String(figures.orders)),
            h("td", {}, formatLeadTime(figures.leadTimeHours.mean)),
            ...RATES.map(([, read]) => h("td", {}, formatRate(read(figures)))),
          ),
        ),
      ),
    ),
  );
}

function field(label: string, input: HTMLElement): HTMLElement {
  return h("label", { class: "field" }, h("span", { class: "field-label" }, label), input);
}

/** YYYY-MM-DD (UTC) of an epoch-ms instant. */
function isoDate(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}
