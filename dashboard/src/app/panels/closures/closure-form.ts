import type { RoadClosureDto } from "../../../api/types";
import type { ClosureSketch } from "../../../map/layers/road-closure-features";
import { type LngLatPair, MAX_ROUTED_POINTS, toClosureRequest } from "../../../state/closure-draft";
import { approxDistanceMeters } from "../../../state/planar-geo";
import { h, setText } from "../../dom";
import type { ConsoleContext } from "../console-context";
import { describeError } from "../panel-status";
import { formatDistance } from "../time-format";

/**
 * The form that draws and saves a road closure: reason, effect (closed, or slowed to a percent of
 * normal speed), optional end, and the line, clicked point by point on the map. With "Follow roads"
 * (default) the line sent is the road route through the clicks (`GET /route`), so the server
 * closes the roads driven between them and not whatever lies within 25 m of a straight cut.
 */
export class ClosureForm {
  readonly element: HTMLFormElement;
  private readonly reason = h("input", {
    class: "input",
    id: "closure-reason",
    maxlength: 500,
    autocomplete: "off",
  });
  private readonly effect = h(
    "select",
    { class: "input", id: "closure-effect" },
    h("option", { value: "closed" }, "Close the road"),
    h("option", { value: "slowed" }, "Slow traffic"),
  );
  private readonly speed = h("input", {
    class: "input",
    type: "number",
    id: "closure-speed",
    min: 5,
    max: 100,
    step: 5,
    value: 50,
  });
  private readonly speedField: HTMLElement;
  private readonly until = h("input", { class: "input", type: "datetime-local", id: "closure-until" });
  private readonly follow = h("input", { type: "checkbox", checked: true, id: "closure-follow" });
  private readonly drawButton = h("button", { class: "btn btn-secondary", type: "button" }, "Draw on map");
  private readonly undoButton = h(
    "button",
    { class: "btn btn-quiet", type: "button", disabled: true },
    "Undo point",
  );
  private readonly clearButton = h(
    "button",
    { class: "btn btn-quiet", type: "button", disabled: true },
    "Clear",
  );
  private readonly sketchStatus = h("p", { class: "closure-sketch-status", "aria-live": "polite" });
  private readonly problems = h("div", { class: "form-error", role: "alert", hidden: true });
  private readonly submit = h(
    "button",
    { class: "btn btn-primary btn-block", type: "submit" },
    "Save closure",
  );
  private points: LngLatPair[] = [];
  private road: LngLatPair[] | null = null;
  private routing: Promise<void> | null = null;
  private routeGeneration = 0;
  private stopDrawing: (() => void) | null = null;

