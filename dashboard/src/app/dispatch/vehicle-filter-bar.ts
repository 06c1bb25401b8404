import { ANY_VEHICLE, type FilterChoice, NO_DRIVER, type VehicleFilter } from "../../state/vehicle-filter";
import { h } from "../dom";

/** The value of a menu's "any" choice. */
const ANY = "";

/**
 * The driver and channel menus over the vehicle list: they narrow the map and the list to one
 * driver's vehicle (or the vehicles nobody drives) and to the vehicles serving a sales channel
 * today. The menus' choices come from live data and are refreshed as it changes; a chosen value
 * that is gone (the shift ended) stays listed so the filter never changes under the dispatcher.
 */
export class VehicleFilterBar {
  readonly element: HTMLElement;
  private readonly driver = h("select", { class: "input", id: "vehicle-driver-filter" });
  private readonly channel = h("select", { class: "input", id: "vehicle-channel-filter" });
  private readonly known = new Map<HTMLSelectElement, Map<string, string>>();

  constructor(private readonly onChange: (filter: VehicleFilter) => void) {
    this.element = h(
      "div",
      { class: "filter-row vehicle-filter-row" },
      field("Driver", this.driver),
      field("Channel", this.channel),
    );
    this.setDrivers([]);
    this.setChannels([]);
    for (const menu of [this.driver, this.channel])
      menu.addEventListener("change", () => this.onChange(this.current()));
  }

  /** The filter the menus show. */
  current(): VehicleFilter {
    return {
      driver: this.driver.value === ANY ? ANY_VEHICLE.driver : this.driver.value,
      channel: this.channel.value === ANY ? ANY_VEHICLE.channel : this.channel.value,
    };
  }

  /** The drivers on shift now. */
  setDrivers(drivers: readonly FilterChoice[]): void {
    this.fill(this.driver, [
      { value: ANY, label: "All drivers" },
      { value: NO_DRIVER, label: "No driver on shift" },
      ...drivers,
    ]);
  }

  /** The channels of today's route stops. */
  setChannels(channels: readonly FilterChoice[]): void {
    this.fill(this.channel, [{ value: ANY, label: "All channels" }, ...channels]);
  }

  /** Replaces a menu's choices when they changed, keeping the chosen one. */
  private fill(menu: HTMLSelectElement, choices: readonly FilterChoice[]): void {
    const chosen = menu.value;
    const previous = this.known.get(menu);
    const next = new Map(choices.map((choice) => [choice.value, choice.label]));
    if (!next.has(chosen) && previous?.has(chosen)) next.set(chosen, previous.get(chosen)!);
    if (previous && sameEntries(previous, next)) return;
    menu.replaceChildren(...[...next].map(([value, label]) => h("option", { value }, label)));
    menu.value = next.has(chosen) ? chosen : ANY;
    this.known.set(menu, next);
  }
}

function field(label: string, control: HTMLSelectElement): HTMLElement {
  return h("label", { class: "field", for: control.id }, h("span", { class: "field-label" }, label), control);
}

function sameEntries(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  return a.size === b.size && [...a].every(([key, value]) => b.get(key) === value);
}
