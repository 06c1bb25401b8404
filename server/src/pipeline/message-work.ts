import type { PositionReport, TelemetryRejectReason } from "@waybill/shared";
import type { InboundMessage } from "@waybill/telematics/ingest/mqtt-ingest-session";
import type { DeviceBinding } from "../ports/device-directory";
import type { ScopedPosition } from "../ports/position-broadcaster";
import type { RejectRecord, StoredPosition } from "../ports/telemetry-store";

/**
 * A position the filter accepted: what the store writes and, as the same object, what the live
 * channel and live tracking are given (it carries its organisation), so that no stage after the
 * filter copies it.
 */
export interface AcceptedPosition extends StoredPosition, ScopedPosition {}

const EXCERPT_BYTES = 2048;

/**
 * PostgreSQL text cannot hold U+0000, and one such dead letter would fail its whole batch again
 * and again: NUL is kept visibly as the six characters `\u0000`.
 */
const storable = (text: string) => text.replaceAll("\u0000", "\\u0000");

/**
 * One MQTT message on its way through the pipeline: what the stages learnt about it, the
 * positions accepted and the rejections to keep. Stages fill it in order (see pipeline.ts).
 */
export class MessageWork {
  deviceId: string | null = null;
  binding: DeviceBinding | null = null;
  /** Reports still in play; a stage removes the ones it rejects. */
  reports: PositionReport[] = [];
  readonly accepted: AcceptedPosition[] = [];
  readonly rejects: RejectRecord[] = [];
  /** True once the whole message is rejected: later stages only attribute it. */
  wholeMessageRejected = false;

  constructor(readonly message: InboundMessage) {}

  /** Rejects the whole message. */
  rejectMessage(reason: TelemetryRejectReason, detail: string): void {
    this.wholeMessageRejected = true;
    this.reports = [];
    this.reject(reason, detail, null);
  }

  /** Records the rejection of one report (index in the payload array) or of the message (null). */
  reject(reason: TelemetryRejectReason, detail: string, reportIndex: number | null): void {
    this.rejects.push({
      organisationId: this.binding?.organisationId ?? null,
      deviceId: this.deviceId,
      topic: this.message.topic,
      reason,
      detail: storable(detail),
      reportIndex,
      payloadExcerpt: storable(this.message.payload.subarray(0, EXCERPT_BYTES).toString("utf8")),
      receivedAt: this.message.receivedAt,
    });
  }

  /** Gives earlier rejections the organisation once the device is known. */
  attribute(binding: DeviceBinding): void {
    this.binding = binding;
    for (let i = 0; i < this.rejects.length; i++) {
      this.rejects[i] = { ...this.rejects[i]!, organisationId: binding.organisationId };
    }
  }
}