  constructor(
    private readonly context: ConsoleContext,
    private readonly onSaved: (closure: RoadClosureDto) => void,
  ) {
    this.speedField = field("Speed left (% of normal)", this.speed);
    this.speedField.hidden = true;
    this.element = h(
      "form",
      { class: "closure-form", "aria-label": "New road closure", novalidate: true },
      field("Reason", this.reason),
      h("div", { class: "field-row" }, field("Effect", this.effect), this.speedField),
      field("Until (empty: until removed)", this.until),
      h("label", { class: "closure-follow" }, this.follow, "Follow roads between the points"),
      h("div", { class: "button-row" }, this.drawButton, this.undoButton, this.clearButton),
      this.sketchStatus,
      this.problems,
      this.submit,
    );
    this.effect.addEventListener("change", () => {
      this.speedField.hidden = this.effect.value !== "slowed";
    });
    this.follow.addEventListener("change", () => this.reroute());
    this.drawButton.addEventListener("click", () =>
      this.stopDrawing ? this.finishDrawing() : this.startDrawing(),
    );
    this.undoButton.addEventListener("click", () => this.setPoints(this.points.slice(0, -1)));
    this.clearButton.addEventListener("click", () => this.setPoints([]));
    this.element.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && this.stopDrawing) this.finishDrawing();
    });
    this.element.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.save();
    });
    this.describeSketch();
  }

  /** True while map clicks add points (a click on a closure then is a point, not a pick). */
  get drawing(): boolean {
    return this.stopDrawing !== null;
  }

  destroy(): void {
    this.finishDrawing();
    this.context.map.showClosureSketch({ points: [], road: null });
  }

  private startDrawing(): void {
    this.stopDrawing = this.context.map.drawPoints((point) => {
      if (this.follow.checked && this.points.length >= MAX_ROUTED_POINTS) {
        this.showProblems([
          `Following roads takes at most ${MAX_ROUTED_POINTS} points; finish here or turn it off.`,
        ]);
        return;
      }
      this.setPoints([...this.points, [point.lng, point.lat]]);
    });
    setText(this.drawButton, "Finish drawing");
    this.drawButton.setAttribute("aria-pressed", "true");
    this.describeSketch();
  }

  private finishDrawing(): void {
    this.stopDrawing?.();
    this.stopDrawing = null;
    setText(this.drawButton, "Draw on map");
    this.drawButton.removeAttribute("aria-pressed");
    this.describeSketch();
  }

  private setPoints(points: LngLatPair[]): void {
    this.points = points;
    this.undoButton.disabled = points.length === 0;
    this.clearButton.disabled = points.length === 0;
    this.reroute();
  }

  /** Shows the sketch at once, then asks for the road route through the points when following roads. */
  private reroute(): void {
    const generation = ++this.routeGeneration;
    this.road = null;
    this.routing = null;
    this.render();
    if (!this.follow.checked || this.points.length < 2) return;
    const points = this.points;
    this.routing = this.context.api.getRoute(points).then(
      (route) => {
        if (generation !== this.routeGeneration) return;
        this.road = route.geometry.coordinates;
        this.render();
      },
      (error: unknown) => {
        if (generation !== this.routeGeneration) return;
        setText(
          this.sketchStatus,
          `No road route through the points (${describeError(error)}); the straight line will be sent.`,
        );
      },
    );
  }

  private render(): void {
    this.context.map.showClosureSketch(this.sketch());
    this.describeSketch();
  }

  private sketch(): ClosureSketch {
    return { points: this.points, road: this.road };
  }

  private describeSketch(): void {
    const count = this.points.length;
    const hint = this.drawing ? "Click points along the road on the map; Finish drawing when done." : "";
    const along = this.road === null ? "" : `; along roads ${formatDistance(lineMeters(this.road))}`;
    const text =
      count === 0
        ? hint || "No line drawn yet."
        : `${count} ${count === 1 ? "point" : "points"}${along}. ${hint}`;
    setText(this.sketchStatus, text.trim());
  }

  private async save(): Promise<void> {
    await this.routing;
    const useRoad = this.follow.checked && this.road !== null;
    const request = toClosureRequest(
      {
        reason: this.reason.value,
        effect: this.effect.value === "slowed" ? "slowed" : "closed",
        speedPercent: this.speed.valueAsNumber,
        until: this.until.value,
        line: useRoad ? (this.road ?? []) : this.points,
      },
      Date.now(),
    );
    if ("problems" in request) return this.showProblems(request.problems);
    this.showProblems([]);
    this.submit.disabled = true;
    try {
      const closure = await this.context.api.createRoadClosure(request.body);
      this.finishDrawing();
      this.reason.value = "";
      this.until.value = "";
      this.setPoints([]);
      this.onSaved(closure);
    } catch (error) {
      this.showProblems([describeError(error)]);
    } finally {
      this.submit.disabled = false;
    }
  }

  private showProblems(problems: readonly string[]): void {
    this.problems.replaceChildren(...problems.map((problem) => h("p", {}, problem)));
    this.problems.hidden = problems.length === 0;
  }
}

function field(label: string, input: HTMLElement): HTMLElement {
  return h("label", { class: "field" }, h("span", { class: "field-label" }, label), input);
}

/** Length of a line, metres. */
function lineMeters(line: readonly LngLatPair[]): number {
  let meters = 0;
  for (let i = 1; i < line.length; i++) meters += approxDistanceMeters(...line[i - 1]!, ...line[i]!);
  return meters;
}
