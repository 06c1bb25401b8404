import type { DriverStopDto } from "@waybill/shared";
import { h } from "../../app/dom";
import { FAILURE_REASON_LABELS, STOP_STATUS_LABELS } from "../labels/driver-labels";
import { formatTimeWindows } from "../labels/stop-format";

/** Today's stops in route order, each with its status chip; the next one is marked. */
export function renderStopList(stops: readonly DriverStopDto[], nextStopId: string | null): HTMLElement {
  if (stops.length === 0) return h("p", { class: "empty" }, "No route assigned today.");
  return h(
    "ol",
    { class: "stop-list", "aria-label": "Today's stops" },
    ...stops.map((stop, index) => {
      const window = formatTimeWindows(stop.timeWindows);
      return h(
        "li",
        {
          class: "stop-row",
          "data-next": String(stop.id === nextStopId),
          "aria-current": stop.id === nextStopId ? "step" : undefined,
        },
        h("span", { class: "stop-number", "aria-hidden": "true" }, String(index + 1)),
        h(
          "div",
          { class: "stop-main" },
          h("p", { class: "stop-name" }, stop.order.customerName),
          h("p", { class: "stop-address" }, stop.place.address),
          window ? h("p", { class: "stop-window" }, window) : null,
        ),
        renderChip(stop),
      );
    }),
  );
}

function renderChip(stop: DriverStopDto): HTMLElement {
  if (stop.outcome === "failed")
    return h(
      "span",
      {
        class: "chip chip-failed",
        title: stop.failureReason ? FAILURE_REASON_LABELS[stop.failureReason] : undefined,
      },
      "Failed",
    );
  return h("span", { class: `chip chip-${stop.status}` }, STOP_STATUS_LABELS[stop.status]);
}
