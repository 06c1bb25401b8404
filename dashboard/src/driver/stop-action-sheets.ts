import type { DriverStopDto } from "@waybill/shared";
import { INCIDENT_LABELS } from "./labels/driver-labels";
import type { OutboxAction, PositionFix } from "./outbox/outbox-action";
import { openFailureSheet } from "./sheets/failure-sheet";
import { openIncidentSheet } from "./sheets/incident-sheet";
import { openProofSheet } from "./sheets/proof-sheet";

/** Puts an action in the outbox with the label the driver sees while it waits. */
type Queue = (action: OutboxAction, label: string) => Promise<void>;

/**
 * Turns the driver's taps on a stop into outbox actions, through a sheet where the server needs
 * more than a tap: the proof for a delivery, the reason for a failure, the kind of incident.
 */
export class StopActionSheets {
  constructor(
    private readonly queue: Queue,
    private readonly position: () => PositionFix | null,
  ) {}

  /** "On my way" or "Arrived": one tap, no sheet. */
  report(stop: DriverStopDto | undefined, status: "en_route" | "arrived"): void {
    if (!stop) return;
    const label = `${status === "en_route" ? "On my way to" : "Arrived at"} ${stop.order.customerName}`;
    void this.queue({ kind: "stop-status", stopId: stop.id, body: { status } }, label);
  }

  /** "Delivered": the proof sheet, then the proof and the success, in that order. */
  deliver(stop: DriverStopDto | undefined): void {
    if (!stop) return;
    openProofSheet(stop, async (proof) => {
      const name = stop.order.customerName;
      await this.queue(
        { kind: "proof", stopId: stop.id, proof: { ...proof, position: this.here() } },
        `Proof of delivery for ${name}`,
      );
      await this.queue(
        { kind: "stop-status", stopId: stop.id, body: { status: "completed", outcome: "succeeded" } },
        `Delivered to ${name}`,
      );
    });
  }

  /** "Failed": the reason sheet, then the photo (if any) and the failure. */
  fail(stop: DriverStopDto | undefined): void {
    if (!stop) return;
    openFailureSheet(stop, async ({ reason, note, photos }) => {
      const name = stop.order.customerName;
      if (photos.length > 0)
        await this.queue(
          {
            kind: "proof",
            stopId: stop.id,
            proof: { signature: null, photos, recipientName: null, note, position: this.here() },
          },
          `Photo of the failed delivery to ${name}`,
        );
      const body = {
        status: "completed",
        outcome: "failed",
        failureReason: reason,
        ...(note ? { note } : {}),
      } as const;
      await this.queue({ kind: "stop-status", stopId: stop.id, body }, `Failed delivery to ${name}`);
    });
  }

  /** The incident sheet, then the report with where it happened. */
  reportIncident(): void {
    openIncidentSheet(async (kind, note) => {
      const here = this.here();
      await this.queue(
        { kind: "incident", body: { kind, ...(note ? { note } : {}), ...(here ?? {}) } },
        `Incident: ${INCIDENT_LABELS[kind]}`,
      );
    });
  }

  private here(): { lat: number; lng: number } | null {
    const fix = this.position();
    return fix === null ? null : { lat: fix.lat, lng: fix.lng };
  }
}
