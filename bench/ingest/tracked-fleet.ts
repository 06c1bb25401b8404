import { cumulativeMetres, type DrivePlan, metresBetween, pointAlong } from "./drive-plan";
import type { WaybillUnderTest } from "./waybill";

type LngLat = [number, number];

/** Driving speed of the simulated vans, m/s (54 km/h). */
const SPEED_MPS = 15;
/** Time at each stop, s: above the 45 s dwell that confirms an arrival. */
const DWELL_S = 60;
/** Where the stops are along each van's route, metres from its start. */
const STOPS_AT_M = [250, 900, 1600] as const;
/** Routes shorter than this are drawn again (the last stop needs road after it). */
const MIN_ROUTE_M = 1_900;
/** Vans start spread over the first leg, so that arrivals are spread over the run. */
const FIRST_LEG_S = STOPS_AT_M[0] / SPEED_MPS;
/** Every Nth van's last order was promised for a window that has closed: a delay to raise. */
const LATE_EVERY = 4;
const REQUESTS_AT_ONCE = 10;

/** A van's day before the clock starts: its route, its stops along it, how far into it it starts. */
export interface PreparedDrive {
  readonly path: readonly LngLat[];
  readonly stopsAtM: readonly number[];
  /** Seconds of its day already behind it when the clock starts (spread over the first leg). */
  readonly headStartS: number;
}

/** What the preparation created, for the report. */
export interface TrackedFleet {
  readonly drives: Readonly<Record<string, PreparedDrive>>;
  readonly orders: number;
  readonly lateOrders: number;
  readonly routeKm: number;
}

/** The vans' drive plans with the clock started at `startAt` (epoch ms). */
export function startDrives(fleet: TrackedFleet, startAt: number): Record<string, DrivePlan> {
  return Object.fromEntries(
    Object.entries(fleet.drives).map(([deviceId, drive]) => [
      deviceId,
      {
        path: drive.path,
        stopsAtM: drive.stopsAtM,
        speedMps: SPEED_MPS,
        dwellS: DWELL_S,
        departedAt: startAt - drive.headStartS * 1000,
      },
    ]),
  );
}

/**
 * Gives every bench vehicle a day of work through the public API, so that live tracking is
 * really active while the phases run: a route on the server's road network between two of its
 * points (`GET /api/v1/route`), three delivery orders at 250 m, 900 m and 1.6 km along it
 * (`POST /api/v1/orders`), made ready and assigned to the vehicle in that order
 * (`/orders/{id}/status`, `/stops/{id}/assign`). Every {@link LATE_EVERY}th vehicle's last order
 * has a window that closed an hour ago, so tracking raises `late_for_window` for it.
 */
export async function prepareTrackedFleet(
  waybill: WaybillUnderTest,
  vehicles: readonly { readonly deviceId: string; readonly vehicleId: string }[],
): Promise<TrackedFleet> {
  const api = apiOf(waybill);
  const points = await roadPoints(api);
  const now = Date.now();
  const drives: Record<string, PreparedDrive> = {};
  let lateOrders = 0;
  let routeM = 0;
  const prepare = async (vehicle: (typeof vehicles)[number], index: number) => {
    const path = await routeOnRoads(api, points, seededRandom(1000 + index));
    const along = cumulativeMetres(path);
    routeM += along.at(-1) ?? 0;
    const late = index % LATE_EVERY === 0;
    for (const [sequence, atM] of STOPS_AT_M.entries()) {
      const [lng, lat] = pointAlong(path, along, atM);
      const lateOne = late && sequence === STOPS_AT_M.length - 1;
      if (lateOne) lateOrders++;
      const window = lateOne
        ? { start: iso(now - 3 * 3_600_000), end: iso(now - 3_600_000) }
        : { start: iso(now - 3_600_000), end: iso(now + 6 * 3_600_000) };
      const order = await api<{ id: string; stops: { id: string }[] }>("POST", "/api/v1/orders", {
        channel: "bench",
        externalRef: `${vehicle.deviceId}-${sequence}`,
        customer: { name: `Bench customer ${vehicle.deviceId}/${sequence}` },
        destination: { address: `stop ${sequence + 1} of ${vehicle.deviceId}`, lat, lng },
        timeWindows: [window],
        items: [{ sku: "BOX", quantity: 1 }],
        serviceTimeSeconds: DWELL_S,
      });
      await api("POST", `/api/v1/orders/${order.id}/status`, { status: "ready" });
      const stopId = order.stops[0]?.id;
      if (!stopId) throw new Error(`order ${order.id} has no stop`);
      await api("POST", `/api/v1/stops/${stopId}/assign`, { vehicleId: vehicle.vehicleId, sequence });
    }
    drives[vehicle.deviceId] = {
      path,
      stopsAtM: STOPS_AT_M,
      headStartS: ((index * 7919) % vehicles.length) * (FIRST_LEG_S / vehicles.length),
    };
  };
  for (let i = 0; i < vehicles.length; i += REQUESTS_AT_ONCE)
    await Promise.all(vehicles.slice(i, i + REQUESTS_AT_ONCE).map((v, j) => prepare(v, i + j)));
  return { drives, orders: vehicles.length * STOPS_AT_M.length, lateOrders, routeKm: routeM / 1000 };
}

type Api = <T = unknown>(method: "GET" | "POST", path: string, body?: unknown) => Promise<T>;

function apiOf(waybill: WaybillUnderTest): Api {
  return async <T>(method: "GET" | "POST", path: string, body?: unknown) => {
    const response = await fetch(`${waybill.system.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${waybill.adminKey}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
}

/** Every vertex of the server's street map (`GET /api/v1/map/streets`). */
async function roadPoints(api: Api): Promise<LngLat[]> {
  const streets = await api<{ features: { geometry: { coordinates: LngLat[] } }[] }>(
    "GET",
    "/api/v1/map/streets",
  );
  const points = streets.features.flatMap((feature) => feature.geometry.coordinates);
  if (points.length < 2) throw new Error("the server's road network has no streets");
  return points;
}

/** A route of at least {@link MIN_ROUTE_M} between two random street points, as the server drives it. */
async function routeOnRoads(api: Api, points: readonly LngLat[], random: () => number): Promise<LngLat[]> {
  const pick = () => points[Math.floor(random() * points.length)] as LngLat;
  for (let attempt = 0; attempt < 50; attempt++) {
    const from = pick();
    const to = pick();
    if (metresBetween(from, to) < MIN_ROUTE_M * 0.7) continue;
    const query = `${from[0]},${from[1]};${to[0]},${to[1]}`;
    const route = await api<{ geometry: { coordinates: LngLat[] } }>(
      "GET",
      `/api/v1/route?points=${encodeURIComponent(query)}&steps=false`,
    ).catch(() => null);
    const path = route?.geometry.coordinates ?? [];
    if ((cumulativeMetres(path).at(-1) ?? 0) >= MIN_ROUTE_M) return path;
  }
  throw new Error(`no route of ${MIN_ROUTE_M} m or more found on the road network in 50 attempts`);
}

const iso = (ms: number) => new Date(ms).toISOString();

/** A deterministic [0, 1) generator (mulberry32), so every run drives the same routes. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
