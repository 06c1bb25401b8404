import { describe, expect, it } from "vitest";
import { type ClosureDraft, MAX_CLOSURE_POINTS, toClosureRequest } from "./closure-draft";

const NOW = Date.parse("2026-03-02T08:00:00Z");
const draft = (overrides: Partial<ClosureDraft> = {}): ClosureDraft => ({
  reason: "  Water main repair ",
  effect: "closed",
  speedPercent: 50,
  until: "",
  line: [
    [7.42, 43.73],
    [7.421, 43.731],
  ],
  ...overrides,
});

describe(toClosureRequest.name, () => {
  it("builds a closure with the trimmed reason and no speed factor or end", () => {
    expect(toClosureRequest(draft(), NOW)).toEqual({
      body: {
        geometry: {
          type: "LineString",
          coordinates: [
            [7.42, 43.73],
            [7.421, 43.731],
          ],
        },
        reason: "Water main repair",
      },
    });
  });

  it("turns a slowdown's percent into the speed factor and sends the end as an instant", () => {
    const until = new Date(NOW + 3_600_000);
    const local = `${until.getFullYear()}-${pad(until.getMonth() + 1)}-${pad(until.getDate())}T${pad(until.getHours())}:${pad(until.getMinutes())}`;
    const request = toClosureRequest(draft({ effect: "slowed", speedPercent: 40, until: local }), NOW);
    expect(request).toMatchObject({ body: { speedFactor: 0.4, endsAt: until.toISOString() } });
  });

  it("reports every problem at once", () => {
    const request = toClosureRequest(
      draft({
        reason: " ",
        line: [[7.42, 43.73]],
        effect: "slowed",
        speedPercent: 2,
        until: "2000-01-01T10:00",
      }),
      NOW,
    );
    expect(request).toEqual({
      problems: [
        "Say why the road is closed.",
        "Draw the closure: click at least two points along the road.",
        "The speed left must be 5-100 %.",
        "The end must be in the future.",
      ],
    });
  });

  it("refuses a line longer than the server takes", () => {
    const line = Array.from({ length: MAX_CLOSURE_POINTS + 1 }, (_, i): [number, number] => [
      7.42 + i * 1e-4,
      43.73,
    ]);
    expect(toClosureRequest(draft({ line }), NOW)).toEqual({
      problems: [
        `The line has ${MAX_CLOSURE_POINTS + 1} points; at most ${MAX_CLOSURE_POINTS}: close a shorter stretch.`,
      ],
    });
  });
});

function pad(value: number): string {
  return String(value).padStart(2, "0");
}
