import { z } from "zod";
import type { VehiclePositionUpdate } from "../realtime";

/** Body of `POST /api/v1/vehicles`. */
export const CreateVehicleBody = z.strictObject({
  name: z.string().trim().min(1, "must not be empty").max(120, "at most 120 characters"),
  deviceId: z
    .string()
    .regex(
      /^[A-Za-z0-9._-]{1,64}(\/[A-Za-z0-9._-]{1,64})?$/,
      "1-64 of A-Z a-z 0-9 . _ - (OwnTracks ids: user/device)",
    )
    .optional(),
  plate: z.string().trim().max(32).optional(),
  capacityKg: z.number().positive().optional(),
});
/** Parsed body of `POST /api/v1/vehicles`. */
export type CreateVehicleBody = z.infer<typeof CreateVehicleBody>;

/** Latest known position of a vehicle, or null before its first fix. */
export type VehiclePosition = Omit<VehiclePositionUpdate, "vehicleId">;

/** A driver as a vehicle's listing names them. */
export interface VehicleDriverDto {
  readonly id: string;
  readonly name: string;
}

/** A vehicle as the API returns it. */
export interface VehicleDto {
  readonly id: string;
  readonly name: string;
  readonly plate: string | null;
  readonly capacityKg: number | null;
  readonly deviceId: string | null;
  readonly createdAt: string;
  readonly position: VehiclePosition | null;
  /** The driver whose shift on the vehicle is under way, or null (the live map filters by driver). */
  readonly driver: VehicleDriverDto | null;
}

/** Response of `POST /api/v1/vehicles`: the vehicle, plus the device secret shown this once. */
export interface CreatedVehicleDto extends VehicleDto {
  readonly deviceSecret?: string;
}

/** One stored position of a track. */
export interface TrackPointDto extends VehiclePosition {
  readonly accuracyM: number | null;
}
