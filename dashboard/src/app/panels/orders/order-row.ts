import type { OrderDto } from "../../../api/types";
import { h } from "../../dom";
import { arrivalText, ORDER_STATUS_META } from "./order-format";

/** A status chip: the label in the colour family of its tone. */
export function renderChip(label: string, tone: string): HTMLElement {
  return h("span", { class: "chip", "data-tone": tone }, label);
}

/** The reference a person knows an order by: the shop's reference, else our id. */
export function orderReference(order: Pick<OrderDto, "externalRef" | "id">): string {
  return order.externalRef ?? order.id;
}

/** One order in the list: a button with reference, customer, status chip and arrival. */
export function renderOrderRow(order: OrderDto): HTMLElement {
  const meta = ORDER_STATUS_META[order.status];
  return h(
    "li",
    {},
    h(
      "button",
      { class: "order-row", type: "button", "data-order-id": order.id },
      h(
        "span",
        { class: "order-row-main" },
        h("span", { class: "order-ref" }, orderReference(order)),
        h("span", { class: "order-customer" }, order.customer.name),
      ),
      h(
        "span",
        { class: "order-row-side" },
        renderChip(meta.label, meta.tone),
        h("span", { class: "order-arrival" }, arrivalText(order)),
      ),
    ),
  );
}
