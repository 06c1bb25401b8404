import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { eventually } from "../../server/src/adapters/webhooks/testing/eventually";
import { loadScenarioWorld } from "../../server/src/cli/scenario-world";
import { type DayNetwork, planarM } from "../../server/src/domain/contingency/day-network";
import type { DayOrder } from "../../server/src/domain/contingency/day-orders";
import { roadLines } from "../../server/src/domain/contingency/scenario-roads";
import type { RoadGraph } from "../../server/src/domain/road/road-graph";
import type { DriverRouteDto, OrderDto, PageDto, PlanDto } from "../../shared/src";
import { clockSeconds, type Scenario } from "../../shared/src/contracts/scenario.schema";
import { generateDemoRoutes } from "../../telematics/src/simulator/demo-routes";
import {
  type FleetSimulatorHandle,
  type FleetVehicle,
  startFleetSimulator,
} from "../../telematics/src/simulator/fleet-simulator";
import type { ScenarioRun } from "../../telematics/src/simulator/scenario-player";
import { loadScenarioInputs, startScenario } from "../../telematics/src/simulator/scenario-run";
import { scenarioTimeline } from "../../telematics/src/simulator/scenario-timeline";
import { parseSimulateArgs, simulatedDeviceId } from "../../telematics/src/simulator/simulate.command";
import { provisionVehicles } from "../../telematics/src/simulator/vehicle-provisioning";
import { loadExtract, prepareDay } from "./scenario-day";

/** A call to the running system's API; `key` is the bearer token (default: the admin key). */
export type Api = (
  path: string,
  init?: { method?: string; json?: unknown; key?: string | null },
) => Promise<Response>;

/** The running system a live day is played against. */
export interface LiveSystem {
  readonly url: string;
  readonly mqttUrl: string;
  readonly adminKey: string;
  readonly api: Api;
}

/** How big the day is: the scenario's fleet and orders, cut down for a run of seconds. */
export interface LiveDaySize {
  readonly vans: number;
  readonly orders: number;
  /**
   * Which of the scenario's orders the cut-down day keeps: the first ones with a window ahead
   * (default), or those nearest the road the scenario closes or slows. The full day's orders
   * cover the city, so its routes cross every main road; a few vans with the first 30 orders
   * may never use the one road a scenario disrupts, and its trigger then rightly changes nothing.
   */
  readonly near?: "anywhere" | "road";
}

/** A van of the live day with its device and its driver. */
export interface LiveVan {
  readonly number: number;
  readonly vehicleId: string;
  readonly deviceId: string;
  readonly secret: string;
  readonly driver: { readonly id: string; readonly email: string; readonly token: string };
}

/** An order of the live day, with the customer's address to find their e-mails. */
export interface LiveOrder {
  readonly orderId: string;
  readonly stopId: string;
  readonly email: string;
}

/** The scenario's day on the running system: planned, applied, its vans driving. */
export interface LiveDay {
  readonly scenario: Scenario;
  readonly scenarioPath: string;
  readonly zone: LocalZone;
  readonly vans: readonly LiveVan[];
  readonly orders: readonly LiveOrder[];
  readonly plan: PlanDto;
  readonly fleet: FleetSimulatorHandle;
  readonly fleetVehicles: readonly FleetVehicle[];
  /** What the scenario runner logged, in order. */
  readonly log: string[];
  /** Stops the simulated vans and removes the scenario's files. */
  stop(): Promise<void>;
}

/** A fixed-offset time zone where it is now `hour` o'clock: the scenario's times of day are today's. */
export interface LocalZone {
  readonly timeZone: string;
  /** Today's date there, YYYY-MM-DD. */
  readonly date: string;
  /** The time of day there now, HH:mm. */
  readonly clock: string;
}

const PASSWORD = "a long enough password";
/** How much faster than real time a live day's scenario events come. */
const SPEEDUP = 60;
/** The planner's search budget for the day's plan (a second or two for 30 orders). */
const PLAN_ITERATIONS = 20_000;
/** Time between two fixes of a simulated van, ms. */
const FIX_INTERVAL_MS = 250;

