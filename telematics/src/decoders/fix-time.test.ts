import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeBadFixAt, EARLIEST_FIX_AT, parseIsoInstant } from "./fix-time";

describe(parseIsoInstant.name, () => {
  it("reads back any instant written by toISOString", () => {
    const instant = fc.integer({ min: -62_135_596_800_000, max: 253_402_300_799_999 });
    fc.assert(
      fc.property(instant, (at) => {
        expect(parseIsoInstant(new Date(at).toISOString())).toBe(at);
      }),
    );
  });

  it("applies the offset: the same instant in three zones", () => {
    const expected = Date.UTC(2024, 5, 3, 12, 12, 41);
    for (const text of ["2024-06-03T12:12:41Z", "2024-06-03T14:12:41+02:00", "2024-06-02T23:42:41-12:30"]) {
      expect(parseIsoInstant(text)).toBe(expected);
    }
  });

  it("reads years below 100 as themselves, not as 19xx", () => {
    expect(parseIsoInstant("0024-01-01T00:00:00Z")).toBe(new Date("0024-01-01T00:00:00Z").getTime());
  });

  it("refuses local times, impossible dates and times, and other formats", () => {
    const refused = [
      "2024-06-03T12:12:41",
      "2024-02-30T00:00:00Z",
      "2023-02-29T00:00:00Z",
      "2024-06-03T24:00:00Z",
      "2024-06-03T12:60:00Z",
      "2024-06-03T12:00:00+24:00",
      "2024-06-03",
      "Mon, 03 Jun 2024 12:12:41 GMT",
      "1717416761",
    ];
    for (const text of refused) expect(parseIsoInstant(text), text).toBeNull();
    expect(parseIsoInstant("2024-02-29T00:00:00Z")).toBe(Date.UTC(2024, 1, 29));
  });
});

describe(describeBadFixAt.name, () => {
  it("accepts 2000-01-01 and later, refuses earlier and unrepresentable times", () => {
    expect(describeBadFixAt(EARLIEST_FIX_AT)).toBeNull();
    expect(describeBadFixAt(EARLIEST_FIX_AT - 1)).toBe("1999-12-31T23:59:59.999Z is before 2000-01-01");
    expect(describeBadFixAt(Number.NaN)).toBe("is not a representable time");
    expect(describeBadFixAt(9e15)).toBe("is not a representable time");
  });
});
