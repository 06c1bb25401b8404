import type { DeviceCredentials } from "./simulate-inputs";

/** A vehicle to create through the server's API. */
export interface VehicleToProvision {
  readonly name: string;
  readonly deviceId: string;
}

/** Where and how to provision vehicles. */
export interface ProvisioningTarget {
  /** Server base URL, e.g. `http://127.0.0.1:3000`. */
  readonly apiUrl: string;
  /** An API key allowed to create vehicles. */
  readonly apiKey: string;
  readonly signal?: AbortSignal;
}

/** The server refused or failed to create a vehicle; `status` is the HTTP status when there was one. */
export class ProvisioningError extends Error {
  override readonly name = "ProvisioningError";
  readonly status: number | undefined;

  constructor(message: string, options: { status?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.status = options.status;
  }
}

/**
 * Creates each vehicle with `POST {apiUrl}/api/v1/vehicles` and returns the device credentials the
 * server issues (the secret is shown only in that response). One request at a time, in order.
 *
 * @throws {ProvisioningError} on 409 (the device exists and its secret cannot be learnt) and on
 *   any other failure, naming the device id.
 * @example
 * await provisionVehicles({ apiUrl, apiKey }, [{ name: "Sim van 3", deviceId: "sim-3" }]);
 */
export async function provisionVehicles(
  target: ProvisioningTarget,
  vehicles: readonly VehicleToProvision[],
): Promise<DeviceCredentials[]> {
  const provisioned: DeviceCredentials[] = [];
  for (const vehicle of vehicles) provisioned.push(await provisionVehicle(target, vehicle));
  return provisioned;
}

async function provisionVehicle(
  target: ProvisioningTarget,
  vehicle: VehicleToProvision,
): Promise<DeviceCredentials> {
  const url = `${target.apiUrl.replace(/\/+$/, "")}/api/v1/vehicles`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { authorization: `Bearer ${target.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify(vehicle),
      ...(target.signal === undefined ? {} : { signal: target.signal }),
    });
  } catch (cause) {
    throw new ProvisioningError(`POST ${url} for ${vehicle.deviceId} failed: ${(cause as Error).message}`, {
      cause,
    });
  }
  if (response.status === 409) throw vehicleExistsError(target.apiUrl, vehicle.deviceId);
  const body = await response.text();
  if (response.status !== 201) {
    const message = `POST ${url} for ${vehicle.deviceId} answered ${response.status}: ${body.slice(0, 200)}`;
    throw new ProvisioningError(message, { status: response.status });
  }
  return credentialsFrom(body, vehicle.deviceId);
}

function credentialsFrom(body: string, requestedDeviceId: string): DeviceCredentials {
  let created: { deviceId?: unknown; deviceSecret?: unknown };
  try {
    created = JSON.parse(body) as typeof created;
  } catch (cause) {
    throw new ProvisioningError(`creating ${requestedDeviceId} returned a body that is not JSON`, {
      status: 201,
      cause,
    });
  }
  if (typeof created?.deviceSecret !== "string") {
    throw new ProvisioningError(`creating ${requestedDeviceId} returned no deviceSecret`, { status: 201 });
  }
  const deviceId = typeof created.deviceId === "string" ? created.deviceId : requestedDeviceId;
  return { deviceId, secret: created.deviceSecret };
}

function vehicleExistsError(apiUrl: string, deviceId: string): ProvisioningError {
  return new ProvisioningError(
    `a vehicle with device id ${deviceId} already exists on ${apiUrl} (409). The server shows a device ` +
      "secret only once, when the vehicle is created, so the simulator cannot learn it. Pass the saved " +
      "secrets with --credentials FILE, or provision new ids with another --prefix (e.g. --prefix sim2).",
    { status: 409 },
  );
}
