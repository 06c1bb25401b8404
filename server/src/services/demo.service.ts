import { hashPassword, newSecret } from "../adapters/crypto/secrets";
import type { IdentityRepository } from "../adapters/db/repositories/identity.repository";
import type { VehiclesRepository } from "../adapters/db/repositories/vehicles.repository";
import type { AuthService } from "./auth.service";
import type { VehicleService } from "./vehicle.service";

/** Sign-in and device credentials of the demo fleet, fresh at every start. */
export interface DemoSetup {
  readonly login: { readonly email: string; readonly password: string };
  readonly devices: readonly { readonly deviceId: string; readonly secret: string }[];
}

export const DEMO_EMAIL = "dispatcher@demo.waybill.local";

/**
 * Prepares the demo of `pnpm start` in the operator organisation: a dispatcher and `count` vans
 * with devices `demo-1..N`. Passwords and device secrets are new at every start (only hashes are
 * stored, so the old ones cannot be shown again), and printed by the caller.
 */
export async function prepareDemo(
  deps: {
    identity: IdentityRepository;
    auth: AuthService;
    vehicles: VehiclesRepository;
    vehicleService: VehicleService;
  },
  organisationId: string,
  count: number,
): Promise<DemoSetup> {
  const password = newSecret("demo").slice(5, 21);
  const existing = await deps.identity.userByEmail(DEMO_EMAIL);
  if (existing) await deps.identity.setPassword(existing.id, await hashPassword(password));
  else
    await deps.auth.createUser(organisationId, {
      email: DEMO_EMAIL,
      name: "Demo dispatcher",
      password,
      role: "dispatcher",
    });
  const devices = [];
  for (let i = 1; i <= count; i++) {
    const deviceId = `demo-${i}`;
    const name = `Van ${String(i).padStart(2, "0")}`;
    if (await deps.vehicles.deviceExists(deviceId)) {
      devices.push({
        deviceId,
        secret: await deps.vehicleService.rotateDeviceSecret(organisationId, deviceId),
      });
    } else {
      const created = await deps.vehicleService.create(organisationId, {
        name,
        deviceId,
        plate: `WB-${100 + i}`,
      });
      devices.push({ deviceId, secret: created.deviceSecret! });
    }
  }
  return { login: { email: DEMO_EMAIL, password }, devices };
}
