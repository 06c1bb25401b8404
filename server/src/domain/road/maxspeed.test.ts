import { describe, expect, it } from "vitest";
import { NO_LIMIT_SPEED_KMH, parseMaxspeedKmh, WALK_SPEED_KMH } from "./maxspeed";

describe(parseMaxspeedKmh.name, () => {
  it.each([
    ["50", 50],
    ["50 km/h", 50],
    ["50kmh", 50],
    ["30 mph", 30 * 1.609344],
    ["20mph", 20 * 1.609344],
    ["10 knots", 18.52],
    ["7.5", 7.5],
    ["RO:urban", 50],
    ["RO:rural", 90],
    ["RO:trunk", 100],
    ["FR:rural", 80],
    ["DE:rural", 100],
    ["DE:motorway", NO_LIMIT_SPEED_KMH],
    ["CH:motorway", 120],
    ["GB:nsl_single", 60 * 1.609344],
    ["XX:nowhere", null],
    ["GB:urban", 30 * 1.609344],
    ["XX:urban", 50],
    ["DE:zone30", 30],
    ["DE:zone:30", 30],
    ["GB:zone20", 20 * 1.609344],
    ["IT:living_street", WALK_SPEED_KMH],
    ["walk", WALK_SPEED_KMH],
    ["none", NO_LIMIT_SPEED_KMH],
    ["90;30;90;30", 30],
    ["50; 70", 50],
    ["signals", null],
    ["variable", null],
    ["", null],
    ["0", null],
    ["fast", null],
    [undefined, null],
  ])("reads %j as %s km/h", (value, expected) => {
    const speedKmh = parseMaxspeedKmh(value);
    if (expected === null) expect(speedKmh).toBeNull();
    else expect(speedKmh).toBeCloseTo(expected, 6);
  });
});
