import type { LngLat } from "@waybill/shared";
import { demoStreetGrid, generateDemoRoutes } from "@waybill/telematics/simulator/demo-routes";
import {
  type FleetSimulatorHandle,
  startFleetSimulator,
} from "@waybill/telematics/simulator/fleet-simulator";
import type { Logger } from "pino";
import type { IdentityRepository } from "./adapters/db/repositories/identity.repository";
import type { VehiclesRepository } from "./adapters/db/repositories/vehicles.repository";
import type { AuthService } from "./services/auth.service";
import { prepareDemo } from "./services/demo.service";
import type { VehicleService } from "./services/vehicle.service";

/** The demo town's centre (Monaco) and seed: the same streets and loops at every start. */
const DEMO_CENTER: LngLat = [7.4246, 43.7384];
const DEMO_SEED = 42;

/** A running demo: who may sign in, the streets to draw, and how to stop the vans. */
export interface DemoFleet {
  readonly login: { readonly email: string; readonly password: string };
  readonly streets: { type: "FeatureCollection"; features: unknown[] };
  stop(): Promise<void>;
}

/** What the demo needs. */
export interface DemoFleetDeps {
  readonly identity: IdentityRepository;
  readonly auth: AuthService;
  readonly vehiclesRepo: VehiclesRepository;
  readonly vehicleService: VehicleService;
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
  const routes = generateDemoRoutes({ center: DEMO_CENTER, count: deps.fleetSize, seed: DEMO_SEED });
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
    onError: (error, deviceId) =>
      deps.log.warn({ err: error, deviceId }, "demo van could not publish"),
  });
  const streets = demoStreetGrid(DEMO_CENTER, DEMO_SEED) as unknown as DemoFleet["streets"];
  return { login: setup.login, streets, stop: () => simulator.stop() };
}
