import { type SmtpSink, startSmtpSink } from "@waybill/server/adapters/mail/testing/smtp-sink";
import { type LiveDay, type LiveDaySize, startLiveDay } from "../../bench/contingency/live-day";
import type { Scenario } from "../../shared/src/contracts/scenario.schema";
import { type DispatcherListener, listenAsDispatcher } from "./dispatcher-socket";
import { type DriverListener, listenAsDriver } from "./driver-socket";
import { startTestSystem, type TestSystem, uniqueDeviceId } from "./system";

/**
 * Everything a contingency chain test watches: the system (routing on `osmFile`, mail to a real
 * SMTP server), a dispatcher on `/dispatch` hearing proposals, and, once the day is set up, each
 * van's driver on `/driver`.
 */
export interface ContingencyStage {
  readonly system: TestSystem;
  readonly sink: SmtpSink;
  readonly dispatcher: DispatcherListener;
  /** Each van's driver on the drivers' live channel, by vehicle id. */
  readonly drivers: ReadonlyMap<string, DriverListener>;
  /** The scenario's live day (startLiveDay), every van's driver listening. */
  startDay(scenario: Scenario, size: LiveDaySize): Promise<LiveDay>;
  stop(): Promise<void>;
}

/**
 * Starts a stage. `cooldownMinutes`: the trigger cool-down (a short one merges a burst of events,
 * a closure per OSM way or an order per request, into one proposal after the first).
 */
export async function startContingencyStage(
  osmFile: string,
  cooldownMinutes: number,
): Promise<ContingencyStage> {
  const sink = await startSmtpSink();
  const system = await startTestSystem({
    env: { OSM_FILE: osmFile, SMTP_URL: sink.url, CONTINGENCY_COOLDOWN_MINUTES: String(cooldownMinutes) },
  });
  const dispatcher = await listenAsDispatcher(system.url, system.adminKey);
  const drivers = new Map<string, DriverListener>();
  const days: LiveDay[] = [];
  return {
    system,
    sink,
    dispatcher,
    drivers,
    async startDay(scenario, size) {
      const day = await startLiveDay(system, scenario, size, uniqueDeviceId(scenario.name));
      days.push(day);
      for (const van of day.vans)
        drivers.set(van.vehicleId, await listenAsDriver(system.url, van.driver.token));
      return day;
    },
    async stop() {
      dispatcher.socket.close();
      for (const driver of drivers.values()) driver.socket.close();
      for (const day of days) await day.stop();
      await system.stop();
      await sink.close();
    },
  };
}
