import { hostname } from "node:os";
import { isAbsolute, resolve } from "node:path";
import { z } from "zod";

const port = (fallback: number) =>
  z.coerce
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(0, "must be 0-65535 (0 picks a free port)")
    .max(65535, "must be 0-65535 (0 picks a free port)")
    .default(fallback);

const urlWithScheme = (schemes: readonly string[]) =>
  z
    .string()
    .trim()
    .refine((value) => value === "" || schemes.some((s) => value.startsWith(`${s}://`)), {
      message: `must be empty or a URL starting with ${schemes.map((s) => `${s}://`).join(" or ")}`,
    })
    .default("");

/**
 * Every setting of the server, with its meaning, unit and default. Parsed once at start; every
 * bad value is reported at once (see {@link loadConfig}).
 */
const EnvSchema = z.object({
  /** HTTP port of the API, the live channel and the dashboard. 0 picks a free port. */
  PORT: port(8080),
  /** Address the HTTP server and the embedded broker bind to. */
  HOST: z.string().trim().min(1).default("0.0.0.0"),
  /** PostgreSQL URL. Empty: embedded PGlite stored under DATA_DIR. */
  DATABASE_URL: urlWithScheme(["postgres", "postgresql"]),
  /** Folder for the embedded database and the generated secrets of a local run. */
  DATA_DIR: z.string().trim().min(1).default(".waybill"),
  /** External MQTT broker URL. Empty: an embedded broker listens on MQTT_PORT. */
  MQTT_URL: urlWithScheme(["mqtt", "mqtts", "tcp"]),
  /** Port of the embedded broker (not 1883, which a real broker may hold). 0 picks a free port. */
  MQTT_PORT: port(1884),
  /** Client id of the ingest session; its broker session (queued QoS 1 messages) survives restarts. Unique per instance: with MQTT_SHARE_GROUP the default ends in -PORT. */
  MQTT_CLIENT_ID: z.string().trim().min(1).max(64).default(`waybill-ingest-${hostname()}`),
  /** MQTT shared-subscription group (MQTT 5 brokers only): instances in one group split telemetry. */
  MQTT_SHARE_GROUP: z.string().trim().default(""),
  /** How often an instance competes for the singleton jobs and looks for sessions of dead instances to take over, seconds. */
  CLUSTER_CHECK_INTERVAL_SECONDS: z.coerce.number().min(0.05).max(300).default(5),
  /** Admin API key. Set: a key with exactly this value exists after start. Unset on first start: one is generated and printed once. */
  WAYBILL_ADMIN_KEY: z.string().trim().min(24, "must be at least 24 characters").optional(),
  /** Map style URL for the dashboard (a tile provider's style.json). Empty: the offline style. */
  MAP_STYLE_URL: z.string().trim().url("must be a URL").or(z.literal("")).default(""),
  /** Lifetime of a person's sign-in session, hours. */
  SESSION_TTL_HOURS: z.coerce.number().positive("must be > 0").default(12),
  /** A fix more than this far ahead of the server clock is rejected as future_fix, seconds. */
  FUTURE_FIX_TOLERANCE_SECONDS: z.coerce.number().min(0).default(300),
  /** Implied speed between two fixes above which the newer one is an implausible jump, km/h. */
  MAX_PLAUSIBLE_SPEED_KMH: z.coerce.number().positive().default(300),
  /** Sustained telemetry messages per second one device may send; more are rejected as rate_limited. 0: no limit. */
  DEVICE_RATE_LIMIT_PER_SECOND: z.coerce.number().min(0).max(100_000).default(20),
  /** Messages a device may send at once above its rate (a backlog flushed after a dead spot). */
  DEVICE_RATE_BURST: z.coerce.number().int("must be a whole number").min(1).max(1_000_000).default(600),
  /** A client must send its request headers within this many seconds (slow clients are cut off with 408). */
  HTTP_HEADERS_TIMEOUT_SECONDS: z.coerce.number().positive().max(600).default(15),
  /** A client must send its whole request, body included, within this many seconds. */
  HTTP_REQUEST_TIMEOUT_SECONDS: z.coerce.number().positive().max(3600).default(300),
  /** Orders at or above this priority are urgent: a new one for today triggers a re-routing proposal. */
  URGENT_ORDER_PRIORITY: z.coerce.number().int().min(1).max(100).default(50),
  /** Least time between two triggered re-routing proposals of one organisation (breakdowns never wait). */
  CONTINGENCY_COOLDOWN_MINUTES: z.coerce.number().min(0).max(240).default(5),
  /** Largest number of positions written in one INSERT. */
  STORE_BATCH_MAX: z.coerce.number().int().min(1).max(10_000).default(1000),
  /** Unacknowledged QoS 1 messages the ingest accepts at once (MQTT receive maximum). */
  INGEST_INFLIGHT_MAX: z.coerce.number().int().min(1).max(65535).default(2000),
  /** OpenStreetMap file (.osm.pbf, .osm, .osm.gz) to route on; imported once into DATA_DIR/graph. Empty: the last import, else the synthetic demo town. */
  OSM_FILE: z.string().trim().default(""),
  /** Worker threads that answer routing requests (each holds the road graph). */
  ROUTING_WORKERS: z.coerce.number().int("must be a whole number").min(1).max(16).default(1),
  /** An ETA this many minutes past the promised window raises a delay (shipment.delayed, exception milestone). */
  DELAY_GRACE_MINUTES: z.coerce.number().min(0).max(240).default(5),
  /** No position for this many minutes from a vehicle on its route raises a signal_lost alert. */
  SIGNAL_LOST_MINUTES: z.coerce.number().positive().max(240).default(5),
  /** Standing still this many minutes away from every stop raises a stopped_too_long alert. */
  STOPPED_TOO_LONG_MINUTES: z.coerce
    .number()
    .positive()
    .max(24 * 60)
    .default(15),
  /** Farther than this from its planned route (for OFF_ROUTE_SECONDS) raises off_route and gives the vehicle a fresh route, metres. */
  OFF_ROUTE_METERS: z.coerce.number().min(20).max(5_000).default(100),
  /** How long a vehicle must stay beyond OFF_ROUTE_METERS before it counts as off route, seconds. */
  OFF_ROUTE_SECONDS: z.coerce.number().min(0).max(3_600).default(60),
  /** Still at its start this many minutes after the planned departure (applied plan) raises late_departure. */
  LATE_DEPARTURE_MINUTES: z.coerce
    .number()
    .min(0)
    .max(24 * 60)
    .default(15),
  /** Map-match every stored position to the road network in the routing workers and learn the fleet's speeds per road and hour (on or off). */
  LIVE_MATCHING: z
    .enum(["on", "off"], { error: "must be on or off" })
    .default("on")
    .transform((value) => value === "on"),
  /** How often learned road speeds are stored (added to every instance's) and routing takes them up, seconds; also at each new hour. */
  LEARNED_SPEEDS_REFRESH_SECONDS: z.coerce.number().min(0.5).max(86_400).default(300),
  /** Worker threads that compute route plans (each plans one at a time; plans queue beyond). */
  PLANNING_WORKERS: z.coerce.number().int("must be a whole number").min(1).max(16).default(1),
  /** Vans the demo of `pnpm start` drives. */
  DEMO_VEHICLES: z.coerce.number().int("must be a whole number").min(1).max(2000).default(12),
  /** Address customers and webhook receivers reach this server at (tracking links, unsubscribe links). Empty: http://localhost:PORT. */
  PUBLIC_URL: z.string().trim().url("must be a URL").or(z.literal("")).default(""),
  /** Days a customer's tracking link stays valid after the order is created. */
  TRACKING_LINK_TTL_DAYS: z.coerce.number().positive("must be > 0").max(3650).default(60),
  /** SMTP server for customer emails (smtp://user:pass@host:port, smtps://...). Empty: emails are recorded as not sent. */
  SMTP_URL: urlWithScheme(["smtp", "smtps"]),
  /** Sender address of customer emails. */
  MAIL_FROM: z.string().trim().min(3).default("Waybill <no-reply@waybill.localhost>"),
  /** An ETA change is told to the customer only when it moves by more than this, minutes (or leaves the promised window). */
  NOTIFY_ETA_THRESHOLD_MINUTES: z.coerce.number().min(0).default(15),
  /** Allow webhook targets on loopback and private networks (development and tests only: server-side request forgery). */
  WEBHOOK_ALLOW_PRIVATE_TARGETS: z
    .enum(["true", "false"], { error: "must be true or false" })
    .default("false")
    .transform((value) => value === "true"),
  /** Log level: fatal, error, warn, info, debug, trace or silent. */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

/** The validated, frozen configuration. */
export type Config = Readonly<z.infer<typeof EnvSchema>> & { readonly dataDir: string };

/** Thrown when one or more settings are invalid; the message lists every one of them. */
export class ConfigError extends Error {
  constructor(readonly issues: readonly string[]) {
    super(`Invalid configuration:\n${issues.map((issue) => `  - ${issue}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/**
 * Validates the environment once. Empty strings count as unset for optional values.
 *
 * @example
 * const config = loadConfig(process.env);
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(
      ([key, value]) => key in EnvSchema.shape && !(value === "" && isOptional(key)),
    ),
  );
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map(
        (issue) => `${issue.path.join(".")}: ${issue.message} (got ${show(env, issue)})`,
      ),
    );
  }
  const dataDir = isAbsolute(parsed.data.DATA_DIR) ? parsed.data.DATA_DIR : resolve(parsed.data.DATA_DIR);
  // Instances of one group on one host must not share a client id (each would take over the other's session).
  const MQTT_CLIENT_ID =
    cleaned.MQTT_CLIENT_ID === undefined && parsed.data.MQTT_SHARE_GROUP
      ? `${parsed.data.MQTT_CLIENT_ID}-${parsed.data.PORT}`
      : parsed.data.MQTT_CLIENT_ID;
  return Object.freeze({ ...parsed.data, MQTT_CLIENT_ID, dataDir });
}

const isOptional = (key: string): boolean =>
  !["DATABASE_URL", "MQTT_URL", "MAP_STYLE_URL", "OSM_FILE", "PUBLIC_URL", "SMTP_URL"].includes(key);

function show(env: Record<string, string | undefined>, issue: z.core.$ZodIssue): string {
  const key = String(issue.path[0]);
  if (key === "WAYBILL_ADMIN_KEY") return "a value that is not shown";
  const value = env[key];
  return value === undefined ? "nothing" : JSON.stringify(value);
}
