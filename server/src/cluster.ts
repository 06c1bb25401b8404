import { TELEMETRY_TOPIC_FILTERS } from "@waybill/shared";
import type { InboundMessage } from "@waybill/telematics/ingest/mqtt-ingest-session";
import type { Logger } from "pino";
import { Gauge, type Registry } from "prom-client";
import { PgliteLockSession, PostgresLockSession } from "./adapters/db/advisory-locks";
import type { Database } from "./adapters/db/database";
import { PostgresPositionRelay } from "./adapters/db/position-relay";
import { MqttSessionAdoption, mqttSessionLock, registerMqttSession } from "./adapters/mqtt/session-adoption";
import type { Config } from "./config/env";
import type { PositionObserver, ScopedPosition } from "./ports/position-broadcaster";
import type { TelemetryStore } from "./ports/telemetry-store";
import { ClusterSingletons } from "./services/cluster-singletons";
import { OwnedPositionFeed, type OwnedPositionObserver } from "./services/ownership/owned-position-feed";
import { PollingLoop } from "./services/polling-loop";
import type { TrackingService } from "./services/tracking/tracking.service";

/**
 * The part of the composition root that lets several instances share one PostgreSQL and one
 * MQTT 5 broker (docs/operations.md). Embedded PGlite is one instance: the same singletons run,
 * on locks that are always this process's.
 */
export function createSingletons(
  config: Config,
  database: Database,
  registry: Registry,
  log: Logger,
): ClusterSingletons {
  const held = new Gauge({
    name: "waybill_singleton_held",
    help: "1 while this instance runs the singleton job (exactly one instance should, per job).",
    labelNames: ["job"] as const,
    registers: [registry],
  });
  const url = config.DATABASE_URL;
  return new ClusterSingletons(
    database.kind === "postgres" && url
      ? () => PostgresLockSession.connect(url)
      : async () => new PgliteLockSession(database.db),
    log,
    {
      checkIntervalMs: config.CLUSTER_CHECK_INTERVAL_SECONDS * 1000,
      onChange: (job, isHeld) => held.set({ job }, isHeld ? 1 : 0),
    },
  );
}

/** The sweep of `late_departure` (every vehicle's, from the database), as a singleton job: every minute. */
export function trackingSweepJob(
  tracking: Pick<TrackingService, "sweepDepartures">,
  log: Logger,
): PollingLoop {
  return everyMinute(() => tracking.sweepDepartures(), "tracking sweep (late departures)", log);
}

/** The sweep of `signal_lost`, on every instance for the vehicles it owns: every minute. */
export function signalSweepLoop(tracking: Pick<TrackingService, "sweepSignals">, log: Logger): PollingLoop {
  return everyMinute(() => tracking.sweepSignals(), "tracking sweep (lost signals)", log);
}

function everyMinute(work: () => Promise<void>, what: string, log: Logger): PollingLoop {
  return new PollingLoop(
    async () => {
      await work();
      return false;
    },
    60_000,
    (error) => log.error({ err: error }, `${what} failed`),
  );
}

/** Live tracking's feed of stored positions, and how to stop it. */
export interface TrackingFeed {
  readonly feed: PositionObserver;
  close(): Promise<void>;
}

/**
 * On PostgreSQL, the positions of each vehicle go to the one instance that owns it, whichever
 * instance stored them (services/ownership, over LISTEN/NOTIFY; docs/operations.md); alone on
 * the database that instance owns every vehicle and nothing is handed over. Embedded, they go
 * straight to tracking. Other per-vehicle consumers of stored positions can join `observers`.
 */
export async function createTrackingFeed(options: {
  readonly config: Config;
  readonly database: Database;
  readonly observers: readonly OwnedPositionObserver[];
  readonly history: Pick<TelemetryStore, "track">;
  readonly registry: Registry;
  readonly log: Logger;
}): Promise<TrackingFeed> {
  const { config, database, observers, log } = options;
  const url = config.DATABASE_URL;
  if (database.kind !== "postgres" || !url) {
    const direct = (positions: readonly ScopedPosition[]) => {
      for (const observer of observers) observer.observe(positions);
    };
    return { feed: { observe: direct }, close: async () => {} };
  }
  const relay = await PostgresPositionRelay.connect(url, log);
  const owned = new OwnedPositionFeed({
    relay,
    observers,
    history: options.history,
    registry: options.registry,
    log,
    checkIntervalMs: config.CLUSTER_CHECK_INTERVAL_SECONDS * 1000,
  });
  await owned.start();
  return {
    feed: owned,
    close: async () => {
      await owned.close();
      await relay.close();
    },
  };
}

/**
 * In a shared-subscription group on PostgreSQL: waits until this instance holds the liveness lock
 * of its MQTT session (another instance may be draining the session this client id left behind),
 * registers the session, and joins the adoption singleton that takes over the sessions of dead
 * instances. Call it before connecting the ingest session. Does nothing outside a group.
 */
export async function joinIngestGroup(options: {
  readonly config: Config;
  readonly database: Database;
  readonly singletons: ClusterSingletons;
  readonly accept: (message: InboundMessage) => void;
  readonly registry: Registry;
  readonly log: Logger;
}): Promise<void> {
  const { config, database, singletons } = options;
  const group = config.MQTT_SHARE_GROUP;
  if (!group || !config.MQTT_URL || database.kind !== "postgres") return;
  await singletons.claim(mqttSessionLock(config.MQTT_CLIENT_ID), 120_000).catch((error: unknown) => {
    throw new Error(
      `MQTT_CLIENT_ID ${config.MQTT_CLIENT_ID} is in use by a running instance: give each instance its own (${String(error)})`,
    );
  });
  await registerMqttSession(database.db, config.MQTT_CLIENT_ID, group);
  singletons.add(
    `mqtt-session-adoption:${group}`,
    new MqttSessionAdoption({
      db: database.db,
      singletons,
      url: config.MQTT_URL,
      shareGroup: group,
      ownClientId: config.MQTT_CLIENT_ID,
      topicFilters: TELEMETRY_TOPIC_FILTERS.map((filter) => `$share/${group}/${filter}`),
      receiveMaximum: config.INGEST_INFLIGHT_MAX,
      accept: options.accept,
      registry: options.registry,
      log: options.log,
      intervalMs: config.CLUSTER_CHECK_INTERVAL_SECONDS * 1000,
    }),
  );
}
