import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "../database";
import { devices, driverShifts, users, vehicleStates, vehicles } from "../schema";

type VehicleRow = typeof vehicles.$inferSelect;
type StateRow = typeof vehicleStates.$inferSelect;

/** A vehicle with its device id and latest state, as listings need it. */
export interface VehicleRecord extends VehicleRow {
  /** Devices reporting for the vehicle (a telematics unit, a driver's phone), oldest first. */
  readonly deviceIds: string[];
  readonly state: StateRow | null;
  /** The driver of the shift under way on the vehicle (the earliest started, should two share it). */
  readonly driver: { readonly id: string; readonly name: string } | null;
}

/** Vehicles and their devices, always within one organisation. */
export class VehiclesRepository {
  constructor(private readonly db: Db) {}

  /** Creates a vehicle and, when given, its device, in one transaction. */
  async create(
    vehicle: typeof vehicles.$inferInsert,
    device: typeof devices.$inferInsert | null,
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.insert(vehicles).values(vehicle);
      if (device) await tx.insert(devices).values(device);
    });
  }

  async deviceExists(deviceId: string): Promise<boolean> {
    const [row] = await this.db.select({ id: devices.id }).from(devices).where(eq(devices.id, deviceId));
    return row !== undefined;
  }

  /** Replaces a device's secret hash (the device stays bound to its vehicle). */
  async rotateDeviceSecret(organisationId: string, deviceId: string, secretHash: string): Promise<boolean> {
    const rows = await this.db
      .update(devices)
      .set({ secretHash })
      .where(and(eq(devices.id, deviceId), eq(devices.organisationId, organisationId)))
      .returning({ id: devices.id });
    return rows.length > 0;
  }

  async list(organisationId: string): Promise<VehicleRecord[]> {
    return this.query(eq(vehicles.organisationId, organisationId));
  }

  async get(organisationId: string, vehicleId: string): Promise<VehicleRecord | null> {
    const [row] = await this.query(
      and(eq(vehicles.organisationId, organisationId), eq(vehicles.id, vehicleId)),
    );
    return row ?? null;
  }

  async findByName(organisationId: string, name: string): Promise<VehicleRecord | null> {
    const [row] = await this.query(and(eq(vehicles.organisationId, organisationId), eq(vehicles.name, name)));
    return row ?? null;
  }

  private async query(where: ReturnType<typeof eq> | undefined): Promise<VehicleRecord[]> {
    const rows = await this.db
      .select()
      .from(vehicles)
      .leftJoin(devices, eq(devices.vehicleId, vehicles.id))
      .leftJoin(vehicleStates, eq(vehicleStates.vehicleId, vehicles.id))
      .leftJoin(driverShifts, and(eq(driverShifts.vehicleId, vehicles.id), isNull(driverShifts.endedAt)))
      .leftJoin(users, eq(users.id, driverShifts.driverId))
      .where(where)
      .orderBy(asc(vehicles.name), asc(vehicles.id), asc(driverShifts.startedAt));
    const byId = new Map<string, VehicleRecord>();
    for (const row of rows) {
      const record = byId.get(row.vehicles.id) ?? {
        ...row.vehicles,
        deviceIds: [],
        state: row.vehicle_states,
        driver: row.users && { id: row.users.id, name: row.users.name },
      };
      if (row.devices && !record.deviceIds.includes(row.devices.id)) record.deviceIds.push(row.devices.id);
      byId.set(record.id, record);
    }
    return [...byId.values()];
  }
}
