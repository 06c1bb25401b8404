import { asDeviceId } from "@waybill/shared";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DecodeError } from "./decode-error";
import type { DecodedMessage, TelemetryFormat } from "./decoder";
import { decoderFor } from "./decoders";
import { expectPlausibleReport } from "./expect-plausible-report";
import { EARLIEST_FIX_AT } from "./fix-time";
import { decodeNative } from "./native.decoder";
import { decodeOwnTracks } from "./owntracks.decoder";
import { jsonPayload } from "./test-payloads";

const receivedAt = Date.parse("2024-06-03T12:00:00Z");
const FORMATS: readonly TelemetryFormat[] = ["native", "owntracks"];

/** Decodes and returns the result, or null for a DecodeError; anything else thrown fails. */
function decodeOrNull(format: TelemetryFormat, payload: Uint8Array): DecodedMessage | null {
  try {
    return decoderFor(format)({ deviceId: asDeviceId("prop/dev-1"), payload, receivedAt });
  } catch (error) {
    if (error instanceof DecodeError) return null;
    throw error;
  }
}

// A value for a field: usually something a device might send, sometimes anything at all.
const loose = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 4, arbitrary: valid }, fc.jsonValue(), fc.constant(null));
const validFixAt = fc.integer({ min: EARLIEST_FIX_AT, max: receivedAt });

const nearlyNativeFix = fc.record(
  {
    fixAt: loose(
      fc.oneof(
        validFixAt,
        validFixAt.map((at) => new Date(at).toISOString()),
      ),
    ),
    lat: loose(fc.double({ min: -95, max: 95 })),
    lng: loose(fc.double({ min: -185, max: 185 })),
    speedKmh: loose(fc.double({ min: -10, max: 450 })),
    headingDeg: loose(fc.double({ min: -10, max: 370 })),
    accuracyM: loose(fc.double({ min: -1, max: 1e4 })),
    altitudeM: loose(fc.double()),
    ignition: loose(fc.boolean()),
    batteryPct: loose(fc.double({ min: -5, max: 105 })),
    attrs: loose(fc.dictionary(fc.string(), fc.jsonValue())),
  },
  { requiredKeys: [] },
);

const nearlyOwnTracksMessage = fc.record(
  {
    _type: loose(fc.constantFrom("location", "lwt", "transition")),
    tst: loose(fc.integer({ min: EARLIEST_FIX_AT / 1000, max: receivedAt / 1000 })),
    lat: loose(fc.double({ min: -95, max: 95 })),
    lon: loose(fc.double({ min: -185, max: 185 })),
    vel: loose(fc.integer({ min: -1, max: 450 })),
    cog: loose(fc.integer({ min: -1, max: 720 })),
    acc: loose(fc.integer({ min: -1, max: 5000 })),
    batt: loose(fc.integer({ min: -1, max: 100 })),
    tid: loose(fc.string({ maxLength: 2 })),
  },
  { requiredKeys: [] },
);

function expectOnlyPlausibleReports(decoded: DecodedMessage | null): void {
  for (const report of decoded?.reports ?? []) expectPlausibleReport(report, { receivedAt });
}

describe(decoderFor.name, () => {
  it("returns the decoder of each format", () => {
    expect(decoderFor("native")).toBe(decodeNative);
    expect(decoderFor("owntracks")).toBe(decodeOwnTracks);
  });

  it.each(FORMATS)(
    "%s: arbitrary bytes throw only DecodeError and yield only plausible reports",
    (format) => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) =>
          expectOnlyPlausibleReports(decodeOrNull(format, bytes)),
        ),
      );
    },
  );

  it.each(FORMATS)(
    "%s: arbitrary JSON values throw only DecodeError and yield only plausible reports",
    (format) => {
      fc.assert(
        fc.property(fc.jsonValue(), (value) =>
          expectOnlyPlausibleReports(decodeOrNull(format, jsonPayload(value))),
        ),
      );
    },
  );

  it("native: every element of a batch is either reported or rejected at its own index", () => {
    const batch = fc.array(fc.oneof({ weight: 5, arbitrary: nearlyNativeFix }, fc.jsonValue()), {
      minLength: 1,
      maxLength: 20,
    });
    fc.assert(
      fc.property(batch, (fixes) => {
        const decoded = decodeOrNull("native", jsonPayload(fixes));
        if (decoded === null) throw new Error("a non-empty array of at most 1,000 elements must decode");
        expectOnlyPlausibleReports(decoded);
        expect(decoded.reports.length + decoded.rejects.length).toBe(fixes.length);
        const indexes = decoded.rejects.map((reject) => reject.index ?? -1);
        expect(new Set(indexes).size).toBe(indexes.length);
        for (const index of indexes) expect(index).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 300 },
    );
  });

  it("owntracks: nearly valid messages throw only DecodeError and yield only plausible reports", () => {
    fc.assert(
      fc.property(nearlyOwnTracksMessage, (message) => {
        const decoded = decodeOrNull("owntracks", jsonPayload(message));
        expectOnlyPlausibleReports(decoded);
        expect((decoded?.reports.length ?? 0) + (decoded?.rejects.length ?? 0)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 500 },
    );
  });
});
