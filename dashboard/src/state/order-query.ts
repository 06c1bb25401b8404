import type { OrderStatus } from "@waybill/shared";

/** What the dispatcher filters the order list by; empty values filter nothing. */
export interface OrderFilters {
  /** Free text the server matches against the reference and the customer's name and email. */
  readonly text: string;
  readonly statuses: readonly OrderStatus[];
  /** A channel slug, or "" for every channel. */
  readonly channel: string;
}

/** Orders fetched per page. */
export const ORDERS_PAGE_SIZE = 50;

/** Filters that show every order. */
export const NO_ORDER_FILTERS: OrderFilters = { text: "", statuses: [], channel: "" };

/**
 * The query string of `GET /api/v1/orders` for the filters and a page cursor (null: first page),
 * without the leading `?`. Blank text and empty lists are left out, as the server rejects them.
 *
 * @example
 * buildOrderQuery({ text: " Ada ", statuses: ["ready", "planned"], channel: "" }, null);
 * // "q=Ada&status=ready%2Cplanned&limit=50"
 */
export function buildOrderQuery(filters: OrderFilters, cursor: string | null): string {
  const params = new URLSearchParams();
  const text = filters.text.trim();
  if (text !== "") params.set("q", text.slice(0, 100));
  if (filters.statuses.length > 0) params.set("status", filters.statuses.join(","));
  if (filters.channel !== "") params.set("channel", filters.channel);
  params.set("limit", String(ORDERS_PAGE_SIZE));
  if (cursor !== null) params.set("cursor", cursor);
  return params.toString();
}
