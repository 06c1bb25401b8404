import { describe, expect, it, vi } from "vitest";
import { ApiError } from "../api/api-error";
import type { Directions } from "./api/driver-api";
import { DirectionsFinder } from "./directions-finder";
import { stopOf } from "./route/stop.fixture";

const directions: Directions = {
  distanceM: 1200,
  durationS: 180,
  geometry: { type: "LineString", coordinates: [] },
  steps: [{ type: "arrive", instruction: "You have arrived", distanceM: 0 }],
};
const here = { fixAt: 1, lat: 43.73, lng: 7.42 };
const stops = [stopOf("a", "completed"), stopOf("b", "assigned")];
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe(DirectionsFinder.name, () => {
  it("asks once per next stop from the phone's position, not on every fix", async () => {
    const fetch = vi.fn(async () => directions);
    const finder = new DirectionsFinder(fetch, () => undefined);
    expect(finder.find(stops, stops[1]!, here, true)).toEqual({ kind: "loading" });
    await flush();
    expect(finder.find(stops, stops[1]!, { ...here, lat: 43.74 }, true)).toEqual({
      kind: "ready",
      directions,
      from: "position",
    });
    expect(fetch).toHaveBeenCalledExactlyOnceWith([7.42, 43.73], [7.4276, 43.7394]);
  });

  it("starts from the previous stop while the phone has no position", () => {
    const fetch = vi.fn(async () => directions);
    new DirectionsFinder(fetch, () => undefined).find(stops, stops[1]!, null, true);
    expect(fetch).toHaveBeenCalledOnce();
    expect(new DirectionsFinder(fetch, () => undefined).find(stops, stops[0]!, null, true)).toMatchObject({
      kind: "unavailable",
    });
  });

  it("waits for the network, and asks again once it is back after a request got no answer", async () => {
    const fetch = vi
      .fn()
      .mockRejectedValueOnce(new ApiError(0, null, "offline"))
      .mockResolvedValue(directions);
    const finder = new DirectionsFinder(fetch, () => undefined);
    expect(finder.find(stops, stops[1]!, here, false)).toMatchObject({ kind: "unavailable" });
    expect(fetch).not.toHaveBeenCalled();
    finder.find(stops, stops[1]!, here, true);
    await flush();
    expect(finder.find(stops, stops[1]!, here, false)).toMatchObject({ kind: "unavailable" });
    finder.find(stops, stops[1]!, here, true);
    await flush();
    expect(finder.find(stops, stops[1]!, here, true)).toMatchObject({ kind: "ready" });
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it("does not ask again after a refusal until the next stop changes", async () => {
    const fetch = vi.fn(async () => {
      throw new ApiError(422, null, "No road near the stop.");
    });
    const finder = new DirectionsFinder(fetch, () => undefined);
    finder.find(stops, stops[1]!, here, true);
    await flush();
    expect(finder.find(stops, stops[1]!, here, true)).toEqual({
      kind: "unavailable",
      message: "No directions: No road near the stop.",
    });
    expect(fetch).toHaveBeenCalledOnce();
  });
});
