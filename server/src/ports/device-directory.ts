/** Which vehicle and organisation a device reports for. */
export interface DeviceBinding {
  readonly deviceId: string;
  readonly organisationId: string;
  /** Null while the device is not attached to a vehicle: its reports are rejected as unknown_device. */
  readonly vehicleId: string | null;
}

/** Looks devices up for the ingest and checks their MQTT credentials. */
export interface DeviceDirectory {
  /** The binding from cache when present: `undefined` means "not cached, call resolve". */
  peek(deviceId: string): DeviceBinding | null | undefined;
  /** The binding, loading and caching it on a miss; null for an unknown device. */
  resolve(deviceId: string): Promise<DeviceBinding | null>;
  /** True when the secret is the device's. */
  verifySecret(deviceId: string, secret: string): Promise<boolean>;
  /** Drops a device from the cache (after it was created, attached or rotated). */
  invalidate(deviceId: string): void;
}
