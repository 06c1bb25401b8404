import type { OrderStatus } from "@waybill/shared";
import type { OrderDto } from "../../../api/types";
import { buildOrderQuery, NO_ORDER_FILTERS, type OrderFilters } from "../../../state/order-query";
import { h } from "../../dom";
import type { ConsoleContext, ConsolePanel } from "../console-context";
import { describeError, PanelStatus } from "../panel-status";
import { ORDER_STATUS_META } from "./order-format";
import { renderOrderRow } from "./order-row";

/** Wait after the last keystroke before searching, ms. */
const SEARCH_DEBOUNCE_MS = 250;
/** The channels every installation knows (the server's KNOWN_CHANNELS; its module would bundle zod). */
const CHANNELS = ["web", "marketplace", "phone", "store", "api"] as const;

/**
 * Orders: a search box, status and channel filters and a paged list (50 at a time, "Load more").
 * A newer query supersedes an answer still on its way. Clicking an order opens its detail.
 */
export class OrdersPanel implements ConsolePanel {
  readonly element: HTMLElement;
  private readonly list = h("ul", { class: "order-list", "aria-label": "Orders" });
  private readonly more = h(
    "button",
    { class: "btn btn-secondary btn-block", type: "button", hidden: true },
    "Load more",
  );
  private readonly status = new PanelStatus();
  private filters: OrderFilters = NO_ORDER_FILTERS;
  private cursor: string | null = null;
  private generation = 0;
  private debounce: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly context: ConsoleContext) {
    this.element = h(
      "div",
      { class: "panel-body" },
      this.renderFilters(),
      this.status.element,
      h("div", { class: "panel-scroll" }, this.list, this.more),
    );
    this.list.addEventListener("click", (event) => {
      const row = (event.target as Element).closest<HTMLElement>("[data-order-id]");
      if (row?.dataset.orderId) context.openOrder(row.dataset.orderId);
    });
    this.more.addEventListener("click", () => void this.load(false));
  }

  show(): void {
    // Orders change behind the panel's back (plans applied, drivers delivering): reload on every visit.
    void this.load(true);
  }

  /** Reloads the first page (an order changed). */
  reload(): void {
    void this.load(true);
  }

  destroy(): void {
    clearTimeout(this.debounce);
    this.generation++;
  }

  private renderFilters(): HTMLElement {
    const search = h("input", {
      class: "input",
      type: "search",
      placeholder: "Search reference, customer or email",
      "aria-label": "Search orders",
    });
    const statuses = Object.entries(ORDER_STATUS_META).map(([value, meta]): Option => [value, meta.label]);
    const status = select("Filter by status", [["", "All statuses"], ...statuses]);
    const channels = CHANNELS.map((name): Option => [name, name]);
    const channel = select("Filter by channel", [["", "All channels"], ...channels]);
    const apply = (): void => {
      this.filters = {
        text: search.value,
        statuses: status.value === "" ? [] : [status.value as OrderStatus],
        channel: channel.value,
      };
      void this.load(true);
    };
    search.addEventListener("input", () => {
      clearTimeout(this.debounce);
      this.debounce = setTimeout(apply, SEARCH_DEBOUNCE_MS);
    });
    status.addEventListener("change", apply);
    channel.addEventListener("change", apply);
    return h("div", { class: "panel-filters" }, search, h("div", { class: "filter-row" }, status, channel));
  }

  private async load(fromStart: boolean): Promise<void> {
    const generation = ++this.generation;
    if (fromStart) this.cursor = null;
    this.more.disabled = true;
    if (fromStart) this.status.loading("Loading orders…");
    try {
      const page = await this.context.api.listOrders(buildOrderQuery(this.filters, this.cursor));
      if (generation !== this.generation) return;
      this.showPage(page.items, fromStart, page.nextCursor);
    } catch (error) {
      if (generation !== this.generation) return;
      this.status.error(`Could not load orders. ${describeError(error)}`, () => void this.load(fromStart));
    } finally {
      this.more.disabled = false;
    }
  }

  private showPage(items: readonly OrderDto[], fromStart: boolean, nextCursor: string | null): void {
    const rows = items.map(renderOrderRow);
    if (fromStart) this.list.replaceChildren(...rows);
    else this.list.append(...rows);
    this.cursor = nextCursor;
    this.more.hidden = nextCursor === null;
    if (this.list.childElementCount > 0) this.status.clear();
    else this.status.empty(this.isFiltered() ? "No order matches these filters." : "No orders yet.");
  }

  private isFiltered(): boolean {
    const { text, statuses, channel } = this.filters;
    return text.trim() !== "" || statuses.length > 0 || channel !== "";
  }
}

/** A select option: value and label. */
type Option = readonly [value: string, label: string];

function select(label: string, options: readonly Option[]): HTMLSelectElement {
  return h(
    "select",
    { class: "input", "aria-label": label },
    ...options.map(([value, text]) => h("option", { value }, text)),
  );
}
