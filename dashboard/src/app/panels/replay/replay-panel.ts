import type { DayHistoryDto, VehicleDto } from "../../../api/types";
import { buildReplayTimeline } from "../../../state/replay-timeline";
import { buildReplayTrack } from "../../../state/replay-track";
import { h, setText } from "../../dom";
import type { ConsoleContext, ConsolePanel } from "../console-context";
import { describeError, PanelStatus } from "../panel-status";
import { dateOn, formatDistance, formatTimeOfDay, LOCAL_TIME_ZONE } from "../time-format";
import { ReplayPlayer } from "./replay-player";

/**
 * Replay: pick a vehicle and a day, load its history (`GET /vehicles/{id}/trips`, on the browser's
 * clock), then play it on the map with the {@link ReplayPlayer}. The trace stays on the map until
 * cleared or another day is loaded.
 */
export class ReplayPanel implements ConsolePanel {
  readonly element: HTMLElement;
  private readonly vehicle = h("select", { class: "input", id: "replay-vehicle", required: true });
  private readonly date = h("input", { class: "input", type: "date", id: "replay-date", required: true });
  private readonly load = h("button", { class: "btn btn-primary", type: "submit" }, "Load day");
  private readonly clear = h("button", { class: "btn btn-secondary", type: "button", hidden: true }, "Clear");
  private readonly status = new PanelStatus();
  private readonly summary = h("p", { class: "replay-summary" });
  private readonly player: ReplayPlayer;
  private readonly loaded = h("section", { class: "replay-loaded", "aria-label": "Replay", hidden: true });
  private generation = 0;

  constructor(private readonly context: ConsoleContext) {
    this.player = new ReplayPlayer(context.map);
    this.date.value = dateOn(Date.now(), LOCAL_TIME_ZONE);
    this.date.max = this.date.value;
    const form = h(
      "form",
      { class: "replay-form", "aria-label": "Day to replay", novalidate: true },
      h(
        "div",
        { class: "field-row" },
        field("Vehicle", this.vehicle),
        field(`Day (${LOCAL_TIME_ZONE} time)`, this.date),
      ),
      h("div", { class: "button-row" }, this.load, this.clear),
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.loadDay();
    });
    this.clear.addEventListener("click", () => this.reset());
    this.loaded.append(this.summary, this.player.element);
    this.element = h(
      "div",
      { class: "panel-body panel-scroll replay-panel" },
      form,
      this.status.element,
      this.loaded,
    );
    void this.loadVehicles();
  }

  show(): void {
    if (this.vehicle.options.length === 0) void this.loadVehicles();
  }

  destroy(): void {
    this.generation++;
    this.player.destroy();
    this.context.map.showReplay(null, false);
  }

  private async loadVehicles(): Promise<void> {
    try {
      const vehicles = await this.context.api.listVehicles();
      const chosen = this.vehicle.value;
      this.vehicle.replaceChildren(
        ...[...vehicles].sort(byName).map((v) => h("option", { value: v.id }, v.name)),
      );
      if (chosen) this.vehicle.value = chosen;
      if (vehicles.length === 0) this.status.empty("No vehicles yet: there is nothing to replay.");
    } catch (error) {
      this.status.error(`Could not load vehicles. ${describeError(error)}`, () => void this.loadVehicles());
    }
  }

  private async loadDay(): Promise<void> {
    const vehicleId = this.vehicle.value;
    const date = this.date.value;
    if (vehicleId === "" || !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      this.status.error("Choose a vehicle and a day.");
      return;
    }
    const generation = ++this.generation;
    this.status.loading("Loading the day…");
    this.load.disabled = true;
    try {
      const history = await this.context.api.getVehicleDay(vehicleId, date, LOCAL_TIME_ZONE);
      if (generation === this.generation) this.showDay(history);
    } catch (error) {
      if (generation === this.generation)
        this.status.error(`Could not load the day. ${describeError(error)}`);
    } finally {
      if (generation === this.generation) this.load.disabled = false;
    }
  }

  private showDay(history: DayHistoryDto): void {
    const track = buildReplayTrack(history);
    const name = this.context.vehicleName(history.properties.vehicleId);
    if (track.fixAt.length === 0) {
      this.reset();
      this.status.empty(`${name} has no positions on ${history.properties.date}.`);
      return;
    }
    this.status.clear();
    const events = buildReplayTimeline(history);
    const trips = events.filter((event) => event.kind === "trip");
    const meters = history.features.reduce(
      (sum, feature) => sum + (feature.properties.kind === "trip" ? feature.properties.distanceM : 0),
      0,
    );
    const hours = `${formatTimeOfDay(track.startAt, LOCAL_TIME_ZONE).slice(0, 5)}–${formatTimeOfDay(track.endAt, LOCAL_TIME_ZONE).slice(0, 5)}`;
    setText(
      this.summary,
      `${name}, ${history.properties.date}: ${trips.length} ${trips.length === 1 ? "trip" : "trips"}, ${formatDistance(meters)}, ${hours}`,
    );
    this.context.map.showReplay(history, true);
    this.player.load(track, events, LOCAL_TIME_ZONE);
    this.loaded.hidden = false;
    this.clear.hidden = false;
  }

  private reset(): void {
    this.player.unload();
    this.loaded.hidden = true;
    this.clear.hidden = true;
    this.status.clear();
    this.context.map.showReplay(null, false);
  }
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

function byName(a: VehicleDto, b: VehicleDto): number {
  return collator.compare(a.name, b.name);
}

function field(label: string, input: HTMLElement): HTMLElement {
  return h("label", { class: "field" }, h("span", { class: "field-label" }, label), input);
}
