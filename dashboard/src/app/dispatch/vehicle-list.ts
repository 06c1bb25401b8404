import type { FleetTable } from "../../state/fleet-table";
import { h } from "../dom";
import { createVehicleRowView, updateVehicleRowView, type VehicleRowView } from "./vehicle-row";

/** Height of one row, px; must match `.vehicle-row` in vehicle-list.css. */
const ROW_HEIGHT_PX = 56;
/** Rows rendered beyond the viewport so fast scrolling shows no gaps. */
const OVERSCAN_ROWS = 4;

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

/**
 * The side list of vehicles, virtualised: only the rows in view exist in the DOM (a pool of about
 * 20 buttons), so 2,000 vehicles cost what 20 do. Sorted by name, filtered by name or plate.
 */
export class VehicleList {
  readonly element: HTMLElement;
  private readonly spacer = h("div", { class: "vehicle-list-spacer" });
  private readonly empty = h("p", { class: "vehicle-list-empty" });
  private readonly pool: VehicleRowView[] = [];
  private order: number[] = [];
  private orderVersion = -1;
  private filter = "";
  private hiddenStatuses: ReadonlySet<number> = new Set();
  private keptIds: ReadonlySet<string> | null = null;
  private selectedId: string | null = null;

  constructor(
    private readonly table: FleetTable,
    onPick: (vehicleId: string) => void,
  ) {
    // A group of buttons, not a list: a list's items must be listitems, and the pooled rows are buttons.
    this.element = h("div", { class: "vehicle-list", role: "group", "aria-label": "Vehicles" }, this.spacer);
    this.element.addEventListener("scroll", () => this.renderWindow(Date.now()), { passive: true });
    this.element.addEventListener("click", (event) => {
      const row = (event.target as Element).closest<HTMLElement>("[data-vehicle-id]");
      if (row?.dataset.vehicleId) onPick(row.dataset.vehicleId);
    });
  }

  /** The "no vehicles" message; place it next to {@link element}. */
  get emptyMessage(): HTMLElement {
    return this.empty;
  }

  /** Shows only vehicles whose name or plate contains `text` (case-insensitive). */
  setFilter(text: string): void {
    this.filter = text.trim().toLowerCase();
    this.orderVersion = -1;
    this.element.scrollTop = 0;
    this.refresh();
  }

  /** Leaves out vehicles of these statuses (statuses change with time: re-checked at every refresh). */
  setHiddenStatuses(statuses: ReadonlySet<number>): void {
    this.hiddenStatuses = new Set(statuses);
    this.orderVersion = -1;
    this.refresh();
  }

  /** Lists only these vehicles (the driver and channel filter); null lists all. */
  setKeptIds(vehicleIds: ReadonlySet<string> | null): void {
    this.keptIds = vehicleIds;
    this.orderVersion = -1;
    this.refresh();
  }

  /** Marks a vehicle as selected and scrolls it into view. */
  select(vehicleId: string | null): void {
    this.selectedId = vehicleId;
    const index = vehicleId === null ? -1 : this.order.indexOf(this.table.rowOf(vehicleId));
    if (index >= 0) this.revealIndex(index);
    this.refresh();
  }

  /** Re-sorts if vehicles were added or removed, then redraws the rows in view. Call about once a second. */
  refresh(nowMs: number = Date.now()): void {
    if (this.orderVersion !== this.table.rowsVersion || this.hiddenStatuses.size > 0) this.rebuildOrder();
    this.renderWindow(nowMs);
  }

  private rebuildOrder(): void {
    const { table, filter, keptIds } = this;
    const rows: number[] = [];
    for (let row = 0; row < table.count; row++) {
      if (this.hiddenStatuses.has(table.status[row]!)) continue;
      if (keptIds !== null && !keptIds.has(table.ids[row]!)) continue;
      const text = `${table.names[row]} ${table.plates[row] ?? ""}`.toLowerCase();
      if (filter === "" || text.includes(filter)) rows.push(row);
    }
    rows.sort((a, b) => collator.compare(table.names[a]!, table.names[b]!));
    this.order = rows;
    this.orderVersion = table.rowsVersion;
    this.spacer.style.height = `${rows.length * ROW_HEIGHT_PX}px`;
    this.empty.textContent =
      table.count === 0 ? "No vehicles in this organisation yet." : "No vehicle matches.";
    this.empty.hidden = rows.length > 0;
  }

  private renderWindow(nowMs: number): void {
    const first = Math.max(0, Math.floor(this.element.scrollTop / ROW_HEIGHT_PX) - OVERSCAN_ROWS);
    const visible = Math.ceil(this.element.clientHeight / ROW_HEIGHT_PX) + 2 * OVERSCAN_ROWS;
    while (this.pool.length < visible) {
      const view = createVehicleRowView();
      this.pool.push(view);
      this.spacer.append(view.element);
    }
    for (let slot = 0; slot < this.pool.length; slot++) {
      const view = this.pool[slot]!;
      const index = first + slot;
      const row = this.order[index];
      view.element.hidden = row === undefined;
      if (row === undefined) continue;
      view.element.style.transform = `translateY(${index * ROW_HEIGHT_PX}px)`;
      updateVehicleRowView(view, this.table, row, nowMs, this.selectedId);
    }
  }

  private revealIndex(index: number): void {
    const top = index * ROW_HEIGHT_PX;
    const { scrollTop, clientHeight } = this.element;
    if (top < scrollTop || top + ROW_HEIGHT_PX > scrollTop + clientHeight) {
      this.element.scrollTop = top - clientHeight / 2 + ROW_HEIGHT_PX / 2;
    }
  }
}
