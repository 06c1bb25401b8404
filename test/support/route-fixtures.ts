import type { CreatedVehicleDto, OrderDto, StopDto, StreetsCollection, VehicleDto } from "@waybill/shared";
import { publishReports } from "./device-telemetry";
import { eventually, type TestSystem, uniqueDeviceId } from "./system";

/** The password of every user these fixtures create. */
export const FIXTURE_PASSWORD = "a long enough password";

/** A point, [lng, lat]. */
export type LngLat = [number, number];

/** The body of a 2xx answer; anything else throws with the status and the problem text. */
export async function json<T>(response: Response): Promise<T> {
  if (!response.ok) throw new Error(`${response.url} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/**
 * Points on the served road network (so routes and directions exist), spread over its extent: the
 * vertex nearest to each fraction [x, y] of the bounding box.
 */
export async function roadPlaces(system: TestSystem, fractions: readonly LngLat[]): Promise<LngLat[]> {
  const streets = await json<StreetsCollection>(await system.api("/api/v1/map/streets"));
  const vertices = streets.features.flatMap((feature) => feature.geometry.coordinates as LngLat[]);
  const lngs = vertices.map(([lng]) => lng);
  const lats = vertices.map(([, lat]) => lat);
  const [west, east, south, north] = [
    Math.min(...lngs),
    Math.max(...lngs),
    Math.min(...lats),
    Math.max(...lats),
  ];
  return fractions.map(([fx, fy]) => {
    const target: LngLat = [west + (east - west) * fx, south + (north - south) * fy];
    const distance = ([lng, lat]: LngLat) => (lng - target[0]) ** 2 + (lat - target[1]) ** 2;
    return vertices.reduce((best, vertex) => (distance(vertex) < distance(best) ? vertex : best));
  });
}

/** A vehicle with its telematics device, which may report fixes over MQTT. */
export interface Van {
  readonly id: string;
  readonly name: string;
  readonly deviceId: string;
  readonly deviceSecret: string;
}

/** A vehicle of the admin's organisation, with a device. */
export async function createVan(system: TestSystem, name: string): Promise<Van> {
  const deviceId = uniqueDeviceId(name.replaceAll(" ", "-"));
  const created = await json<CreatedVehicleDto>(
    await system.api("/api/v1/vehicles", { method: "POST", json: { name, deviceId } }),
  );
  return { id: created.id, name, deviceId, deviceSecret: created.deviceSecret! };
}

/** One fix of the van's device at a point, driving, a second ago; resolves once the server holds it. */
export async function reportFix(system: TestSystem, van: Van, [lng, lat]: LngLat): Promise<void> {
  await publishReports(system, van, [{ fixAt: Date.now() - 1000, lng, lat, speedKmh: 30 }]);
  await eventually(
    async () =>
      (await json<VehicleDto>(await system.api(`/api/v1/vehicles/${van.id}`))).position ?? undefined,
    15_000,
    `the fix of ${van.name}`,
  );
}

/** A user of the admin's organisation (password {@link FIXTURE_PASSWORD}) with a unique email. */
export async function createUser(
  system: TestSystem,
  role: "admin" | "dispatcher" | "driver",
  name: string,
): Promise<{ id: string; email: string; password: string; name: string }> {
  const email = `${uniqueDeviceId(role)}@example.com`;
  const user = await json<{ id: string }>(
    await system.api("/api/v1/users", {
      method: "POST",
      json: { email, name, password: FIXTURE_PASSWORD, role },
    }),
  );
  return { id: user.id, email, password: FIXTURE_PASSWORD, name };
}

/** Signs a user in; returns the session token. */
export async function signInToken(system: TestSystem, email: string): Promise<string> {
  const session = await json<{ token: string }>(
    await system.api("/api/v1/auth/sessions", {
      method: "POST",
      key: null,
      json: { email, password: FIXTURE_PASSWORD },
    }),
  );
  return session.token;
}

/** Starts the driver's shift on a vehicle, as the driver. */
export async function startShift(system: TestSystem, driverToken: string, vehicleId: string): Promise<void> {
  await json(
    await system.api("/api/v1/driver/shift", { method: "POST", key: driverToken, json: { vehicleId } }),
  );
}

/** What {@link assignedOrder} needs to know about the order and its place on a route. */
export interface AssignedOrderOptions {
  readonly place: LngLat;
  readonly vehicleId: string;
  readonly driverId?: string;
  readonly sequence: number;
  readonly channel?: string;
  readonly customer?: string;
}

/** A ready order whose delivery stop dispatch put on a vehicle's route at `sequence`. */
export async function assignedOrder(system: TestSystem, options: AssignedOrderOptions): Promise<OrderDto> {
  const number = options.sequence + 1;
  const order = await json<OrderDto>(
    await system.api("/api/v1/orders", {
      method: "POST",
      json: {
        channel: options.channel ?? "web",
        externalRef: uniqueDeviceId("SO"),
        customer: { name: options.customer ?? `Customer ${number}`, phone: `+377 93 15 00 0${number % 10}` },
        destination: {
          address: `${number} Boulevard des Moulins, Monaco`,
          lng: options.place[0],
          lat: options.place[1],
        },
        items: [{ sku: `BOX-${number}`, description: "Parcel", quantity: 1 }],
      },
    }),
  );
  await json(
    await system.api(`/api/v1/orders/${order.id}/status`, { method: "POST", json: { status: "ready" } }),
  );
  const assignment = { vehicleId: options.vehicleId, driverId: options.driverId, sequence: options.sequence };
  await json(
    await system.api(`/api/v1/stops/${order.stops[0]!.id}/assign`, { method: "POST", json: assignment }),
  );
  return order;
}

/** Drives a stop through en route and arrived to completed, succeeded or failed (nobody home), as dispatch. */
export async function completeStop(
  system: TestSystem,
  stopId: string,
  outcome: "succeeded" | "failed",
): Promise<StopDto> {
  const report = async (body: unknown) =>
    json<StopDto>(await system.api(`/api/v1/stops/${stopId}/status`, { method: "POST", json: body }));
  await report({ status: "en_route" });
  await report({ status: "arrived" });
  return report(
    outcome === "succeeded"
      ? { status: "completed", outcome }
      : { status: "completed", outcome, failureReason: "customer_absent" },
  );
}
