import { h } from "../../app/dom";
import { formatDistance, formatDuration } from "../labels/stop-format";
import type { DirectionsState } from "./screen-state";

/** Turn-by-turn steps to the next stop, from the routing engine. */
export function renderDirections(state: DirectionsState): HTMLElement {
  const title = h("h3", { class: "card-label" }, "Directions");
  if (state.kind === "loading")
    return h("section", { class: "directions" }, title, h("p", { class: "muted" }, "Finding the way…"));
  if (state.kind === "unavailable")
    return h("section", { class: "directions" }, title, h("p", { class: "muted" }, state.message));
  const { directions, from } = state;
  return h(
    "section",
    { class: "directions" },
    title,
    h(
      "p",
      { class: "directions-summary" },
      `${formatDistance(directions.distanceM)} · ${formatDuration(directions.durationS)}`,
      h("span", { class: "muted" }, from === "position" ? " from here" : " from the previous stop"),
    ),
    h(
      "ol",
      { class: "steps" },
      ...directions.steps.map((step) =>
        h(
          "li",
          { class: "step" },
          h("span", { class: "step-text" }, step.instruction),
          step.type === "arrive"
            ? null
            : h("span", { class: "step-distance" }, formatDistance(step.distanceM)),
        ),
      ),
    ),
  );
}
