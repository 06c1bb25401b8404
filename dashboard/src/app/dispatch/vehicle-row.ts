import type { FleetTable } from "../../state/fleet-table";
import { STATUS_META, VehicleStatus } from "../../state/vehicle-status";
import { h, setText } from "../dom";
import { formatFixAge, formatSpeed } from "./vehicle-format";

/** One pooled list row; re-pointed at a different vehicle as the list scrolls. */
export interface VehicleRowView {
  readonly element: HTMLButtonElement;
  readonly dot: HTMLElement;
  readonly name: HTMLElement;
  readonly plate: HTMLElement;
  readonly speed: HTMLElement;
  readonly age: HTMLElement;
}

/** Builds an empty row. */
export function createVehicleRowView(): VehicleRowView {
  const dot = h("span", { class: "status-dot", "aria-hidden": "true" });
  const name = h("span", { class: "vehicle-name" });
  const plate = h("span", { class: "vehicle-plate" });
  const speed = h("span", { class: "vehicle-speed" });
  const age = h("span", { class: "vehicle-age" });
  const element = h(
    "button",
    { class: "vehicle-row", type: "button" },
    dot,
    h("span", { class: "vehicle-ident" }, name, plate),
    h("span", { class: "vehicle-metrics" }, speed, age),
  );
  return { element, dot, name, plate, speed, age };
}

/** Shows `row` of the table in the view, writing only what changed. */
export function updateVehicleRowView(
  view: VehicleRowView,
  table: FleetTable,
  row: number,
  nowMs: number,
  selectedId: string | null,
): void {
  const id = table.ids[row]!;
  const meta = STATUS_META[table.status[row]!]!;
  if (view.element.dataset.vehicleId !== id) view.element.dataset.vehicleId = id;
  view.element.classList.toggle("is-selected", id === selectedId);
  view.dot.style.backgroundColor = meta.color;
  view.dot.title = `${meta.label}: ${meta.hint}`;
  setText(view.name, table.names[row]!);
  const driver = table.drivers[row]?.name;
  const plate = table.plates[row];
  setText(view.plate, [plate, driver].filter(Boolean).join(" · ") || meta.label);
  // A stale or missing fix has no current speed; showing hours-old speed would mislead.
  const status = table.status[row];
  const isFresh = status === VehicleStatus.Moving || status === VehicleStatus.Stopped;
  setText(view.speed, isFresh ? formatSpeed(table.col.speedKmh[row]!) : "");
  setText(view.age, formatFixAge(table.col.fixAt[row]!, nowMs));
}
