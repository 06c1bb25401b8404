import {
  asVehicleId,
  organisationRoom,
  POSITION_BROADCAST_INTERVAL_MS,
  type VehiclePositionUpdate,
} from "@waybill/shared";
import type { PositionBroadcaster, ScopedPosition } from "../../ports/position-broadcaster";
import { dispatchNamespace, type RealtimeServer } from "./realtime-server";

/**
 * Batches positions for the live channel: the newest fix of each vehicle is kept, and every
 * 250 ms each organisation room gets one `vehicle:positions` frame with what changed. Never one
 * frame per message; the timer runs only while there is something to send.
 */
export class SocketPositionBroadcaster implements PositionBroadcaster {
  private readonly pending = new Map<string, Map<string, VehiclePositionUpdate>>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly io: RealtimeServer,
    private readonly intervalMs = POSITION_BROADCAST_INTERVAL_MS,
  ) {}

  publish(positions: readonly ScopedPosition[]): void {
    for (const p of positions) {
      let room = this.pending.get(p.organisationId);
      if (!room) {
        room = new Map();
        this.pending.set(p.organisationId, room);
      }
      const queued = room.get(p.vehicleId);
      if (queued && queued.fixAt >= p.fixAt) continue;
      room.set(p.vehicleId, {
        vehicleId: asVehicleId(p.vehicleId),
        fixAt: p.fixAt,
        lat: p.lat,
        lng: p.lng,
        speedKmh: p.speedKmh,
        headingDeg: p.headingDeg,
      });
    }
    if (!this.timer && this.pending.size > 0) this.timer = setTimeout(() => this.flush(), this.intervalMs);
  }

  /** Sends what is pending now (also used at shutdown). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const namespace = dispatchNamespace(this.io);
    for (const [organisationId, vehicles] of this.pending) {
      namespace.to(organisationRoom(organisationId)).emit("vehicle:positions", [...vehicles.values()]);
    }
    this.pending.clear();
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
