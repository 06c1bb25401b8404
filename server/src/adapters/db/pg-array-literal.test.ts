import { describe, expect, it } from "vitest";
import {
  booleanArrayLiteral,
  numberArrayLiteral,
  realArrayLiteral,
  textArrayLiteral,
} from "./pg-array-literal";

describe("PostgreSQL array literals", () => {
  it("writes numbers in JavaScript's shortest round-trip form, null and undefined as NULL", () => {
    expect(numberArrayLiteral([1, -2.5, 1e-7, 1_700_000_000_000.5, null, undefined])).toBe(
      "{1,-2.5,1e-7,1700000000000.5,NULL,NULL}",
    );
    expect(numberArrayLiteral([])).toBe("{}");
  });

  it("refuses a number PostgreSQL would store as NaN or infinity, naming the element", () => {
    expect(() => numberArrayLiteral([1, Number.NaN])).toThrow("array element 1: NaN is not a finite number");
    expect(() => numberArrayLiteral([Number.POSITIVE_INFINITY])).toThrow("array element 0");
  });

  it("rounds numbers for a real column to its precision: a value too small for it becomes 0", () => {
    expect(realArrayLiteral([1e-300, 0.1, null, -1e-50])).toBe(`{0,${Math.fround(0.1)},NULL,0}`);
  });

  it("writes booleans as t and f", () => {
    expect(booleanArrayLiteral([true, false, null])).toBe("{t,f,NULL}");
  });

  it("quotes every string and escapes only quotes and backslashes", () => {
    expect(textArrayLiteral(["veh_1", "NULL", "", 'say "hi"', "a\\b", "{x, y}\n", null])).toBe(
      '{"veh_1","NULL","","say \\"hi\\"","a\\\\b","{x, y}\n",NULL}',
    );
  });
});
