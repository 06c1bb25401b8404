import type { FailureReason, IncidentKind } from "@waybill/shared";

/** A stop transition as the driver reports it (`POST /api/v1/stops/{id}/status`). */
export type StopStatusRequest =
  | { readonly status: "en_route" | "arrived" }
  | { readonly status: "completed"; readonly outcome: "succeeded" }
  | {
      readonly status: "completed";
      readonly outcome: "failed";
      readonly failureReason: FailureReason;
      readonly note?: string;
    };

/** What the driver records at the door (`POST /api/v1/stops/{id}/proof`); images as blobs. */
export interface ProofDraft {
  readonly signature: Blob | null;
  readonly photos: readonly Blob[];
  readonly recipientName: string | null;
  readonly note: string | null;
  readonly position: { readonly lat: number; readonly lng: number } | null;
}

/** An incident from the road (`POST /api/v1/driver/incidents`). */
export interface IncidentRequest {
  readonly kind: IncidentKind;
  readonly note?: string;
  readonly lat?: number;
  readonly lng?: number;
}

/** One position of the phone, in the native telemetry shape the server's decoder reads. */
export interface PositionFix {
  /** When the phone took the fix, epoch ms. */
  readonly fixAt: number;
  readonly lat: number;
  readonly lng: number;
  readonly accuracyM?: number;
  readonly speedKmh?: number;
  readonly headingDeg?: number;
}

/**
 * Everything the driver app sends: each goes through the outbox, in the order it was made, so a
 * proof precedes its "delivered" and positions follow the shift they belong to.
 */
export type OutboxAction =
  | { readonly kind: "shift-start"; readonly vehicleId: string }
  | { readonly kind: "shift-end" }
  | { readonly kind: "stop-status"; readonly stopId: string; readonly body: StopStatusRequest }
  | { readonly kind: "proof"; readonly stopId: string; readonly proof: ProofDraft }
  | { readonly kind: "incident"; readonly body: IncidentRequest }
  | { readonly kind: "positions"; readonly fixes: readonly PositionFix[] };

/** An action waiting in the outbox: `id` orders the queue; `label` is what the driver sees. */
export interface OutboxEntry {
  readonly id: number;
  readonly action: OutboxAction;
  readonly label: string;
  /** When the driver made it, epoch ms. */
  readonly queuedAt: number;
}
