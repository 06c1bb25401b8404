import { Hono } from "hono";
import type { AuthService } from "../../../services/auth.service";
import type { HttpEnv } from "../http-env";
import { authenticate } from "../middleware/authenticate";

/** GeoJSON the dashboard draws as its offline base map. */
export interface BaseMapSource {
  streets(): { type: "FeatureCollection"; features: unknown[] };
}

/** Base map data for the dashboard (streets until the road network of the routing engine exists). */
export function mapRoutes(auth: AuthService, baseMap: BaseMapSource) {
  return new Hono<HttpEnv>().use(authenticate(auth)).get("/streets", (c) => c.json(baseMap.streets()));
}
