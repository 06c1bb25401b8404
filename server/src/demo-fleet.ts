import type { LngLat } from "@waybill/shared";
import {
  type FleetSimulatorHandle,
  startFleetSimulator,
} from "@waybill/telematics/simulator/fleet-simulator";
import { createSeededRandom } from "@waybill/telematics/simulator/seeded-random";
import type { Logger } from "pino";
import type { IdentityRepository } from "./adapters/db/repositories/identity.repository";
import type { VehiclesRepository } from "./adapters/db/repositories/vehicles.repository";
import type { AuthService } from "./services/auth.service";
import { prepareDemo } from "./services/demo.service";
import type { RoutingService } from "./services/routing.service";
import type { VehicleService } from "./services/vehicle.service";

/** Seed of the demo: the same delivery loops at every start. */
const DEMO_SEED = 42;
/** Stops of one demo loop (it returns to the first). */
const STOPS_PER_LOOP = 5;

/** A running demo: who may sign in, the streets to draw, and how to stop the vans. */
export interface DemoFleet {
  readonly login: { readonly email: string; readonly password: string };
  stop(): Promise<void>;
}

/** What the demo needs. */
export interface DemoFleetDeps {
  readonly identity: IdentityRepository;
  readonly auth: AuthService;
  readonly vehiclesRepo: VehiclesRepository;
  readonly vehicleService: VehicleService;
  readonly routing: RoutingService;
  readonly organisationId: string;
  readonly brokerUrl: string;
  readonly fleetSize: number;
  readonly intervalMs: number;
  readonly log: Logger;
}

/**
 * Starts the demo of `pnpm start`: a dispatcher account and simulated vans that publish real
 * native-format telemetry through the broker, so everything downstream is the real path.
 */
export async function startDemoFleet(deps: DemoFleetDeps): Promise<DemoFleet> {
  const setup = await prepareDemo(
    {
      identity: deps.identity,
      auth: deps.auth,
      vehicles: deps.vehiclesRepo,
      vehicleService: deps.vehicleService,
    },
    deps.organisationId,
    deps.fleetSize,
  );
  const routes = await deliveryLoops(deps.routing, deps.fleetSize);
  const simulator: FleetSimulatorHandle = await startFleetSimulator({
    brokerUrl: deps.brokerUrl,
    vehicles: setup.devices.map((device, i) => ({
      ...device,
      route: routes[i]!,
      speedKmh: 28 + (i % 5) * 4,
    })),
    format: "native",
    intervalMs: deps.intervalMs,
    noiseM: 4,
    dropoutRate: 0.002,
    seed: DEMO_SEED,
    onError: (error, deviceId) => deps.log.warn({ err: error, deviceId }, "demo van could not publish"),
  });
  return { login: setup.login, stop: () => simulator.stop() };
}

/**
 * One closed delivery loop per van on the real road network: the routing engine's fastest route
 * through a few seeded random stops in the network's area and back to the first.
 */
async function deliveryLoops(routing: RoutingService, count: number): Promise<LngLat[][]> {
  const [west, south, east, north] = routing.info.bbox;
  const random = createSeededRandom(DEMO_SEED);
  const inner = (min: number, max: number) => min + (max - min) * (0.15 + 0.7 * random.next());
  const loops: LngLat[][] = [];
  for (let attempt = 0; loops.length < count && attempt < count * 10; attempt++) {
    const stops: LngLat[] = Array.from({ length: STOPS_PER_LOOP }, () => [
      inner(west, east),
      inner(south, north),
    ]);
    try {
      const route = await routing.route([...stops, stops[0]!], { steps: false });
      loops.push(route.geometry.coordinates.map(([lng, lat]) => [lng, lat] as LngLat));
    } catch {
      // a stop off the network or unreachable: draw other stops
    }
  }
  if (loops.length < count)
    throw new Error(
      `demo: could only plan ${loops.length} of ${count} delivery loops on ${routing.info.name}`,
    );
  return loops;
}
