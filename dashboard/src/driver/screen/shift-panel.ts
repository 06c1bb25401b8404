import { h } from "../../app/dom";
import type { ScreenActions, ScreenState } from "./screen-state";

/**
 * Start or end of the shift, and the incident report while on shift. Without a vehicle on any
 * stop there is no shift to start: the driver has no route today.
 */
export function renderShiftPanel(
  state: ScreenState,
  vehicleId: string | null,
  actions: ScreenActions,
): HTMLElement | null {
  const view = state.view;
  if (view === null) return null;
  if (!view.onShift) {
    if (vehicleId === null) return null;
    const start = h("button", { class: "action action-primary", type: "button" }, "Start shift");
    start.addEventListener("click", () => actions.startShift());
    return h(
      "div",
      { class: "shift shift-off" },
      h("p", { class: "shift-state" }, "You are off shift"),
      start,
    );
  }
  const end = h("button", { class: "action action-secondary", type: "button" }, "End shift");
  const incident = h("button", { class: "action action-secondary", type: "button" }, "Report incident");
  end.addEventListener("click", () => actions.endShift());
  incident.addEventListener("click", () => actions.reportIncident());
  return h(
    "div",
    { class: "shift shift-on" },
    h("p", { class: "shift-state" }, view.vehicleName ? `On shift · ${view.vehicleName}` : "On shift"),
    h("div", { class: "shift-actions" }, incident, end),
  );
}
