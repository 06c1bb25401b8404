import { TELEMETRY_TOPIC_FILTERS } from "@waybill/shared";
import type { InboundMessage } from "@waybill/telematics/ingest/mqtt-ingest-session";
import type { Logger } from "pino";
import { Gauge, type Registry } from "prom-client";
import { PgliteLockSession, PostgresLockSession } from "./adapters/db/advisory-locks";
import type { Database } from "./adapters/db/database";
import { MqttSessionAdoption, mqttSessionLock, registerMqttSession } from "./adapters/mqtt/session-adoption";
import type { Config } from "./config/env";
import { ClusterSingletons } from "./services/cluster-singletons";
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

/** The tracking rules' periodic sweep (signal lost), as a singleton job: every minute. */
export function trackingSweepJob(tracking: Pick<TrackingService, "sweep">, log: Logger): PollingLoop {
  return new PollingLoop(
    async () => {
      await tracking.sweep();
      return false;
    },
    60_000,
    (error) => log.error({ err: error }, "tracking sweep failed"),
  );
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
