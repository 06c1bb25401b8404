import type { Scenario } from "@waybill/shared/contracts/scenario.schema";
import type { FleetSimulatorHandle, FleetVehicle } from "./fleet-simulator";
import { ScenarioApi } from "./scenario-api";
import { playScenario, type ScenarioRun, type ScenarioWorld } from "./scenario-player";
import { scenarioTimeline } from "./scenario-timeline";
import type { SimulateArgs, SimulateIo } from "./simulate.command";
import { type DriverLogin, loadDriversFile, loadScenarioFile } from "./simulate-inputs";
import { UsageError } from "./usage-error";

/** A scenario to play, its drivers, and what it needs of the road network (null: not loaded). */
export interface ScenarioInputs {
  readonly scenario: Scenario;
  readonly drivers: readonly DriverLogin[];
  readonly world: ScenarioWorld | null;
}

/** `HH:mm`, or a {@link UsageError} naming `--scenario-clock`. */
export function parseScenarioClock(text: string): string {
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(text))
    throw new UsageError("--scenario-clock", `expected a time of day HH:mm, got ${JSON.stringify(text)}`);
  return text;
}

/** Reads the scenario and drivers files and loads the road network part through `io.scenarioWorld`. */
export async function loadScenarioInputs(
  flags: NonNullable<SimulateArgs["scenario"]>,
  io: SimulateIo,
): Promise<ScenarioInputs> {
  const scenario = await loadScenarioFile(flags.path);
  const drivers = flags.driversPath === null ? [] : await loadDriversFile(flags.driversPath);
  for (const driver of drivers)
    if (driver.vehicle > scenario.fleet.vehicles)
      throw new UsageError(
        "--drivers",
        `vehicle ${driver.vehicle}: the scenario's fleet has ${scenario.fleet.vehicles}`,
      );
  if (!io.scenarioWorld)
    io.log("simulate: the road network is not loaded: closures and urgent orders will not be sent");
  const world = io.scenarioWorld ? await io.scenarioWorld(scenario) : null;
  return { scenario, drivers, world };
}

/** Starts playing the scenario against the running fleet, logging what it does. */
export function startScenario(
  inputs: ScenarioInputs,
  args: SimulateArgs,
  vehicles: readonly FleetVehicle[],
  fleet: Pick<FleetSimulatorHandle, "halt">,
  io: SimulateIo,
): ScenarioRun {
  const { scenario } = inputs;
  const clock = args.scenario?.clock ?? scenario.day.start;
  const speedup = args.scenario?.speedup ?? 1;
  const actions = scenarioTimeline(scenario, { clock, speedup });
  io.log(
    `simulate: scenario ${scenario.name} from ${clock}${speedup === 1 ? "" : `, ${speedup}x faster`}: ` +
      (actions.map((a) => `${a.kind} in ${Math.round(a.dueMs / 1000)} s`).join(", ") || "no event left"),
  );
  const api = args.api ? new ScenarioApi(args.api.url, args.api.key, io.signal) : null;
  return playScenario({
    actions,
    runTag: `${scenario.name}-${Date.now().toString(36)}`,
    deviceIdOf: (vehicle) => vehicles[vehicle - 1]?.deviceId,
    fleet,
    api,
    world: inputs.world,
    drivers: inputs.drivers,
    log: io.log,
  });
}
