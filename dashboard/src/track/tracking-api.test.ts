import { afterEach, describe, expect, it, vi } from "vitest";
import { failureOf, fetchTrackingView, sendFeedback, tokenFromPath } from "./tracking-api";

const TOKEN = "trk_0a1b2c.AbC-dEf_123456789012345";

describe(tokenFromPath.name, () => {
  it("reads the token of a tracking path", () => {
    expect(tokenFromPath(`/track/${TOKEN}`)).toBe(TOKEN);
    expect(tokenFromPath(`/track/${TOKEN}/`)).toBe(TOKEN);
  });

  it("finds no token in other paths", () => {
    expect(tokenFromPath("/track/")).toBeNull();
    expect(tokenFromPath(`/track/${TOKEN}/proof-files/1`)).toBeNull();
    expect(tokenFromPath("/track/%3Cscript%3E")).toBeNull();
    expect(tokenFromPath("/orders/1")).toBeNull();
  });
});

describe(failureOf.name, () => {
  it("tells an unknown link from an expired one and from a server problem", () => {
    expect([404, 410, 500, 503, 429].map(failureOf)).toEqual([
      "invalid",
      "expired",
      "unavailable",
      "unavailable",
      "unavailable",
    ]);
  });
});

describe(fetchTrackingView.name, () => {
  afterEach(() => vi.unstubAllGlobals());

  it("asks without cookies, referrer or cache", async () => {
    const fetch = vi.fn(async () => Response.json({ reference: "SO-1" }));
    vi.stubGlobal("fetch", fetch);
    expect(await fetchTrackingView(TOKEN)).toEqual({ kind: "ok", view: { reference: "SO-1" } });
    expect(fetch).toHaveBeenCalledWith(
      `/api/v1/track/${TOKEN}`,
      expect.objectContaining({ credentials: "omit", referrerPolicy: "no-referrer", cache: "no-store" }),
    );
  });

  it("reports a dead link and a network failure instead of rejecting", async () => {
    vi.stubGlobal("fetch", async () => new Response(null, { status: 410 }));
    expect(await fetchTrackingView(TOKEN)).toEqual({ kind: "expired" });
    vi.stubGlobal("fetch", async () => {
      throw new TypeError("Failed to fetch");
    });
    expect(await fetchTrackingView(TOKEN)).toEqual({ kind: "unavailable" });
  });
});

describe(sendFeedback.name, () => {
  afterEach(() => vi.unstubAllGlobals());

  it("posts the rating and comment as JSON", async () => {
    const fetch = vi.fn(async () => new Response("{}", { status: 201 }));
    vi.stubGlobal("fetch", fetch);
    expect(await sendFeedback(TOKEN, { rating: 4, comment: "Friendly driver" })).toBe("sent");
    expect(fetch).toHaveBeenCalledWith(
      `/api/v1/track/${TOKEN}/feedback`,
      expect.objectContaining({ method: "POST", body: '{"rating":4,"comment":"Friendly driver"}' }),
    );
  });

  it("says when feedback is no longer open, the link is dead, or the request failed", async () => {
    for (const [status, result] of [
      [409, "closed"],
      [410, "expired"],
      [404, "invalid"],
      [422, "failed"],
      [500, "failed"],
    ] as const) {
      vi.stubGlobal("fetch", async () => new Response(null, { status }));
      expect(await sendFeedback(TOKEN, { rating: 5 })).toBe(result);
    }
  });
});
