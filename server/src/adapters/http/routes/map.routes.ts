import type { StreetsCollection } from "@waybill/shared";
import { Hono } from "hono";
import type { AuthService } from "../../../services/auth.service";
import type { HttpEnv } from "../http-env";
import { authenticate } from "../middleware/authenticate";

/** GeoJSON the dashboard draws as its offline base map. */
export interface BaseMapSource {
  streets(): Promise<StreetsCollection>;
}

/** Base map data for the dashboard: the routing engine's road network. */
export function mapRoutes(auth: AuthService, baseMap: BaseMapSource) {
  return new Hono<HttpEnv>()
    .use(authenticate(auth))
    .get("/streets", async (c) => c.json(await baseMap.streets()));
}
