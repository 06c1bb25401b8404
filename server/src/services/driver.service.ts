import type { DriverRouteDto, IncidentKind, ShiftDto } from "@waybill/shared";
import { nativeTelemetryTopic } from "@waybill/shared";
import type { InboundMessage } from "@waybill/telematics/ingest/mqtt-ingest-session";
import { and, asc, eq, gte, inArray, isNull, or } from "drizzle-orm";
import { newId, newSecret, sha256Hex } from "../adapters/crypto/secrets";
import type { Db } from "../adapters/db/database";
import { appendEvents } from "../adapters/db/repositories/outbox.repository";
import { devices, driverShifts, incidents, orders, stops, vehicles } from "../adapters/db/schema";
import type { DeviceDirectory } from "../ports/device-directory";
import { AppError } from "./app-error";
import { stopDto } from "./orders/order-dto";
import type { AlertService } from "./tracking/alert.service";

/** Where HTTP-borne telemetry enters the ingest pipeline (the same stages as MQTT). */
export interface TelemetryIntake {
  submit(message: InboundMessage): void;
}

/** How long a phone waits for its positions to be stored before it is told to retry, ms. */
const STORE_TIMEOUT_MS = 10_000;

/** The device id of a driver's phone: one per driver, bound to the vehicle of their open shift. */
export const phoneDeviceId = (driverId: string): string => `phone-${driverId}`;

/**
 * What a driver does on the phone besides stops: shifts on a vehicle, sharing the phone's
 * position as a device of that vehicle, today's route, incidents from the road.
 */
