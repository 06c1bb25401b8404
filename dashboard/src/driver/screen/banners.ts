import { h } from "../../app/dom";
import type { ScreenActions, ScreenState } from "./screen-state";

/**
 * The messages above the route: dispatch's route change, actions the server refused (with its
 * reason), and trouble with the phone's position. Null when there is nothing to say.
 */
export function renderBanners(state: ScreenState, actions: ScreenActions): HTMLElement | null {
  const items: HTMLElement[] = [];
  if (state.notice !== null)
    items.push(banner("notice", "status", state.notice, () => actions.dismissNotice(), "OK"));
  for (const { entry, reason } of state.rejections)
    items.push(
      banner(
        "error",
        "alert",
        `Not sent: ${entry.label}. ${reason}`,
        () => actions.dismissRejection(entry.id),
        "Dismiss",
      ),
    );
  if (state.gpsMessage !== null && state.view?.onShift)
    items.push(h("p", { class: "banner banner-warning", role: "status" }, state.gpsMessage));
  if (state.view === null && state.loadError !== null)
    items.push(h("p", { class: "banner banner-error", role: "alert" }, state.loadError));
  return items.length === 0 ? null : h("div", { class: "banners" }, ...items);
}

function banner(
  tone: "notice" | "error",
  role: "status" | "alert",
  text: string,
  onDismiss: () => void,
  dismissLabel: string,
): HTMLElement {
  const dismiss = h("button", { class: "banner-dismiss", type: "button" }, dismissLabel);
  dismiss.addEventListener("click", onDismiss);
  return h("div", { class: `banner banner-${tone}`, role }, h("p", {}, text), dismiss);
}
