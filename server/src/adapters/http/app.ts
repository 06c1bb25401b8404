import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import type { Logger } from "pino";
import type { Registry } from "prom-client";
import type { TelemetryStore } from "../../ports/telemetry-store";
import type { AuthService } from "../../services/auth.service";
import type { ContingencyService } from "../../services/contingency/contingency.service";
import type { DriverService } from "../../services/driver.service";
import type { UnsubscribeService } from "../../services/notification-unsubscribe";
import type { OrderModule } from "../../services/orders/order-module";
import type { OrganisationService } from "../../services/organisation.service";
import type { PlanService } from "../../services/plans/plan.service";
import type { RoutingService } from "../../services/routing.service";
import type { AlertService } from "../../services/tracking/alert.service";
import type { TripService } from "../../services/tracking/trip.service";
import type { VehicleService } from "../../services/vehicle.service";
import type { WebhookService } from "../../services/webhook.service";
import type { IdentityRepository } from "../db/repositories/identity.repository";
import { renderApiDocs } from "./api-docs";
import { createErrorHandler, problem } from "./error-handler";
import type { HttpEnv } from "./http-env";
import { openApiDocument } from "./openapi";
import { adminRoutes } from "./routes/admin.routes";
import { alertRoutes } from "./routes/alerts.routes";
import { authRoutes } from "./routes/auth.routes";
import { driverRoutes } from "./routes/driver.routes";
import { kpiRoutes } from "./routes/kpis.routes";
import { type BaseMapSource, mapRoutes } from "./routes/map.routes";
import { opsRoutes, type ReadinessProbe } from "./routes/ops.routes";
import { orderRoutes } from "./routes/orders.routes";
import { planRoutes } from "./routes/plans.routes";
import { proofFileRoutes } from "./routes/proof-files.routes";
import { contingencyPolicyRoutes, proposalRoutes } from "./routes/proposals.routes";
import { roadClosureRoutes } from "./routes/road-closures.routes";
import { routingRoutes } from "./routes/routing.routes";
import { stopRoutes } from "./routes/stops.routes";
import { telemetryRoutes } from "./routes/telemetry.routes";
import { trackingRoutes } from "./routes/tracking.routes";
import { unsubscribeRoutes } from "./routes/unsubscribe.routes";
import { vehicleRoutes } from "./routes/vehicles.routes";
import { webhookRoutes } from "./routes/webhooks.routes";

/** Everything the HTTP API calls into. */
export interface HttpDeps {
  readonly log: Logger;
  readonly auth: AuthService;
  readonly identity: IdentityRepository;
  readonly organisations: OrganisationService;
  readonly vehicles: VehicleService;
  readonly routing: RoutingService;
  readonly orders: OrderModule;
  readonly drivers: DriverService;
  readonly plans: PlanService;
  readonly alerts: AlertService;
  readonly trips: TripService;
  readonly contingency: ContingencyService;
  readonly webhooks: WebhookService;
  readonly unsubscribe: UnsubscribeService;
  readonly telemetry: TelemetryStore;
  readonly readiness: ReadinessProbe;
  readonly registry: Registry;
  readonly baseMap: BaseMapSource;
  readonly mapStyleUrl: string | null;
  /** Folder of the built dashboard; null serves no dashboard. */
  readonly dashboardDir: string | null;
}

/** Largest accepted request body, bytes: JSON requests, bulk imports, proof-of-delivery uploads. */
const BODY_LIMITS = { json: 1024 * 1024, import: 10 * 1024 * 1024, upload: 40 * 1024 * 1024 } as const;

const bodyKindOf = (path: string): keyof typeof BODY_LIMITS =>
  /^\/api\/v1\/stops\/[^/]+\/proof$/.test(path)
    ? "upload"
    : path === "/api/v1/orders/import"
      ? "import"
      : "json";

const bodyLimits = Object.fromEntries(
  Object.entries(BODY_LIMITS).map(([kind, maxSize]) => [
    kind,
    bodyLimit({
      maxSize,
      onError: (c) => problem(c, 413, "payload_too_large", `the body exceeds ${maxSize} bytes`),
    }),
  ]),
) as Record<keyof typeof BODY_LIMITS, ReturnType<typeof bodyLimit>>;

