import { describe, expect, it } from "vitest";
import type { ScopedPosition } from "../../ports/position-broadcaster";
import { decodePositions, encodePositions, MAX_RELAY_PAYLOAD_BYTES } from "./position-relay-codec";

const position = (i: number): ScopedPosition => ({
  organisationId: "org_7f3a9c2b1d4e5f60",
  vehicleId: `veh_${i % 13}_9c2b1d4e5f607f3a`,
  fixAt: 1_765_000_000_000 + i * 1000,
  lat: 43.731234567891 + i * 1e-7,
  lng: 7.421234567891,
  speedKmh: i % 3 === 0 ? null : 31.5,
  headingDeg: i % 5 === 0 ? null : 271,
});

describe(encodePositions.name, () => {
  it("round-trips every position, in order, through payloads under the NOTIFY limit", () => {
    const positions = Array.from({ length: 500 }, (_, i) => position(i));
    const payloads = encodePositions(positions);
    expect(payloads.length).toBeGreaterThan(1);
    for (const payload of payloads) expect(Buffer.byteLength(payload)).toBeLessThan(MAX_RELAY_PAYLOAD_BYTES);
    expect(payloads.flatMap(decodePositions)).toEqual(positions);
  });

  it("sends nothing for no positions", () => {
    expect(encodePositions([])).toEqual([]);
  });

  it("refuses a position that cannot fit a payload", () => {
    expect(() => encodePositions([position(1)], 40)).toThrow("does not fit in a payload");
  });
});

describe(decodePositions.name, () => {
  it("names what is wrong with a payload that is not positions", () => {
    expect(() => decodePositions('{"a":1}')).toThrow("not an array");
    expect(() => decodePositions('[["org","veh","soon",1,2,null,null]]')).toThrow(
      "entry 0 is not a position",
    );
    expect(() => decodePositions("[[")).toThrow(SyntaxError);
  });
});
