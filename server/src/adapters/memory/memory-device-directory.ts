import type { DeviceBinding, DeviceDirectory } from "../../ports/device-directory";

/** In-memory {@link DeviceDirectory} for unit tests: devices and their secrets in a map. */
export class MemoryDeviceDirectory implements DeviceDirectory {
  private readonly devices = new Map<string, { binding: DeviceBinding; secret: string }>();

  add(binding: DeviceBinding, secret = "secret"): this {
    this.devices.set(binding.deviceId, { binding, secret });
    return this;
  }

  peek(deviceId: string): DeviceBinding | null | undefined {
    return this.devices.get(deviceId)?.binding ?? null;
  }

  async resolve(deviceId: string): Promise<DeviceBinding | null> {
    return this.peek(deviceId) ?? null;
  }

  async verifySecret(deviceId: string, secret: string): Promise<boolean> {
    return this.devices.get(deviceId)?.secret === secret;
  }

  invalidate(): void {
    // nothing cached: the map is the source of truth
  }
}