/** The hono application: API under /api/v1, operations endpoints, docs and the dashboard. */
export function createHttpApp(deps: HttpDeps): Hono<HttpEnv> {
  const doc = openApiDocument();
  const docsHtml = renderApiDocs(doc);
  const api = new Hono<HttpEnv>()
    .route("/", authRoutes(deps.auth, { mapStyleUrl: deps.mapStyleUrl }))
    .route("/vehicles", vehicleRoutes(deps.auth, deps.vehicles, deps.trips))
    .route("/telemetry", telemetryRoutes(deps.auth, deps.telemetry))
    .route("/map", mapRoutes(deps.auth, deps.baseMap))
    .route("/road-closures", roadClosureRoutes(deps.auth, deps.routing))
    .route("/orders", orderRoutes(deps.auth, deps.orders.orders, deps.orders.imports, deps.orders.tracking))
    .route("/stops", stopRoutes(deps.auth, deps.orders.orders, deps.orders.proofs))
    .route("/proof-files", proofFileRoutes(deps.auth, deps.orders.tracking))
    .route("/kpis", kpiRoutes(deps.auth, deps.orders.kpis))
    .route("/driver", driverRoutes(deps.auth, deps.drivers))
    .route("/plans", planRoutes(deps.auth, deps.plans))
    .route("/alerts", alertRoutes(deps.auth, deps.alerts))
    .route("/proposals", proposalRoutes(deps.auth, deps.contingency))
    .route("/contingency-policy", contingencyPolicyRoutes(deps.auth, deps.contingency))
    .route("/track", trackingRoutes(deps.orders.tracking, deps.baseMap))
    .route("/webhooks", webhookRoutes(deps.auth, deps.webhooks))
    .route("/unsubscribe", unsubscribeRoutes(deps.unsubscribe))
    .route("/", routingRoutes(deps.auth, deps.routing))
    .route("/", adminRoutes(deps.auth, deps.identity, deps.organisations));
  const app = new Hono<HttpEnv>()
    .use(requestId())
    .use(secureHeaders({ contentSecurityPolicy: undefined, crossOriginEmbedderPolicy: false }))
    .use("/api/*", (c, next) => bodyLimits[bodyKindOf(c.req.path)](c, next))
    .route("/", opsRoutes(deps.readiness, deps.registry))
    .get("/api/openapi.json", (c) => c.json(doc))
    .get("/api/docs", (c) => c.html(docsHtml))
    .route("/api/v1", api)
    .all("/api/*", (c) => problem(c, 404, "not_found", `no API route ${c.req.method} ${c.req.path}`));
  if (deps.dashboardDir) mountDashboard(app, deps.dashboardDir);
  app.notFound((c) => problem(c, 404, "not_found", `nothing at ${c.req.path}`));
  app.onError(createErrorHandler(deps.log));
  return app;
}

/**
 * Serves the built dashboard: the customer's tracking page (its own light entry) at
 * /track/{token}, never stored by caches as its URL holds the token; the driver's app at /driver
 * and /driver/*; index.html for every other unknown path (client-side routes).
 */
function mountDashboard(app: Hono<HttpEnv>, dir: string): void {
  const indexFile = join(dir, "index.html");
  if (!existsSync(indexFile)) return;
  const indexHtml = readFileSync(indexFile, "utf8");
  const trackFile = join(dir, "track.html");
  const trackHtml = existsSync(trackFile) ? readFileSync(trackFile, "utf8") : null;
  const driverFile = join(dir, "driver.html");
  const driverHtml = existsSync(driverFile) ? readFileSync(driverFile, "utf8") : null;
  app.use("/*", serveStatic({ root: dir }));
  if (driverHtml !== null) app.get("/driver/*", (c) => c.html(driverHtml));
  if (trackHtml !== null)
    app.get("/track/*", (c) => c.html(trackHtml, 200, { "cache-control": "private, no-store" }));
  app.get("/*", (c) => c.html(indexHtml));
}
