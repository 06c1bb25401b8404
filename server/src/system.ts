import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { TELEMETRY_TOPIC_FILTERS } from "@waybill/shared";
import type { InboundMessage } from "@waybill/telematics/ingest/mqtt-ingest-session";
import { MqttIngestSession } from "@waybill/telematics/ingest/mqtt-ingest-session";
import type { Logger } from "pino";
import { newSecret } from "./adapters/crypto/secrets";
import { type Database, openDatabase } from "./adapters/db/database";
import { DrizzleDeviceDirectory } from "./adapters/db/repositories/device-directory.repository";
import { IdentityRepository } from "./adapters/db/repositories/identity.repository";
import { RoadClosuresRepository } from "./adapters/db/repositories/road-closures.repository";
import { RoadSpeedStatsRepository } from "./adapters/db/repositories/road-speed-stats.repository";
import { DrizzleTelemetryStore } from "./adapters/db/repositories/telemetry.repository";
import { VehiclesRepository } from "./adapters/db/repositories/vehicles.repository";
import { createHttpApp } from "./adapters/http/app";
import type { BaseMapSource } from "./adapters/http/routes/map.routes";
import { Metrics } from "./adapters/metrics/metrics";
import { type EmbeddedBroker, startEmbeddedBroker } from "./adapters/mqtt/embedded-broker";
import { PlanningWorkers } from "./adapters/planning/planning-workers";
import { SocketPositionBroadcaster } from "./adapters/realtime/position-broadcaster";
import { createPostgresFanout } from "./adapters/realtime/postgres-fanout";
import { createRealtimeServer } from "./adapters/realtime/realtime-server";
import { SocketLiveEvents } from "./adapters/realtime/socket-live-events";
import { graphSourceFor } from "./adapters/routing/graph-source";
import { RoutingPool } from "./adapters/routing/routing-pool";
import {
  createSingletons,
  createTrackingFeed,
  joinIngestGroup,
  signalSweepLoop,
  trackingSweepJob,
} from "./cluster";
import { type Config, loadConfig } from "./config/env";
import { type DemoFleet, startDemoFleet } from "./demo-fleet";
import { createLogger } from "./logger";
import { createIngestPipeline, type IngestObserver } from "./pipeline/pipeline";
import { AppError } from "./services/app-error";
import { AuthService } from "./services/auth.service";
import { bootstrapOperator } from "./services/bootstrap.service";
import { ContingencyService } from "./services/contingency/contingency.service";
import { ContingencyTriggers } from "./services/contingency/contingency-triggers";
import { DriverService } from "./services/driver.service";
import { LiveRelay } from "./services/live-relay";
import { createNotificationModule } from "./services/notification-module";
import { createOrderModule } from "./services/orders/order-module";
import { OrganisationService } from "./services/organisation.service";
import { PlanService } from "./services/plans/plan.service";
import { RoutingService } from "./services/routing.service";
import { AlertService } from "./services/tracking/alert.service";
import { LiveMatching } from "./services/tracking/live-matching";
import { DrizzlePlannedDepartures } from "./services/tracking/planned-departures";
import { SpeedLearning } from "./services/tracking/speed-learning";
import { DEFAULT_TRACKING_RULES, TrackingService } from "./services/tracking/tracking.service";
import { TripService } from "./services/tracking/trip.service";
import { VehicleService } from "./services/vehicle.service";
import { createWebhookModule } from "./services/webhook-module";

/** Options of {@link startSystem}. */
export interface SystemOptions {
  readonly env: Record<string, string | undefined>;
  /** Also run the demo: a dispatcher and simulated vans driving. */
  readonly demo?: { readonly vehicles: number; readonly intervalMs: number };
  /** Logger to use instead of one built from LOG_LEVEL. */
  readonly log?: Logger;
}

/** A running Waybill server. */
export interface RunningSystem {
  readonly config: Config;
  readonly url: string;
  readonly httpPort: number;
  /** Broker the devices connect to (embedded or external). */
  readonly mqttUrl: string;
  /** An admin key generated at this first start, to print once; null otherwise. */
  readonly generatedAdminKey: string | null;
  readonly demoLogin: { readonly email: string; readonly password: string } | null;
  readonly metrics: Metrics;
  readonly database: Database;
  /** Graceful stop: no new messages, everything received stored and acknowledged, then close. */
  close(): Promise<void>;
}