export class DriverService {
  constructor(
    private readonly db: Db,
    private readonly deviceDirectory: DeviceDirectory,
    private readonly intake: TelemetryIntake,
    private readonly alerts: AlertService,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Starts a shift on a vehicle (ending an open one); the phone now reports for that vehicle. */
  async startShift(organisationId: string, driverId: string, vehicleId: string): Promise<ShiftDto> {
    const now = this.clock();
    const [vehicle] = await this.db
      .select()
      .from(vehicles)
      .where(and(eq(vehicles.organisationId, organisationId), eq(vehicles.id, vehicleId)));
    if (!vehicle)
      throw new AppError("validation_failed", `vehicle ${vehicleId} is not in your organisation`, [
        { field: "vehicleId", reason: "no such vehicle" },
      ]);
    const id = newId("shf");
    const deviceId = phoneDeviceId(driverId);
    await this.db.transaction(async (tx) => {
      await tx
        .update(driverShifts)
        .set({ endedAt: now })
        .where(and(eq(driverShifts.driverId, driverId), isNull(driverShifts.endedAt)));
      await tx.insert(driverShifts).values({ id, organisationId, driverId, vehicleId, startedAt: now });
      await tx
        .insert(devices)
        .values({ id: deviceId, organisationId, vehicleId, secretHash: sha256Hex(newSecret("wbd")) })
        .onConflictDoUpdate({ target: devices.id, set: { vehicleId } });
    });
    this.deviceDirectory.invalidate(deviceId);
    return { id, vehicleId, vehicleName: vehicle.name, startedAt: now.toISOString(), endedAt: null };
  }

  /** Ends the driver's open shift; the phone stops reporting for the vehicle. */
  async endShift(organisationId: string, driverId: string): Promise<ShiftDto> {
    const shift = await this.openShift(organisationId, driverId);
    if (!shift)
      throw new AppError("conflict", "you have no shift under way", [], {
        extensions: { currentState: "off_shift" },
      });
    const now = this.clock();
    await this.db.transaction(async (tx) => {
      await tx.update(driverShifts).set({ endedAt: now }).where(eq(driverShifts.id, shift.id));
      await tx
        .update(devices)
        .set({ vehicleId: null })
        .where(eq(devices.id, phoneDeviceId(driverId)));
    });
    this.deviceDirectory.invalidate(phoneDeviceId(driverId));
    return { ...shift, endedAt: now.toISOString() };
  }

  /** The driver's shift and their stops: those still open and those finished today, in route order. */
  async route(organisationId: string, driverId: string): Promise<DriverRouteDto> {
    const startOfDay = new Date(this.clock());
    startOfDay.setUTCHours(0, 0, 0, 0);
    const rows = await this.db
      .select({ stop: stops, order: orders })
      .from(stops)
      .innerJoin(orders, eq(orders.id, stops.orderId))
      .where(
        and(
          eq(stops.organisationId, organisationId),
          eq(stops.driverId, driverId),
          or(inArray(stops.status, ["assigned", "en_route", "arrived"]), gte(stops.completedAt, startOfDay)),
        ),
      )
      .orderBy(asc(stops.sequence), asc(stops.createdAt));
    return {
      shift: await this.openShift(organisationId, driverId),
      stops: rows.map(({ stop, order }) => ({
        ...stopDto(stop),
        order: {
          reference: order.externalRef ?? order.id,
          customerName: order.customerName,
          customerPhone: order.customerPhone,
          notes: order.notes,
          items: order.items,
        },
      })),
    };
  }

  /**
   * The phone's positions, through the ingest pipeline as a device of the shift's vehicle;
   * resolves once they are stored (or rejected with a reason in the dead-letter table).
   */
  async submitPositions(organisationId: string, driverId: string, fixes: readonly unknown[]): Promise<void> {
    if (!(await this.openShift(organisationId, driverId)))
      throw new AppError("conflict", "start a shift on a vehicle before sharing your position", [], {
        extensions: { currentState: "off_shift" },
      });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new AppError("unavailable", "positions are not stored yet; send them again")),
        STORE_TIMEOUT_MS,
      );
      this.intake.submit({
        topic: nativeTelemetryTopic(phoneDeviceId(driverId)),
        payload: Buffer.from(JSON.stringify(fixes)),
        receivedAt: Date.now(),
        redelivered: false,
        ack: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  /** An incident from the road, recorded and announced to dispatch (`vehicle.incident_reported`). */
  async reportIncident(
    organisationId: string,
    driverId: string,
    report: {
      kind: IncidentKind;
      note?: string | undefined;
      lat?: number | undefined;
      lng?: number | undefined;
    },
  ): Promise<{ id: string; vehicleId: string | null; reportedAt: string }> {
    const shift = await this.openShift(organisationId, driverId);
    const now = this.clock();
    const id = newId("inc");
    const incident = {
      id,
      organisationId,
      kind: report.kind,
      vehicleId: shift?.vehicleId ?? null,
      reportedBy: driverId,
      note: report.note ?? null,
      lat: report.lat ?? null,
      lng: report.lng ?? null,
      reportedAt: now,
    };
    await this.db.transaction(async (tx) => {
      await tx.insert(incidents).values(incident);
      await appendEvents(tx, [
        {
          id: newId("evt"),
          type: "vehicle.incident_reported",
          organisationId,
          orderId: null,
          occurredAt: now.toISOString(),
          actor: { kind: "driver", id: driverId },
          data: { incident: { ...incident, reportedAt: now.toISOString() } },
        },
      ]);
    });
    await this.alerts.raise(organisationId, {
      kind: "incident",
      vehicleId: incident.vehicleId,
      orderId: null,
      stopId: null,
      detail: `${report.kind.replace("_", " ")} reported by the driver${report.note ? `: ${report.note}` : ""}`,
      data: { incidentId: id },
    });
    // A breakdown's re-routing proposal follows from the outbox event (contingency-triggers.ts).
    return { id, vehicleId: incident.vehicleId, reportedAt: now.toISOString() };
  }

  private async openShift(organisationId: string, driverId: string): Promise<ShiftDto | null> {
    const [row] = await this.db
      .select({ shift: driverShifts, vehicleName: vehicles.name })
      .from(driverShifts)
      .innerJoin(vehicles, eq(vehicles.id, driverShifts.vehicleId))
      .where(
        and(
          eq(driverShifts.organisationId, organisationId),
          eq(driverShifts.driverId, driverId),
          isNull(driverShifts.endedAt),
        ),
      );
    if (!row) return null;
    return {
      id: row.shift.id,
      vehicleId: row.shift.vehicleId,
      vehicleName: row.vehicleName,
      startedAt: row.shift.startedAt.toISOString(),
      endedAt: null,
    };
  }
}
