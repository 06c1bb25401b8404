import { h } from "../../app/dom";
import type { ScreenActions, ScreenState } from "./screen-state";

/**
 * The bar at the top: the connection (online / offline) and what is waiting to be sent, always
 * visible, so the driver knows whether dispatch has their last taps.
 */
export function renderTopBar(state: ScreenState, actions: ScreenActions): HTMLElement {
  const actionCount = state.pending.filter((entry) => entry.action.kind !== "positions").length;
  const waiting = state.pending.length > 0;
  const signOut = h("button", { class: "top-bar-button", type: "button" }, "Sign out");
  signOut.addEventListener("click", () => actions.signOut());
  return h(
    "div",
    { class: "top-bar-inner" },
    h(
      "span",
      { class: "connection", "data-online": String(state.online), role: "status" },
      state.online ? "Online" : "Offline",
    ),
    h(
      "span",
      { class: "sync-state", "data-waiting": String(waiting), role: "status", "aria-live": "polite" },
      describeWaiting(actionCount, state.pending.length - actionCount),
    ),
    signOut,
  );
}

/**
 * The outbox in words. The driver's own actions are counted; position batches, which pile up
 * in the background while offline, are only mentioned when nothing else waits.
 *
 * @example
 * describeWaiting(3, 5); // "3 actions waiting to send"
 * describeWaiting(0, 2); // "Positions waiting to send"
 */
export function describeWaiting(actionCount: number, positionBatchCount: number): string {
  if (actionCount > 0) return `${actionCount} action${actionCount === 1 ? "" : "s"} waiting to send`;
  return positionBatchCount > 0 ? "Positions waiting to send" : "All sent";
}