const dashboardDir = fileURLToPath(new URL("../../dashboard/dist", import.meta.url));

/**
 * The composition root: builds every adapter, wires the pipeline and starts serving. `main.ts`
 * calls it for a process; tests call it to run the real system in-process.
 */
export async function startSystem(options: SystemOptions): Promise<RunningSystem> {
  const config = loadConfig(options.env);
  const log = options.log ?? createLogger(config.LOG_LEVEL);
  const database = await openDatabase(
    config.DATABASE_URL
      ? { kind: "postgres", url: config.DATABASE_URL }
      : { kind: "pglite", dataDir: config.dataDir },
  );
  const closers: (() => Promise<void> | void)[] = [() => database.close()];
  try {
    return await startOnDatabase(config, log, database, closers, options);
  } catch (error) {
    await closeAll(closers, log);
    throw error;
  }
}

async function startOnDatabase(
  config: Config,
  log: Logger,
  database: Database,
  closers: (() => Promise<void> | void)[],
  options: SystemOptions,
): Promise<RunningSystem> {
  const metrics = new Metrics();
  const identity = new IdentityRepository(database.db);
  const vehiclesRepo = new VehiclesRepository(database.db);
  const telemetry = new DrizzleTelemetryStore(database);
  const devices = new DrizzleDeviceDirectory(database.db);
  const auth = new AuthService(identity, config.SESSION_TTL_HOURS * 3_600_000);
  const vehicles = new VehicleService(vehiclesRepo, devices, telemetry);
  const bootstrap = await bootstrapOperator(identity, auth, config.WAYBILL_ADMIN_KEY);

  const pool = await RoutingPool.start(
    graphSourceFor(config.OSM_FILE, config.dataDir),
    config.ROUTING_WORKERS,
    (p) => log.info({ phase: p.label, percent: Math.round(p.fraction * 100) }, "importing the road network"),
  );
  closers.unshift(() => pool.close());
  log.info(pool.info, "road network ready");
  const routing = new RoutingService(pool, new RoadClosuresRepository(database.db));
  await routing.start();
  closers.unshift(() => routing.stop());

  let session: MqttIngestSession | null = null;
  let demo: DemoFleet | null = null;
  const baseMap: BaseMapSource = { streets: () => routing.roads() };
  const readiness = {
    notReady: async () => {
      const db = await database.ping().then(
        () => null,
        (e: unknown) => `database unreachable: ${String(e)}`,
      );
      return db ?? (session?.isSubscribed ? null : "telemetry subscription not active");
    },
  };
  let httpPort = 0;
  const publicUrl = () => config.PUBLIC_URL.replace(/\/$/, "") || `http://localhost:${httpPort}`;
  const orders = await createOrderModule(database.db, {
    publicUrl,
    trackingLinkTtlDays: config.TRACKING_LINK_TTL_DAYS,
  });
  const webhooks = createWebhookModule(database.db, {
    allowPrivateTargets: config.WEBHOOK_ALLOW_PRIVATE_TARGETS,
    registry: metrics.registry,
    log,
  });
  const notifications = await createNotificationModule(database.db, {
    smtpUrl: config.SMTP_URL,
    mailFrom: config.MAIL_FROM,
    etaThresholdMinutes: config.NOTIFY_ETA_THRESHOLD_MINUTES,
    publicUrl,
    registry: metrics.registry,
    log,
  });
  const live = new SocketLiveEvents();
  const alerts = new AlertService(database.db, live);
  const planner = new PlanningWorkers(config.PLANNING_WORKERS);
  closers.unshift(() => planner.close());
  const contingency = new ContingencyService(database.db, routing, planner, orders.orders, live, log);
  // HTTP-borne telemetry (drivers' phones) joins the pipeline once it exists, below.
  let acceptTelemetry: ((message: InboundMessage) => void) | null = null;
  const drivers = new DriverService(
    database.db,
    devices,
    {
      submit: (message) => {
        if (!acceptTelemetry)
          throw new AppError("unavailable", "the ingest is starting; send the positions again");
        acceptTelemetry(message);
      },
    },
    alerts,
  );
  const tracking = new TrackingService(
    orders.orders,
    routing,
    alerts,
    log,
    {
      ...DEFAULT_TRACKING_RULES,
      delayGraceS: config.DELAY_GRACE_MINUTES * 60,
      signalLostS: config.SIGNAL_LOST_MINUTES * 60,
      stoppedTooLongS: config.STOPPED_TOO_LONG_MINUTES * 60,
      lateDepartureS: config.LATE_DEPARTURE_MINUTES * 60,
      offRoute: {
        offRouteM: config.OFF_ROUTE_METERS,
        backM: config.OFF_ROUTE_METERS / 2,
        sustainS: config.OFF_ROUTE_SECONDS,
        backS: Math.min(15, config.OFF_ROUTE_SECONDS),
      },
    },
    new DrizzlePlannedDepartures(database.db),
  );
  // Periodic and background jobs run on one instance of a cluster at a time (cluster.ts).
  const singletons = createSingletons(config, database, metrics.registry, log);
  singletons.add("tracking-sweep", trackingSweepJob(tracking, log));
  // Lost signals are swept where the vehicle's fixes are evaluated: on every instance, its own.
  const signalSweep = signalSweepLoop(tracking, log);
  signalSweep.start();
  closers.unshift(() => signalSweep.stop());
  // Delays, breakdowns, urgent and cancelled orders and road closures become re-routing proposals.
  const triggers = new ContingencyTriggers(
    database.db,
    contingency,
    {
      urgentPriority: config.URGENT_ORDER_PRIORITY,
      urgentHorizonMs: 12 * 3_600_000,
      cooldownMs: config.CONTINGENCY_COOLDOWN_MINUTES * 60_000,
      // Events that come together (a closure way by way, a batch of orders) are one trigger.
      settleMs: 1_000,
      maxEventAgeMs: 15 * 60_000,
      pollMs: 1000,
    },
    log,
  );
  routing.onRoadChange((organisationId, closure) =>
    triggers.roadChanged(
      organisationId,
      `road ${closure.kind === "closed" ? "closed" : "slowed"}: ${closure.reason}`,
    ),
  );
  alerts.onRaised((organisationId, alert) => {
    if (alert.kind === "signal_lost" && alert.vehicleId)
      triggers.vehicleOffline(organisationId, alert.vehicleId, alert.detail);
  });
  singletons.add("contingency-triggers", triggers);
  singletons.add("live-relay", new LiveRelay(database.db, live, log));
  closers.unshift(() => tracking.idle());
  metrics.watchTracking(tracking);
  const liveMatching = await startSpeedLearning(config, pool, database, metrics, log, closers);
  const plans = new PlanService(database.db, routing, planner, live, orders.orders);
  // Plans left running by a stopped server: only when no other instance may be running one.
  if ((await singletons.countPeers()) === 0) await plans.recoverInterrupted();
  const app = createHttpApp({
    log,
    auth,
    identity,
    organisations: new OrganisationService(identity, auth),
    routing,
    vehicles,
    orders,
    drivers,
    plans,
    alerts,
    trips: new TripService(database.db, telemetry, vehicles, routing),
    contingency,
    webhooks: webhooks.service,
    unsubscribe: notifications.unsubscribe,
    telemetry,
    readiness,
    registry: metrics.registry,
    baseMap,
    mapStyleUrl: config.MAP_STYLE_URL || null,
    dashboardDir,
  });
  const httpServer = await listenHttp(app.fetch, config);
  httpPort = (httpServer.address() as AddressInfo).port;
  closers.unshift(() => new Promise<void>((resolve) => httpServer.close(() => resolve())));
  // Webhooks and customer notifications, delivered from the outbox. The singletons stop (and free
  // their locks) after the ingest, before the database closes.
  singletons.add("webhook-dispatcher", webhooks.dispatcher);
  singletons.add("notification-dispatcher", notifications.dispatcher);
  await singletons.start();
  closers.unshift(async () => {
    await singletons.close();
    notifications.close();
  });
  // On PostgreSQL, broadcasts also reach the dashboards connected to the other instances.
  const fanout = database.kind === "postgres" ? createPostgresFanout(config.DATABASE_URL, log) : null;
  const io = createRealtimeServer(
    httpServer,
    auth,
    (delta) => metrics.socketClients.inc(delta),
    fanout?.adapter,
  );
  live.attach(io);
  const broadcaster = new SocketPositionBroadcaster(io);
  closers.unshift(async () => {
    broadcaster.close();
    await io.close();
    await fanout?.close();
  });

  // Each vehicle's stored positions are evaluated by one instance, whichever stored them.
  const trackingFeed = await createTrackingFeed({
    config,
    database,
    observers: liveMatching ? [tracking, liveMatching] : [tracking],
    history: telemetry,
    registry: metrics.registry,
    log,
  });
  closers.unshift(() => trackingFeed.close());
  const pipeline = createIngestPipeline({
    store: telemetry,
    devices,
    broadcaster,
    tracker: trackingFeed.feed,
    rules: {
      futureToleranceMs: config.FUTURE_FIX_TOLERANCE_SECONDS * 1000,
      maxPlausibleSpeedKmh: config.MAX_PLAUSIBLE_SPEED_KMH,
      jumpFloorM: 500,
    },
    rateLimit: { perSecond: config.DEVICE_RATE_LIMIT_PER_SECOND, burst: config.DEVICE_RATE_BURST },
    storeBatchMax: config.STORE_BATCH_MAX,
    observer: ingestObserver(metrics, log),
  });
  let lastMessageAt = 0;
  acceptTelemetry = (message) => pipeline.accept(message);
  await joinIngestGroup({
    config,
    database,
    singletons,
    accept: (message) => pipeline.accept(message),
    registry: metrics.registry,
    log,
  });
  const mqtt = await connectMqtt(config, devices, metrics, log, (message) => {
    lastMessageAt = performance.now();
    pipeline.accept(message);
  });
  session = mqtt.session;
  closers.unshift(async () => {
    // Embedded broker: it dies with us, so first take in everything it already acknowledged.
    if (mqtt.broker) {
      await mqtt.broker.disconnectDevices();
      await waitUntilQuiet(
        () => performance.now() - lastMessageAt > 200 && mqtt.session.unacknowledged === 0,
        10_000,
      );
    }
    mqtt.session.pause();
    await pipeline.drain();
    await mqtt.session.close();
    await mqtt.broker?.close();
  });

  const url = `http://${config.HOST === "0.0.0.0" ? "localhost" : config.HOST}:${httpPort}`;
  if (options.demo) {
    demo = await startDemoFleet({
      identity,
      auth,
      vehiclesRepo,
      vehicleService: vehicles,
      routing,
      organisationId: bootstrap.organisationId,
      brokerUrl: mqtt.deviceUrl,
      fleetSize: options.demo.vehicles,
      intervalMs: options.demo.intervalMs,
      log,
    });
    closers.unshift(() => demo?.stop());
  }
  log.info(
    { url, database: database.kind, mqtt: config.MQTT_URL ? "external" : `embedded :${mqtt.broker?.port}` },
    "waybill started",
  );
  return {
    config,
    url,
    httpPort,
    mqttUrl: mqtt.deviceUrl,
    generatedAdminKey: bootstrap.generatedAdminKey,
    demoLogin: demo?.login ?? null,
    metrics,
    database,
    close: () => closeAll(closers, log),
  };
}

