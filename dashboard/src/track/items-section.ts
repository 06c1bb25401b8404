import type { TrackingViewDto } from "@waybill/shared";
import { h } from "../app/dom";

/** What the parcel holds: each item with its quantity. Rebuilt only when the items change. */
export class ItemsSection {
  readonly element = h("section", { class: "card items-card", "aria-labelledby": "items-heading" });
  private shown: string | null = null;

  update(view: TrackingViewDto): void {
    const key = JSON.stringify(view.items);
    if (key === this.shown) return;
    this.shown = key;
    this.element.hidden = view.items.length === 0;
    this.element.replaceChildren(
      h("h2", { id: "items-heading" }, "In your delivery"),
      h(
        "ul",
        { class: "items" },
        ...view.items.map((item) =>
          h(
            "li",
            { class: "item" },
            h("span", { class: "item-quantity" }, `${item.quantity} ×`),
            h("span", { class: "item-name" }, item.description),
          ),
        ),
      ),
    );
  }
}
