import type { CreatedVehicleDto, CreateVehicleBody, TrackPointDto, VehicleDto } from "@waybill/shared";
import { newId, newSecret, sha256Hex } from "../adapters/crypto/secrets";
import type { VehicleRecord, VehiclesRepository } from "../adapters/db/repositories/vehicles.repository";
import type { DeviceDirectory } from "../ports/device-directory";
import type { TelemetryStore } from "../ports/telemetry-store";
import { AppError } from "./app-error";

/** Longest track one request returns, positions. */
export const TRACK_LIMIT = 10_000;

/** Vehicles, their devices and their tracks, scoped to one organisation. */
export class VehicleService {
  constructor(
    private readonly vehicles: VehiclesRepository,
    private readonly devices: DeviceDirectory,
    private readonly telemetry: TelemetryStore,
  ) {}

  /** Creates a vehicle; with a deviceId, also its device, whose secret is returned this once. */
  async create(organisationId: string, body: CreateVehicleBody): Promise<CreatedVehicleDto> {
    if (body.deviceId && (await this.vehicles.deviceExists(body.deviceId))) {
      throw new AppError("conflict", `device ${body.deviceId} is already registered`, [
        { field: "deviceId", reason: "already registered" },
      ]);
    }
    const id = newId("veh");
    const deviceSecret = body.deviceId ? newSecret("wbd") : undefined;
    await this.vehicles.create(
      { id, organisationId, name: body.name, plate: body.plate ?? null, capacityKg: body.capacityKg ?? null },
      body.deviceId && deviceSecret
        ? { id: body.deviceId, organisationId, vehicleId: id, secretHash: sha256Hex(deviceSecret) }
        : null,
    );
    if (body.deviceId) this.devices.invalidate(body.deviceId);
    const created = await this.get(organisationId, id);
    return deviceSecret ? { ...created, deviceSecret } : created;
  }

  /** Issues a new secret for a device of the organisation (the old one stops working). */
  async rotateDeviceSecret(organisationId: string, deviceId: string): Promise<string> {
    const secret = newSecret("wbd");
    if (!(await this.vehicles.rotateDeviceSecret(organisationId, deviceId, sha256Hex(secret)))) {
      throw new AppError("not_found", `device ${deviceId} does not exist`);
    }
    this.devices.invalidate(deviceId);
    return secret;
  }

  async list(organisationId: string): Promise<VehicleDto[]> {
    return (await this.vehicles.list(organisationId)).map(toDto);
  }

  async get(organisationId: string, vehicleId: string): Promise<VehicleDto> {
    const record = await this.vehicles.get(organisationId, vehicleId);
    if (!record) throw new AppError("not_found", `vehicle ${vehicleId} does not exist`);
    return toDto(record);
  }

  /** The vehicle's positions in [fromAt, toAt], oldest first. */
  async track(
    organisationId: string,
    vehicleId: string,
    fromAt: number,
    toAt: number,
  ): Promise<TrackPointDto[]> {
    await this.get(organisationId, vehicleId);
    const points = await this.telemetry.track(vehicleId, fromAt, toAt, TRACK_LIMIT);
    return points.map((p) => ({
      fixAt: p.fixAt,
      lat: p.lat,
      lng: p.lng,
      speedKmh: p.speedKmh,
      headingDeg: p.headingDeg,
      accuracyM: p.accuracyM,
    }));
  }
}

function toDto(record: VehicleRecord): VehicleDto {
  const { state } = record;
  return {
    id: record.id,
    name: record.name,
    plate: record.plate,
    capacityKg: record.capacityKg,
    deviceId: record.deviceIds[0] ?? null,
    createdAt: record.createdAt.toISOString(),
    driver: record.driver,
    position: state
      ? {
          fixAt: state.fixAt.getTime(),
          lat: state.lat,
          lng: state.lng,
          speedKmh: state.speedKmh,
          headingDeg: state.headingDeg,
        }
      : null,
  };
}
