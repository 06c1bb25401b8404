import { timingSafeEqual } from "node:crypto";
import { eq } from "drizzle-orm";
import type { DeviceBinding, DeviceDirectory } from "../../../ports/device-directory";
import { sha256Hex } from "../../crypto/secrets";
import type { Db } from "../database";
import { devices } from "../schema";

interface CachedDevice {
  readonly binding: DeviceBinding | null;
  readonly secretHash: string | null;
  readonly loadedAt: number;
}

/** Unknown devices are looked up again after this long, ms (a device created on another instance). */
const NEGATIVE_TTL_MS = 30_000;

/** {@link DeviceDirectory} over the devices table with an in-process cache. */
export class DrizzleDeviceDirectory implements DeviceDirectory {
  private readonly cache = new Map<string, CachedDevice>();
  private readonly loading = new Map<string, Promise<CachedDevice>>();

  constructor(private readonly db: Db) {}

  peek(deviceId: string): DeviceBinding | null | undefined {
    const cached = this.cache.get(deviceId);
    if (!cached) return undefined;
    if (cached.binding === null && Date.now() - cached.loadedAt > NEGATIVE_TTL_MS) return undefined;
    return cached.binding;
  }

  async resolve(deviceId: string): Promise<DeviceBinding | null> {
    const peeked = this.peek(deviceId);
    return peeked === undefined ? (await this.load(deviceId)).binding : peeked;
  }

  async verifySecret(deviceId: string, secret: string): Promise<boolean> {
    const cached = this.peek(deviceId) === undefined ? await this.load(deviceId) : this.cache.get(deviceId)!;
    if (cached.secretHash === null) return false;
    return timingSafeEqual(Buffer.from(cached.secretHash), Buffer.from(sha256Hex(secret)));
  }

  invalidate(deviceId: string): void {
    this.cache.delete(deviceId);
  }

  /** One query per device however many messages wait for it. */
  private load(deviceId: string): Promise<CachedDevice> {
    let pending = this.loading.get(deviceId);
    if (!pending) {
      pending = this.query(deviceId).finally(() => this.loading.delete(deviceId));
      this.loading.set(deviceId, pending);
    }
    return pending;
  }

  private async query(deviceId: string): Promise<CachedDevice> {
    const [row] = await this.db.select().from(devices).where(eq(devices.id, deviceId));
    const entry: CachedDevice = row
      ? {
          binding: { deviceId, organisationId: row.organisationId, vehicleId: row.vehicleId },
          secretHash: row.secretHash,
          loadedAt: Date.now(),
        }
      : { binding: null, secretHash: null, loadedAt: Date.now() };
    this.cache.set(deviceId, entry);
    return entry;
  }
}