/**
 * The `Etc/GMT±n` zone in which the local hour is `hour` now (IANA zones reach UTC-12 to UTC+14,
 * which covers every hour). Planning in it makes a scenario's 11:00 breakdown happen at 11-something
 * local time whenever the run is, with the scenario's windows and shifts as they are written.
 */
export function zoneAtHour(hour: number, nowMs: number): LocalZone {
  let offset = hour - new Date(nowMs).getUTCHours();
  if (offset < -12) offset += 24;
  if (offset > 14) offset -= 24;
  // POSIX sign: Etc/GMT-2 is two hours ahead of UTC.
  const timeZone = offset === 0 ? "Etc/GMT" : `Etc/GMT${offset > 0 ? "-" : "+"}${Math.abs(offset)}`;
  const local = new Date(nowMs + offset * 3_600_000).toISOString();
  return { timeZone, date: local.slice(0, 10), clock: local.slice(11, 16) };
}

/**
 * Sets the scenario's day up on a running system, as a dispatcher and the fleet would: the
 * scenario's orders (same seed, same addresses as the benchmark's day) with a window still
 * ahead at the time of its first event, posted through the orders API with a customer e-mail
 * each; the vans provisioned as `waybill simulate` provisions them, each with a driver; a plan
 * made and applied through the plans API; then the simulated vans drive their planned routes
 * (fixes over MQTT) until every order is out for delivery. `size` cuts the fleet and the orders
 * down, and each van's capacity and a burst of urgent orders with them (the fleet is as loaded
 * as the scenario's), so that the run takes seconds.
 *
 * @throws Error when the plan fails or leaves the scenario's broken-down van without stops.
 */