/**
 * Speeds learned from the fleet fed back into routing (every instance applies the stored ones),
 * and, with LIVE_MATCHING on, live map matching of every stored position to learn them.
 */
async function startSpeedLearning(
  config: Config,
  pool: RoutingPool,
  database: Database,
  metrics: Metrics,
  log: Logger,
  closers: (() => Promise<void> | void)[],
): Promise<LiveMatching | null> {
  const store = new RoadSpeedStatsRepository(database.db);
  const learning = new SpeedLearning(store, pool, log, config.LEARNED_SPEEDS_REFRESH_SECONDS * 1000);
  await learning.start();
  closers.unshift(() => learning.stop());
  if (!config.LIVE_MATCHING) return null;
  const matching = new LiveMatching(pool, learning, log);
  matching.start();
  closers.unshift(() => matching.stop());
  metrics.watchMatching({ counts: matching.counts, learnedEdges: () => learning.learnedEdges });
  return matching;
}

function listenHttp(fetch: Parameters<typeof serve>[0]["fetch"], config: Config) {
  return new Promise<import("node:http").Server>((resolve, reject) => {
    // Slow clients: headers must arrive within HTTP_HEADERS_TIMEOUT_SECONDS and the whole request
    // within HTTP_REQUEST_TIMEOUT_SECONDS (a proof photo on a weak phone signal needs minutes); Node
    // checks both every second and answers 408.
    const serverOptions = {
      headersTimeout: config.HTTP_HEADERS_TIMEOUT_SECONDS * 1000,
      requestTimeout:
        Math.max(config.HTTP_REQUEST_TIMEOUT_SECONDS, config.HTTP_HEADERS_TIMEOUT_SECONDS) * 1000,
      connectionsCheckingInterval: 1000,
    };
    const server = serve({ fetch, port: config.PORT, hostname: config.HOST, serverOptions }, () =>
      resolve(server as import("node:http").Server),
    );
    server.once("error", (error) =>
      reject(new Error(`cannot listen on ${config.HOST}:${config.PORT}: ${error.message}`)),
    );
  });
}

