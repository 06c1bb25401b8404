import type { Place, StreetsCollection, TrackingViewDto } from "@waybill/shared";
import { h, setText } from "../app/dom";
import type { DestinationMap } from "./destination-map";

/**
 * Where the parcel goes: the address, and a small map with a pin. maplibre is loaded on first
 * use, after the status is on screen, so the page reads at once on a slow phone; without WebGL
 * the address stands alone.
 */
export class DestinationSection {
  readonly element: HTMLElement;
  private readonly address = h("p", { class: "address" });
  private readonly frame = h("div", {
    class: "map-frame",
    role: "img",
    "aria-label": "Map of the delivery address",
  });
  private map: DestinationMap | null = null;
  private place: Place | null = null;

  /** `loadStreets` gives the streets around the address (or null), drawn under the pin. */
  constructor(private readonly loadStreets: () => Promise<StreetsCollection | null>) {
    this.element = h(
      "section",
      { class: "card destination-card", "aria-labelledby": "destination-heading" },
      h("h2", { id: "destination-heading" }, "Delivery address"),
      this.frame,
      this.address,
    );
  }

  update(view: TrackingViewDto): void {
    setText(this.address, view.destination.address);
    const previous = this.place;
    this.place = view.destination;
    if (previous === null) void this.loadMap();
    else if (previous.lat !== this.place.lat || previous.lng !== this.place.lng) this.map?.show(this.place);
  }

  /** Loads maplibre and draws the latest place (it may have changed while loading). */
  private async loadMap(): Promise<void> {
    try {
      const { DestinationMap } = await import("./destination-map");
      if (!this.place) return;
      const map = new DestinationMap(this.frame, this.place);
      this.map = map;
      const streets = await this.loadStreets();
      if (streets) map.showStreets(streets);
    } catch (error) {
      // No WebGL, or the map chunk failed to load: the address beneath says it all.
      console.warn("Waybill: the map cannot be shown", error);
      this.frame.hidden = true;
    }
  }
}
