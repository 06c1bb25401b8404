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
import type { OrganisationService } from "../../services/organisation.service";
import type { RoutingService } from "../../services/routing.service";
import type { VehicleService } from "../../services/vehicle.service";
import type { IdentityRepository } from "../db/repositories/identity.repository";
import { renderApiDocs } from "./api-docs";
import { createErrorHandler, problem } from "./error-handler";
import type { HttpEnv } from "./http-env";
import { openApiDocument } from "./openapi";
import { adminRoutes } from "./routes/admin.routes";
import { authRoutes } from "./routes/auth.routes";
import { type BaseMapSource, mapRoutes } from "./routes/map.routes";
import { opsRoutes, type ReadinessProbe } from "./routes/ops.routes";
import { roadClosureRoutes } from "./routes/road-closures.routes";
import { routingRoutes } from "./routes/routing.routes";
import { telemetryRoutes } from "./routes/telemetry.routes";
import { vehicleRoutes } from "./routes/vehicles.routes";

/** Everything the HTTP API calls into. */
export interface HttpDeps {
  readonly log: Logger;
  readonly auth: AuthService;
  readonly identity: IdentityRepository;
  readonly organisations: OrganisationService;
  readonly vehicles: VehicleService;
  readonly routing: RoutingService;
  readonly telemetry: TelemetryStore;
  readonly readiness: ReadinessProbe;
  readonly registry: Registry;
  readonly baseMap: BaseMapSource;
  readonly mapStyleUrl: string | null;
  /** Folder of the built dashboard; null serves no dashboard. */
  readonly dashboardDir: string | null;
}

/** Largest accepted request body, bytes. */
const MAX_BODY_BYTES = 1024 * 1024;

/** The hono application: API under /api/v1, operations endpoints, docs and the dashboard. */
export function createHttpApp(deps: HttpDeps): Hono<HttpEnv> {
  const doc = openApiDocument();
  const docsHtml = renderApiDocs(doc);
  const api = new Hono<HttpEnv>()
    .route("/", authRoutes(deps.auth, { mapStyleUrl: deps.mapStyleUrl }))
    .route("/vehicles", vehicleRoutes(deps.auth, deps.vehicles))
    .route("/telemetry", telemetryRoutes(deps.auth, deps.telemetry))
    .route("/map", mapRoutes(deps.auth, deps.baseMap))
    .route("/road-closures", roadClosureRoutes(deps.auth, deps.routing))
    .route("/", routingRoutes(deps.auth, deps.routing))
    .route("/", adminRoutes(deps.auth, deps.identity, deps.organisations));
  const app = new Hono<HttpEnv>()
    .use(requestId())
    .use(secureHeaders({ contentSecurityPolicy: undefined, crossOriginEmbedderPolicy: false }))
    .use(
      "/api/*",
      bodyLimit({
        maxSize: MAX_BODY_BYTES,
        onError: (c) => problem(c, 413, "payload_too_large", `the body exceeds ${MAX_BODY_BYTES} bytes`),
      }),
    )
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

/** Serves the built dashboard; unknown paths get index.html (client-side routes). */
function mountDashboard(app: Hono<HttpEnv>, dir: string): void {
  const indexFile = join(dir, "index.html");
  if (!existsSync(indexFile)) return;
  const indexHtml = readFileSync(indexFile, "utf8");
  app.use("/*", serveStatic({ root: dir }));
  app.get("/*", (c) => c.html(indexHtml));
}