async function connectMqtt(
  config: Config,
  devices: DrizzleDeviceDirectory,
  metrics: Metrics,
  log: Logger,
  onMessage: ConstructorParameters<typeof MqttIngestSession>[0]["onMessage"],
): Promise<{ session: MqttIngestSession; broker: EmbeddedBroker | null; deviceUrl: string }> {
  let broker: EmbeddedBroker | null = null;
  let url = config.MQTT_URL;
  let credentials: { username?: string; password?: string } = {};
  if (!url) {
    const internal = { username: "waybill-ingest", password: newSecret("int") };
    broker = await startEmbeddedBroker({
      host: config.HOST,
      port: config.MQTT_PORT,
      devices,
      internal,
      observer: {
        authenticationFailed: (username) => log.warn({ username }, "MQTT authentication failed"),
        publishDenied: (clientId, topic) => {
          metrics.rejected("topic_not_allowed");
          log.warn({ clientId, topic }, "MQTT publish denied");
        },
      },
    });
    url = `mqtt://127.0.0.1:${broker.port}`;
    credentials = internal;
  } else {
    const parsed = new URL(url);
    if (parsed.username)
      credentials = {
        username: decodeURIComponent(parsed.username),
        password: decodeURIComponent(parsed.password),
      };
  }
  const share = config.MQTT_SHARE_GROUP;
  const session = new MqttIngestSession({
    url,
    clientId: config.MQTT_CLIENT_ID,
    ...credentials,
    protocolVersion: broker ? 4 : 5,
    topicFilters: TELEMETRY_TOPIC_FILTERS.map((f) => (share && !broker ? `$share/${share}/${f}` : f)),
    receiveMaximum: config.INGEST_INFLIGHT_MAX,
    onMessage,
    onStatus: (status, detail) => log.info({ status, detail }, "MQTT ingest session"),
  });
  try {
    await session.start();
  } catch (error) {
    await broker?.close();
    throw error;
  }
  return { session, broker, deviceUrl: broker ? url : redactUrl(config.MQTT_URL) };
}

