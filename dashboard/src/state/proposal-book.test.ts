import { describe, expect, it } from "vitest";
import { proposal } from "./proposal.fixture";
import { ProposalBook } from "./proposal-book";

describe(ProposalBook.name, () => {
  it("lists proposals newest first, live ones merged into the snapshot", () => {
    const book = new ProposalBook();
    book.reset([proposal("a", "2026-11-23T08:00:00Z"), proposal("b", "2026-11-23T09:00:00Z")]);
    expect(book.apply(proposal("c", "2026-11-23T08:30:00Z"))).toBe(true);
    expect(book.list().map((p) => p.id)).toEqual(["b", "c", "a"]);
  });

  it("ignores a proposal it already holds in the same state", () => {
    const book = new ProposalBook();
    book.reset([proposal("a", "2026-11-23T08:00:00Z")]);
    expect(book.apply(proposal("a", "2026-11-23T08:00:00Z"))).toBe(false);
    expect(book.list()).toHaveLength(1);
  });

  it("takes a decision, and never lets a late `proposed` copy undo it", () => {
    const book = new ProposalBook();
    book.reset([proposal("a", "2026-11-23T08:00:00Z")]);
    const decided = proposal("a", "2026-11-23T08:00:00Z", {
      status: "approved",
      decidedAt: "2026-11-23T08:05:00Z",
    });
    expect(book.apply(decided)).toBe(true);
    expect(book.apply(proposal("a", "2026-11-23T08:00:00Z"))).toBe(false);
    book.reset([proposal("a", "2026-11-23T08:00:00Z")]);
    expect(book.get("a")?.status).toBe("approved");
  });

  it("counts the proposals awaiting a decision", () => {
    const book = new ProposalBook();
    book.reset([
      proposal("a", "2026-11-23T08:00:00Z"),
      proposal("b", "2026-11-23T08:01:00Z", { status: "not_needed" }),
      proposal("c", "2026-11-23T08:02:00Z"),
    ]);
    expect(book.pendingCount()).toBe(2);
    book.apply(proposal("c", "2026-11-23T08:02:00Z", { status: "rejected" }));
    expect(book.pendingCount()).toBe(1);
  });

  it("marks a proposal superseded and ignores one it does not know", () => {
    const book = new ProposalBook();
    book.reset([proposal("a", "2026-11-23T08:00:00Z")]);
    expect(book.markSuperseded("a")?.status).toBe("superseded");
    expect(book.pendingCount()).toBe(0);
    expect(book.markSuperseded("zz")).toBeNull();
  });
});
