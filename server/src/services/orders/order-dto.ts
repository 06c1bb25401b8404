import type { OrderDetailDto, OrderDto, ProofDto, StopDto, TimelineEventDto } from "@waybill/shared";
import {
  aggregateOf,
  type OrderEventRow,
  type OrderRecord,
  type ProofFileInfo,
  type ProofRow,
  type StopRow,
} from "../../adapters/db/repositories/orders.repository";
import { milestoneOf } from "../../domain/orders/milestone";

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

export function stopDto(row: StopRow): StopDto {
  return {
    id: row.id,
    orderId: row.orderId,
    kind: row.kind,
    purpose: row.purpose,
    status: row.status,
    outcome: row.outcome,
    failureReason: row.failureReason,
    failureNote: row.failureNote,
    place: row.place,
    timeWindows: row.timeWindows,
    serviceTimeSeconds: row.serviceTimeS,
    vehicleId: row.vehicleId,
    driverId: row.driverId,
    sequence: row.sequence,
    plannedArrivalAt: iso(row.plannedArrivalAt),
    eta:
      row.etaAt && row.status !== "completed" && row.status !== "cancelled"
        ? {
            at: row.etaAt.toISOString(),
            confidence: row.etaConfidence ?? 0,
            stale: row.etaStale ?? false,
            remainingM: row.etaRemainingM,
            drivingS: row.etaDrivingS,
            drivenM: row.etaDrivenM,
          }
        : null,
    arrivedAt: iso(row.arrivedAt),
    completedAt: iso(row.completedAt),
  };
}

/** An order as the API returns it; `trackingUrl` is null when its link was revoked. */
export function orderDto(record: OrderRecord, trackingUrl: string | null): OrderDto {
  const { order } = record;
  return {
    id: order.id,
    channel: order.channel,
    externalRef: order.externalRef,
    status: order.status,
    milestone: milestoneOf(aggregateOf(record)),
    customer: {
      name: order.customerName,
      email: order.customerEmail,
      phone: order.customerPhone,
      notifications: order.notifyCustomer,
    },
    destination: order.destination,
    origin: order.origin,
    timeZone: order.timeZone,
    timeWindows: order.timeWindows,
    items: order.items,
    serviceTimeSeconds: order.serviceTimeS,
    skills: order.skills,
    priority: order.priority,
    notes: order.notes,
    attempts: order.attempts,
    exception: order.exception,
    eta: iso(
      record.stops.find((stop) => stop.status !== "completed" && stop.status !== "cancelled")?.etaAt ?? null,
    ),
    trackingUrl,
    feedback: order.feedback,
    receivedAt: order.receivedAt.toISOString(),
    deliveredAt: iso(order.deliveredAt),
    stops: record.stops.map(stopDto),
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
  };
}

export function timelineDto(row: OrderEventRow): TimelineEventDto {
  return {
    at: row.at.toISOString(),
    type: row.type,
    actor: { kind: row.actorKind, id: row.actorId },
    from: row.fromState,
    to: row.toState,
    cause: row.cause,
    stopId: row.stopId,
    data: row.data,
  };
}

/** Proofs with links to their files under `fileUrl(id)` (the API's or a tracking link's). */
export function proofDtos(
  proofs: readonly ProofRow[],
  files: readonly ProofFileInfo[],
  fileUrl: (fileId: string) => string,
): ProofDto[] {
  return proofs.map((proof) => ({
    stopId: proof.stopId,
    recipientName: proof.recipientName,
    note: proof.note,
    position: proof.lat !== null && proof.lng !== null ? { lat: proof.lat, lng: proof.lng } : null,
    files: files
      .filter((file) => file.stopId === proof.stopId)
      .map((file) => ({ id: file.id, kind: file.kind, url: fileUrl(file.id) })),
    createdAt: proof.createdAt.toISOString(),
  }));
}

/** The detail view: the order with its timeline and proofs. */
export function orderDetailDto(
  order: OrderDto,
  timeline: readonly OrderEventRow[],
  proofs: ProofDto[],
): OrderDetailDto {
  return { ...order, timeline: timeline.map(timelineDto), proofs };
}
