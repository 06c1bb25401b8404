import type { DriverStopDto } from "@waybill/shared";
import { h } from "../../app/dom";
import { STOP_STATUS_LABELS } from "../labels/driver-labels";
import { formatTimeWindows } from "../labels/stop-format";
import { type StopAction, stopActions } from "../route/stop-actions";
import { renderDirections } from "./directions-panel";
import type { DirectionsState, ScreenActions } from "./screen-state";

const ACTION_BUTTONS: Readonly<Record<StopAction, { label: string; tone: string }>> = {
  en_route: { label: "On my way", tone: "action-primary" },
  arrived: { label: "Arrived", tone: "action-primary" },
  deliver: { label: "Delivered", tone: "action-success" },
  fail: { label: "Failed", tone: "action-danger" },
};

/**
 * The stop to serve now, large: who, where, when, what to know at the door, the call button,
 * the action buttons (the usual next one first) and the directions.
 */
export function renderNextStopCard(
  stop: DriverStopDto,
  position: { readonly index: number; readonly total: number },
  directions: DirectionsState,
  actions: ScreenActions,
): HTMLElement {
  const window = formatTimeWindows(stop.timeWindows);
  return h(
    "article",
    { class: "next-stop", "aria-labelledby": "next-stop-name" },
    h(
      "p",
      { class: "next-stop-head" },
      h("span", {}, `Stop ${position.index + 1} of ${position.total}`),
      h("span", { class: `chip chip-${stop.status}` }, STOP_STATUS_LABELS[stop.status]),
    ),
    h("h2", { id: "next-stop-name", class: "next-stop-name" }, stop.order.customerName),
    h("p", { class: "next-stop-address" }, stop.place.address),
    window ? h("p", { class: "next-stop-window" }, `Window ${window}`) : null,
    stop.order.notes ? h("p", { class: "next-stop-notes" }, stop.order.notes) : null,
    renderItems(stop),
    stop.order.customerPhone
      ? h(
          "a",
          { class: "action action-secondary", href: `tel:${stop.order.customerPhone.replace(/\s+/g, "")}` },
          `Call ${stop.order.customerPhone}`,
        )
      : null,
    renderActionButtons(stop, actions),
    renderDirections(directions),
  );
}

function renderItems(stop: DriverStopDto): HTMLElement | null {
  if (stop.order.items.length === 0) return null;
  return h(
    "ul",
    { class: "items", "aria-label": `Items of order ${stop.order.reference}` },
    ...stop.order.items.map((item) =>
      h("li", {}, h("strong", {}, `${item.quantity} ×`), ` ${item.description ?? item.sku}`),
    ),
  );
}

function renderActionButtons(stop: DriverStopDto, actions: ScreenActions): HTMLElement {
  const run: Record<StopAction, () => void> = {
    en_route: () => actions.onMyWay(stop.id),
    arrived: () => actions.arrived(stop.id),
    deliver: () => actions.deliver(stop.id),
    fail: () => actions.fail(stop.id),
  };
  const buttons = stopActions(stop.status).map((action, index) => {
    const { label, tone } = ACTION_BUTTONS[action];
    const button = h(
      "button",
      { class: `action ${index === 0 || action === "fail" ? tone : "action-secondary"}`, type: "button" },
      label,
    );
    button.addEventListener("click", run[action]);
    return button;
  });
  return h("div", { class: "stop-actions" }, ...buttons);
}
