import type { DeviceId, PositionReport, TelemetryRejectReason } from "@waybill/shared";

/** Wire formats the ingest understands; the topic decides which one a message uses. */
export type TelemetryFormat = "native" | "owntracks";

/** One report of a message that was rejected while its siblings may still pass. */
export interface ReportReject {
  readonly reason: TelemetryRejectReason;
  /** Human-readable, names the field path first, e.g. `[2].speedKmh: expected a number >= 0`. */
  readonly detail: string;
  /** Position in the top-level array, or null when the message is a single object. */
  readonly index: number | null;
}

/** What a decoder made of one message: the reports that passed and the ones that did not. */
export interface DecodedMessage {
  readonly reports: PositionReport[];
  readonly rejects: ReportReject[];
}

/** Input of a decoder: the device resolved from the topic, the raw payload and the arrival time. */
export interface DecoderInput {
  readonly deviceId: DeviceId;
  readonly payload: Uint8Array;
  /** When the ingest received the message, epoch milliseconds. */
  readonly receivedAt: number;
}

/**
 * Translates one payload into position reports. Pure: no I/O, no clock. Throws `DecodeError` when
 * the whole message is unusable (too large, not JSON, wrong top-level shape).
 */
export type Decoder = (input: DecoderInput) => DecodedMessage;
