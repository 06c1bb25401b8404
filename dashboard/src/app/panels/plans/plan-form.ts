import type { CreatePlanBody, VehicleDto } from "../../../api/types";
import { type LatLng, type PlanDraft, toPlanRequest, type VehicleDraft } from "../../../state/plan-draft";
import { h } from "../../dom";
import type { ConsoleContext } from "../console-context";
import { describeError, PanelStatus } from "../panel-status";
import { LOCAL_TIME_ZONE } from "../time-format";

/** One vehicle's row of the form: its inputs and the start point chosen so far. */
interface VehicleInputs {
  readonly vehicle: VehicleDto;
  readonly include: HTMLInputElement;
  readonly shiftStart: HTMLInputElement;
  readonly shiftEnd: HTMLInputElement;
  readonly startText: HTMLElement;
  start: LatLng | null;
  /** True once the dispatcher clicked a start on the map; else the start follows the vehicle. */
  picked: boolean;
}

/**
 * The form that starts a plan: date, the vehicles (each with a shift and a start point, its
 * current position or a point clicked on the map), objective and time limit. `onSubmit` sends it;
 * a problem it throws is shown above the button.
 */
export class PlanForm {
  readonly element: HTMLFormElement;
  private readonly status = new PanelStatus();
  private readonly vehicleList = h("ul", { class: "plan-vehicles" });
  private readonly problems = h("div", { class: "form-error", role: "alert", hidden: true });
  private readonly date = h("input", { class: "input", type: "date", required: true, id: "plan-date" });
  private readonly objective = h(
    "select",
    { class: "input", id: "plan-objective" },
    h("option", { value: "distance" }, "Shortest distance"),
    h("option", { value: "vehicles" }, "Fewest vehicles"),
  );
  private readonly timeLimit = h("input", {
    class: "input",
    type: "number",
    id: "plan-time-limit",
    min: 0.1,
    max: 600,
    step: 0.1,
    value: 10,
  });
  private readonly submit = h(
    "button",
    { class: "btn btn-primary btn-block", type: "submit" },
    "Start planning",
  );
  private rows: VehicleInputs[] = [];
  private cancelPick: (() => void) | null = null;

  constructor(
    private readonly context: ConsoleContext,
    private readonly onSubmit: (body: CreatePlanBody) => Promise<void>,
  ) {
    this.date.value = localDate(new Date());
    this.element = h(
      "form",
      { class: "plan-form", "aria-label": "New plan", novalidate: true },
      h(
        "div",
        { class: "field-row" },
        field(`Date (${LOCAL_TIME_ZONE} time)`, this.date),
        field("Objective", this.objective),
      ),
      field("Time limit (seconds)", this.timeLimit),
      h(
        "fieldset",
        { class: "plan-vehicles-field" },
        h("legend", {}, "Vehicles"),
        this.status.element,
        this.vehicleList,
      ),
      this.problems,
      this.submit,
    );
    this.element.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.send();
    });
  }

  /** (Re)loads the vehicles; keeps what was entered for vehicles still there. */
  async loadVehicles(): Promise<void> {
    this.status.loading("Loading vehicles…");
    try {
      const vehicles = await this.context.api.listVehicles();
      const previous = new Map(this.rows.map((row) => [row.vehicle.id, row]));
      this.rows = vehicles.map((vehicle) => {
        const row = previous.get(vehicle.id);
        if (row && !row.picked) this.followVehicle(row, vehicle);
        return row ?? this.createRow(vehicle);
      });
      this.vehicleList.replaceChildren(...this.rows.map((row) => this.renderRow(row)));
      if (vehicles.length === 0) this.status.empty("No vehicles yet: add vehicles before planning.");
      else this.status.clear();
    } catch (error) {
      this.status.error(`Could not load vehicles. ${describeError(error)}`, () => void this.loadVehicles());
    }
  }

  /** Stops waiting for a map click. */
  destroy(): void {
    this.cancelPick?.();
  }

  private createRow(vehicle: VehicleDto): VehicleInputs {
    const row: VehicleInputs = {
      vehicle,
      include: h("input", { type: "checkbox", checked: true, "aria-label": `Plan with ${vehicle.name}` }),
      shiftStart: h("input", {
        class: "input input-time",
        type: "time",
        value: "08:00",
        "aria-label": `${vehicle.name} shift start`,
      }),
      shiftEnd: h("input", {
        class: "input input-time",
        type: "time",
        value: "17:00",
        "aria-label": `${vehicle.name} shift end`,
      }),
      startText: h("span", { class: "plan-start-text" }),
      start: null,
      picked: false,
    };
    this.followVehicle(row, vehicle);
    return row;
  }

  /** Starts the route where the vehicle is now: its live fix, else the last one the API knows. */
  private followVehicle(row: VehicleInputs, vehicle: VehicleDto): void {
    const fix = this.context.map.vehicleFix(vehicle.id) ?? vehicle.position;
    row.start = fix ? { lat: fix.lat, lng: fix.lng } : null;
    showStart(row, "current position");
  }

  private renderRow(row: VehicleInputs): HTMLElement {
    const pick = h("button", { class: "btn btn-quiet", type: "button" }, "Pick on map");
    pick.addEventListener("click", () => this.pickStart(row, pick));
    return h(
      "li",
      { class: "plan-vehicle" },
      h("label", { class: "plan-vehicle-name" }, row.include, row.vehicle.name),
      h("span", { class: "plan-shift" }, row.shiftStart, "–", row.shiftEnd),
      h("span", { class: "plan-start" }, row.startText, pick),
    );
  }

  private pickStart(row: VehicleInputs, button: HTMLButtonElement): void {
    this.cancelPick?.();
    button.textContent = "Click the map…";
    button.setAttribute("aria-pressed", "true");
    this.cancelPick = this.context.map.pickPoint((point) => {
      this.cancelPick = null;
      row.start = point;
      row.picked = true;
      showStart(row, "picked on the map");
      button.textContent = "Pick on map";
      button.removeAttribute("aria-pressed");
    });
  }

  private draft(): PlanDraft {
    return {
      date: this.date.value,
      timeZone: LOCAL_TIME_ZONE,
      objective: this.objective.value === "vehicles" ? "vehicles" : "distance",
      timeLimitSeconds: this.timeLimit.valueAsNumber,
      vehicles: this.rows.map(
        (row): VehicleDraft => ({
          vehicleId: row.vehicle.id,
          name: row.vehicle.name,
          included: row.include.checked,
          shiftStart: row.shiftStart.value,
          shiftEnd: row.shiftEnd.value,
          start: row.start,
        }),
      ),
    };
  }

  private async send(): Promise<void> {
    const request = toPlanRequest(this.draft());
    if ("problems" in request) return this.showProblems(request.problems);
    this.showProblems([]);
    this.submit.disabled = true;
    try {
      await this.onSubmit(request.body);
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

function showStart(row: VehicleInputs, how: string | null): void {
  row.startText.textContent =
    row.start === null ? "No position" : `${row.start.lat.toFixed(4)}, ${row.start.lng.toFixed(4)} (${how})`;
  row.startText.classList.toggle("is-missing", row.start === null);
}

function field(label: string, input: HTMLElement): HTMLElement {
  return h("label", { class: "field" }, h("span", { class: "field-label" }, label), input);
}

/** YYYY-MM-DD of the browser's local date. */
function localDate(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
