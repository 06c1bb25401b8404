import type { StopPlace } from "../../../state/plan-moves";
import { h } from "../../dom";

/** A route a stop can move to, with how many positions it offers that stop. */
export interface MoveTarget {
  readonly vehicleId: string;
  readonly name: string;
  readonly slots: number;
}

/** Options of {@link MoveForm}. */
export interface MoveFormOptions {
  readonly routes: readonly MoveTarget[];
  /** Where the stop is now (preselected). */
  readonly current: StopPlace | null;
  /** Moves the stop (null: leave it out of every route) to a 0-based position. */
  readonly onMove: (vehicleId: string | null, index: number) => Promise<void>;
  /** The form closed; give the focus back. */
  readonly onClose: () => void;
}

const LEAVE_OUT = "";

/**
 * The keyboard way to move a stop: pick the route and the position, then Move. Escape or Cancel
 * closes it. (Drag and drop in the review does the same with a pointer.)
 */
export class MoveForm {
  readonly element: HTMLFormElement;
  private readonly route: HTMLSelectElement;
  private readonly position = h("select", { class: "input", "aria-label": "Position" });

  constructor(private readonly options: MoveFormOptions) {
    this.route = h(
      "select",
      { class: "input", "aria-label": "Route" },
      ...options.routes.map((route) => h("option", { value: route.vehicleId }, route.name)),
      h("option", { value: LEAVE_OUT }, "Leave out"),
    );
    this.route.value = options.current?.vehicleId ?? LEAVE_OUT;
    this.fillPositions(options.current?.index ?? 0);
    this.route.addEventListener("change", () => this.fillPositions(Number.MAX_SAFE_INTEGER));
    const cancel = h("button", { class: "btn btn-secondary", type: "button" }, "Cancel");
    cancel.addEventListener("click", () => this.close());
    this.element = h(
      "form",
      { class: "move-form", "aria-label": "Move stop" },
      this.route,
      this.position,
      h(
        "div",
        { class: "button-row" },
        h("button", { class: "btn btn-primary", type: "submit" }, "Move"),
        cancel,
      ),
    );
    this.element.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.submit();
    });
    this.element.addEventListener("keydown", (event) => {
      if (event.key === "Escape") this.close();
    });
  }

  /** Focuses the route choice. */
  focus(): void {
    this.route.focus();
  }

  private fillPositions(selected: number): void {
    const slots = this.options.routes.find((route) => route.vehicleId === this.route.value)?.slots ?? 0;
    this.position.hidden = slots === 0;
    this.position.replaceChildren(
      ...Array.from({ length: slots }, (_, index) =>
        h(
          "option",
          { value: index },
          index === 0 ? "1 (first)" : index === slots - 1 ? `${index + 1} (last)` : String(index + 1),
        ),
      ),
    );
    this.position.value = String(Math.min(selected, Math.max(0, slots - 1)));
  }

  private async submit(): Promise<void> {
    const vehicleId = this.route.value === LEAVE_OUT ? null : this.route.value;
    this.element.remove();
    await this.options.onMove(vehicleId, Number(this.position.value || 0));
  }

  private close(): void {
    this.element.remove();
    this.options.onClose();
  }
}
