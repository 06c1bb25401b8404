import type { AlertDto } from "@waybill/shared";
import { describe, expect, it } from "vitest";
import { AlertBook } from "./alert-book";

const alert = (id: string, raisedAt: string, changes: Partial<AlertDto> = {}): AlertDto => ({
  id,
  kind: "incident",
  vehicleId: "veh_1",
  orderId: null,
  stopId: null,
  detail: "flat tyre",
  raisedAt,
  clearedAt: null,
  acknowledgedAt: null,
  ...changes,
});

describe(AlertBook.name, () => {
  it("lists open alerts newest first", () => {
    const book = new AlertBook();
    book.reset([alert("a", "2026-11-23T08:00:00Z"), alert("b", "2026-11-23T09:00:00Z")]);
    book.apply(alert("c", "2026-11-23T08:30:00Z"));
    expect(book.list().map((a) => a.id)).toEqual(["b", "c", "a"]);
  });

  it("drops an alert once it is cleared and ignores a clear it never saw", () => {
    const book = new AlertBook();
    book.reset([alert("a", "2026-11-23T08:00:00Z")]);
    expect(book.apply(alert("a", "2026-11-23T08:00:00Z", { clearedAt: "2026-11-23T08:05:00Z" }))).toBe(true);
    expect(book.apply(alert("z", "2026-11-23T08:00:00Z", { clearedAt: "2026-11-23T08:05:00Z" }))).toBe(false);
    expect(book.list()).toEqual([]);
  });

  it("counts only unacknowledged alerts for the badge", () => {
    const book = new AlertBook();
    book.reset([alert("a", "2026-11-23T08:00:00Z"), alert("b", "2026-11-23T09:00:00Z")]);
    book.apply(alert("a", "2026-11-23T08:00:00Z", { acknowledgedAt: "2026-11-23T09:10:00Z" }));
    expect(book.unacknowledgedCount()).toBe(1);
  });

  it("keeps an acknowledgement when a stale copy of the alert arrives later", () => {
    const book = new AlertBook();
    book.apply(alert("a", "2026-11-23T08:00:00Z", { acknowledgedAt: "2026-11-23T09:10:00Z" }));
    expect(book.apply(alert("a", "2026-11-23T08:00:00Z"))).toBe(false);
    expect(book.unacknowledgedCount()).toBe(0);
  });
});
