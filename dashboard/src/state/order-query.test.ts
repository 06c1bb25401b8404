import { describe, expect, it } from "vitest";
import { buildOrderQuery, NO_ORDER_FILTERS, ORDERS_PAGE_SIZE } from "./order-query";

describe(buildOrderQuery.name, () => {
  it("asks for one page of everything when nothing is filtered", () => {
    expect(buildOrderQuery(NO_ORDER_FILTERS, null)).toBe(`limit=${ORDERS_PAGE_SIZE}`);
  });

  it("trims the search text and joins the statuses with commas", () => {
    const query = new URLSearchParams(
      buildOrderQuery({ text: "  Ada Lovelace ", statuses: ["ready", "planned"], channel: "web" }, null),
    );
    expect(query.get("q")).toBe("Ada Lovelace");
    expect(query.get("status")).toBe("ready,planned");
    expect(query.get("channel")).toBe("web");
  });

  it("leaves out blank text, which the server would reject", () => {
    expect(new URLSearchParams(buildOrderQuery({ ...NO_ORDER_FILTERS, text: "   " }, null)).has("q")).toBe(
      false,
    );
  });

  it("carries the cursor of the next page", () => {
    expect(new URLSearchParams(buildOrderQuery(NO_ORDER_FILTERS, "abc=")).get("cursor")).toBe("abc=");
  });
});