const redactUrl = (url: string) => url.replace(/\/\/[^@/]*@/, "//");

function ingestObserver(metrics: Metrics, log: Logger): IngestObserver {
  return {
    received: () => metrics.telemetryReceived.inc(),
    rejected: (work) => {
      for (const r of work.rejects) metrics.rejected(r.reason);
      log.debug(
        { topic: work.message.topic, reasons: work.rejects.map((r) => r.reason) },
        "telemetry rejected",
      );
    },
    stored: ({ positions, inserted, durationMs }) => {
      metrics.positionsStored.inc(inserted);
      metrics.storeBatchSize.observe(positions);
      metrics.storeDuration.observe(durationMs / 1000);
    },
    storeFailed: (error, attempt) => {
      metrics.storeFailures.inc();
      log.error({ err: error, attempt }, "storing telemetry failed; retrying, nothing acknowledged");
    },
    stageFailed: (stage, error, work) =>
      log.error({ err: error, stage, topic: work.message.topic }, "pipeline stage failed"),
  };
}

async function waitUntilQuiet(quiet: () => boolean, timeoutMs: number): Promise<void> {
  const started = performance.now();
  while (!quiet() && performance.now() - started < timeoutMs)
    await new Promise((resolve) => setTimeout(resolve, 25));
}

async function closeAll(closers: (() => Promise<void> | void)[], log: Logger): Promise<void> {
  for (const close of closers.splice(0)) {
    try {
      await close();
    } catch (error) {
      log.error({ err: error }, "error while shutting down");
    }
  }
}