export async function startLiveDay(
  system: LiveSystem,
  scenarioFile: Scenario,
  size: LiveDaySize,
  prefix: string,
): Promise<LiveDay> {
  const nearRoad = size.near === "road";
  const drawn: Scenario = {
    ...scenarioFile,
    events: scenarioFile.events.map((event) =>
      event.kind === "urgentOrders"
        ? {
            ...event,
            count: Math.max(1, Math.round((event.count * size.vans) / scenarioFile.fleet.vehicles)),
          }
        : event,
    ),
    fleet: { ...scenarioFile.fleet, vehicles: size.vans },
    // Near a road: the whole day's orders to choose from, as many as its addresses allow.
    orders: { ...scenarioFile.orders, count: nearRoad ? scenarioFile.orders.count : size.orders * 3 },
  };
  // Building the road graph blocks for seconds: before any request, so that no connection idles meanwhile.
  const extract = await loadExtract(drawn.extract);
  const { orders: dayOrders, network } = prepareDay(drawn, extract);
  const zone = zoneAtHour(firstEventHour(drawn), Date.now());
  const ahead = nearRoad
    ? mostDisrupted(
        ordersAhead(dayOrders, zone, dayOrders.length),
        drawn,
        extract.graph,
        network,
        size.orders,
      )
    : ordersAhead(dayOrders, zone, size.orders);
  const scenario = {
    ...drawn,
    fleet: { ...drawn.fleet, capacityKg: capacityAsLoaded(scenarioFile, ahead, size.vans) },
  };
  const vans = await provisionVans(system, scenario, prefix);
  const orders = await postOrders(system, ahead, zone, prefix);
  const plan = await planAndApply(system, scenario, zone, vans, orders);
  const broken = brokenVan(scenario, vans);
  if (broken && !plan.routes.some((route) => route.vehicleId === broken.vehicleId && route.stops.length > 0))
    throw new Error(`the plan gives van ${broken.number} no stops: its breakdown would change nothing`);
  // Each van drives its planned route's road geometry (a van the plan leaves idle, a demo loop).
  const loops = generateDemoRoutes({ center: scenario.fleet.depot, count: vans.length, seed: scenario.seed });
  const fleetVehicles = vans.map((van, i) => ({
    deviceId: van.deviceId,
    secret: van.secret,
    route: plan.routes.find((route) => route.vehicleId === van.vehicleId)?.geometry?.coordinates ?? loops[i]!,
    speedKmh: 30,
  }));
  const fleet = await startFleetSimulator({
    brokerUrl: system.mqttUrl,
    format: "native",
    intervalMs: FIX_INTERVAL_MS,
    noiseM: 0,
    dropoutRate: 0,
    seed: scenario.seed,
    vehicles: fleetVehicles,
  });
  await outForDelivery(system, orders);
  const dir = mkdtempSync(join(tmpdir(), "waybill-live-day-"));
  const scenarioPath = join(dir, `${scenario.name}.json`);
  writeFileSync(scenarioPath, JSON.stringify(scenario));
  const stop = async () => {
    await fleet.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  return { scenario, scenarioPath, zone, vans, orders, plan, fleet, fleetVehicles, log: [], stop };
}

/**
 * Plays the scenario's events against the running day with the simulator's scenario runner (the
 * one `waybill simulate --scenario` uses), from a minute before its first event, 60 times faster:
 * the first event comes a second after the call. A broken van's driver reports it; closures and
 * urgent orders are drawn on the scenario's extract, as the server's CLI draws them. The run's
 * `settled` waits for every event of the scenario, not only those already due.
 */
export async function playLiveScenario(system: LiveSystem, day: LiveDay): Promise<ScenarioRun> {
  const drivers = day.vans.map((van) => ({
    vehicle: van.number,
    email: van.driver.email,
    password: PASSWORD,
  }));
  const driversPath = join(day.scenarioPath, "..", "drivers.json");
  writeFileSync(driversPath, JSON.stringify(drivers));
  const firstS = firstEventS(day.scenario) - 60;
  const clock = `${String(Math.floor(firstS / 3600)).padStart(2, "0")}:${String((firstS / 60) % 60).padStart(2, "0")}`;
  const argv = ["--broker", system.mqttUrl, "--api", system.url, "--key", system.adminKey];
  argv.push("--scenario", day.scenarioPath, "--scenario-clock", clock, "--scenario-speedup", String(SPEEDUP));
  argv.push("--drivers", driversPath);
  const args = parseSimulateArgs(argv);
  const log = (line: string) => day.log.push(line);
  const dataDir = join(day.scenarioPath, "..");
  const io = { log, scenarioWorld: (s: Scenario) => loadScenarioWorld(s, { OSM_FILE: "", dataDir }, log) };
  const inputs = await loadScenarioInputs(args.scenario!, io);
  const run = startScenario(inputs, args, day.fleetVehicles, day.fleet, io);
  // Timers fire in deadline order: once this one has, every action's has, and is pending or done.
  const lastDueAt =
    Date.now() +
    Math.max(0, ...scenarioTimeline(day.scenario, { clock, speedup: SPEEDUP }).map((a) => a.dueMs));
  return {
    stop: run.stop,
    settled: async () => {
      await sleep(Math.max(0, lastDueAt - Date.now()));
      await run.settled();
    },
  };
}

/** The van the scenario breaks down, if any. */
export function brokenVan(scenario: Scenario, vans: readonly LiveVan[]): LiveVan | undefined {
  const event = scenario.events.find((e) => e.kind === "breakdown");
  return event?.kind === "breakdown" ? vans[event.vehicle - 1] : undefined;
}

/** A driver's route as the driver app fetches it. */
export async function driverRoute(system: LiveSystem, van: LiveVan): Promise<DriverRouteDto> {
  return (await (
    await system.api("/api/v1/driver/route", { key: van.driver.token })
  ).json()) as DriverRouteDto;
}

/** The time of day of the scenario's first event, seconds (the breakdown's 11:00 for breakdown.json). */
function firstEventS(scenario: Scenario): number {
  return Math.min(...scenario.events.map((e) => clockSeconds("at" in e ? e.at : e.from)));
}

/** The hour of the scenario's first event (11 for breakdown.json). */
function firstEventHour(scenario: Scenario): number {
  return Math.floor(firstEventS(scenario) / 3600);
}

async function provisionVans(system: LiveSystem, scenario: Scenario, prefix: string): Promise<LiveVan[]> {
  const numbers = Array.from({ length: scenario.fleet.vehicles }, (_, i) => i + 1);
  const devices = await provisionVehicles(
    { apiUrl: system.url, apiKey: system.adminKey },
    numbers.map((n) => ({ name: `Sim van ${n}`, deviceId: simulatedDeviceId("native", prefix, n) })),
  );
  const vehicles = (await (await system.api("/api/v1/vehicles")).json()) as {
    id: string;
    deviceId: string;
  }[];
  const vans: LiveVan[] = [];
  for (const [i, device] of devices.entries()) {
    const vehicle = vehicles.find((v) => v.deviceId === device.deviceId)!;
    const driver = await signedInDriver(system, `${prefix}-driver-${i + 1}@example.com`);
    vans.push({ number: i + 1, vehicleId: vehicle.id, ...device, driver });
  }
  return vans;
}

async function signedInDriver(system: LiveSystem, email: string): Promise<LiveVan["driver"]> {
  const created = await system.api("/api/v1/users", {
    method: "POST",
    json: { email, name: email.split("@")[0], password: PASSWORD, role: "driver" },
  });
  const { id } = (await created.json()) as { id: string };
  const session = await system.api("/api/v1/auth/sessions", {
    method: "POST",
    key: null,
    json: { email, password: PASSWORD },
  });
  return { id, email, token: ((await session.json()) as { token: string }).token };
}

/**
 * The `count` orders whose trips the scenario's road event lengthens most: of the orders nearest
 * the roads it closes or slows (three times `count`), those with the most seconds added to the
 * fastest paths to and from each other and the depot once the event has begun.
 */
function mostDisrupted(
  orders: readonly DayOrder[],
  scenario: Scenario,
  graph: RoadGraph,
  network: DayNetwork,
  count: number,
): DayOrder[] {
  const events = scenario.events.filter((event) => event.kind === "closure" || event.kind === "slowdown");
  if (events.length === 0) throw new Error(`scenario ${scenario.name} closes or slows no road`);
  const roadPoints = events.flatMap((event) => roadLines(graph, event.road).flat());
  const distanceM = (order: DayOrder) => Math.min(...roadPoints.map((point) => planarM(order.point, point)));
  const near = orders
    .map((order) => ({ order, m: distanceM(order) }))
    .sort((a, b) => a.m - b.m)
    .slice(0, count * 3)
    .map(({ order }) => order);
  const points = [scenario.fleet.depot, ...near.map((order) => order.point)];
  const startS = Math.min(...events.map((event) => clockSeconds(event.from)));
  const before = network.matrix(points, startS - 600);
  const during = network.matrix(points, startS + 600);
  const n = points.length;
  const addedS = (i: number) => {
    let sum = 0;
    for (let j = 0; j < n; j++)
      for (const cell of [i * n + j, j * n + i])
        sum += Math.max(0, during.durationsS[cell]! - before.durationsS[cell]!);
    return sum;
  };
  return near
    .map((order, k) => ({ order, s: addedS(k + 1) }))
    .sort((a, b) => b.s - a.s)
    .slice(0, count)
    .map(({ order }) => order);
}

/**
 * The scenario's orders with a promised window still ahead at the time of day in `zone` (opening
 * at the next hour and a half or later: at least half an hour ahead, what a rescue can keep or
 * miss, and the same orders whatever the minute the run starts), the first `count` of them.
 */
function ordersAhead(orders: readonly DayOrder[], zone: LocalZone, count: number): DayOrder[] {
  const soonestS = (Math.floor(clockSeconds(zone.clock) / 3600) + 1.5) * 3600;
  return orders.filter((o) => o.window !== null && o.window[0] >= soonestS).slice(0, count);
}

/**
 * Each van's capacity for `orders`, so that the vans are as loaded as the scenario's fleet is by
 * its day (the mean of its weight range per order): 81 % for breakdown.json, more than all but
 * one van can carry.
 */
function capacityAsLoaded(scenario: Scenario, orders: readonly DayOrder[], vans: number): number {
  const [lightKg, heavyKg] = scenario.orders.weightKg;
  const load =
    (scenario.orders.count * (lightKg + heavyKg)) / 2 / (scenario.fleet.vehicles * scenario.fleet.capacityKg);
  const kg = orders.reduce((sum, order) => sum + order.weightKg, 0);
  return Math.ceil(kg / (vans * load));
}

/** The orders posted with a customer e-mail each, and made ready. */
async function postOrders(
  system: LiveSystem,
  ahead: readonly DayOrder[],
  zone: LocalZone,
  prefix: string,
): Promise<LiveOrder[]> {
  const local = (seconds: number) =>
    `${zone.date}T${String(Math.floor(seconds / 3600)).padStart(2, "0")}:${String(Math.floor(seconds / 60) % 60).padStart(2, "0")}`;
  const posted: LiveOrder[] = [];
  for (const order of ahead) {
    const email = `${prefix}-${order.id}@example.com`;
    const res = await system.api("/api/v1/orders", {
      method: "POST",
      json: {
        channel: "web",
        externalRef: `${prefix}-${order.id}`,
        customer: { name: `Customer ${order.id}`, email },
        destination: {
          address: `${order.point[1].toFixed(5)}, ${order.point[0].toFixed(5)}`,
          lat: order.point[1],
          lng: order.point[0],
        },
        timeZone: zone.timeZone,
        timeWindows: [{ start: local(order.window![0]), end: local(order.window![1]) }],
        items: [{ sku: "PARCEL", quantity: 1, weightKg: order.weightKg }],
        serviceTimeSeconds: order.serviceS,
      },
    });
    if (res.status !== 201) throw new Error(`posting order ${order.id}: ${res.status} ${await res.text()}`);
    const created = (await res.json()) as OrderDto;
    await system.api(`/api/v1/orders/${created.id}/status`, { method: "POST", json: { status: "ready" } });
    posted.push({ orderId: created.id, stopId: created.stops[0]!.id, email });
  }
  return posted;
}

/** The day's plan from now to the end of the scenario's day, made and applied through the API. */
async function planAndApply(
  system: LiveSystem,
  scenario: Scenario,
  zone: LocalZone,
  vans: readonly LiveVan[],
  orders: readonly LiveOrder[],
): Promise<PlanDto> {
  const [lng, lat] = scenario.fleet.depot;
  const res = await system.api("/api/v1/plans", {
    method: "POST",
    json: {
      date: zone.date,
      timeZone: zone.timeZone,
      stopIds: orders.map((order) => order.stopId),
      vehicles: vans.map((van) => ({
        vehicleId: van.vehicleId,
        driverId: van.driver.id,
        start: { lat, lng },
        shift: { start: zone.clock, end: scenario.day.end },
        capacity: { weightKg: scenario.fleet.capacityKg },
      })),
      // A fixed budget: the same day gives the same routes however loaded the machine is.
      iterations: PLAN_ITERATIONS,
      timeLimitSeconds: 30,
      seed: scenario.seed,
    },
  });
  if (res.status !== 202) throw new Error(`planning: ${res.status} ${await res.text()}`);
  const { id } = (await res.json()) as PlanDto;
  const plan = await poll(
    async () => {
      const p = (await (await system.api(`/api/v1/plans/${id}`)).json()) as PlanDto;
      return p.status === "running" ? undefined : p;
    },
    "the plan to finish",
    60_000,
  );
  if (plan.status !== "succeeded") throw new Error(`the plan ended ${plan.status}`);
  const applied = await system.api(`/api/v1/plans/${id}/apply`, { method: "POST" });
  if (applied.status !== 200) throw new Error(`applying the plan: ${applied.status} ${await applied.text()}`);
  return plan;
}

/** Waits until every order is out for delivery: each van left with its load. */
async function outForDelivery(system: LiveSystem, orders: readonly LiveOrder[]): Promise<void> {
  const ids = new Set(orders.map((order) => order.orderId));
  await poll(
    async () => {
      const page = (await (await system.api("/api/v1/orders?limit=100")).json()) as PageDto<OrderDto>;
      const out = page.items.filter((o) => ids.has(o.id) && o.status === "out_for_delivery");
      return out.length === ids.size ? true : undefined;
    },
    "every order out for delivery",
    30_000,
  );
}

/**
 * `eventually` at most every 100 ms: the checks query the API or the database of the system under
 * measurement, in its process.
 */
export function poll<T>(check: () => Promise<T | undefined>, what: string, timeoutMs: number): Promise<T> {
  return eventually(
    async () => {
      await sleep(100);
      return check();
    },
    what,
    timeoutMs,
  );
}
