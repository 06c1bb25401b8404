import type { DailyValue } from "../../../state/kpi-format";
import { h } from "../../dom";

const SVG_NS = "http://www.w3.org/2000/svg";
const BOX = { width: 320, height: 120, labels: 16 } as const;

/**
 * A per-day bar chart as plain SVG: one bar per day scaled to the largest value, days without a
 * value left empty, the first and last date under the axis and each bar's value in its tooltip.
 * With no value at all it says so instead of drawing an empty axis.
 *
 * @example
 * panel.append(renderBarChart(dailySeries(report.byDay, "orders", range), String, "Orders per day"));
 */
export function renderBarChart(
  values: readonly DailyValue[],
  format: (value: number) => string,
  label: string,
): SVGSVGElement | HTMLElement {
  if (values.every((day) => day.value === null))
    return h("p", { class: "muted" }, "Nothing to measure in these days.");
  const svg = svgElement("svg", {
    viewBox: `0 0 ${BOX.width} ${BOX.height}`,
    class: "bar-chart",
    role: "img",
    "aria-label": label,
  });
  const plotHeight = BOX.height - BOX.labels;
  const top = Math.max(...values.map((day) => day.value ?? 0), 0);
  const slot = BOX.width / Math.max(values.length, 1);
  values.forEach((day, index) => {
    if (day.value === null) return;
    const height = top === 0 ? 0 : Math.max(1, (day.value / top) * (plotHeight - 4));
    const bar = svgElement("rect", {
      x: index * slot + slot * 0.15,
      y: plotHeight - height,
      width: slot * 0.7,
      height,
      rx: 2,
      class: "bar",
    });
    const title = svgElement("title", {});
    title.textContent = `${day.day}: ${format(day.value)}`;
    bar.append(title);
    svg.append(bar);
  });
  svg.append(svgElement("line", { x1: 0, x2: BOX.width, y1: plotHeight, y2: plotHeight, class: "axis" }));
  const first = values[0];
  const last = values.at(-1);
  if (first) svg.append(text(first.day, 0, "start"));
  if (last && last !== first) svg.append(text(last.day, BOX.width, "end"));
  return svg;
}

function text(content: string, x: number, anchor: "start" | "end"): SVGTextElement {
  const element = svgElement("text", { x, y: BOX.height - 3, "text-anchor": anchor, class: "axis-label" });
  element.textContent = content;
  return element;
}

function svgElement<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | number>,
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  return element;
}
