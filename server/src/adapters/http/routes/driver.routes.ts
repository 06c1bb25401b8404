import { IncidentBody, StartShiftBody } from "@waybill/shared";
import { Hono } from "hono";
import { z } from "zod";
import type { AuthService } from "../../../services/auth.service";
import type { DriverService } from "../../../services/driver.service";
import type { HttpEnv } from "../http-env";
import { authenticate, requireRole } from "../middleware/authenticate";
import { parseJsonBody } from "../validation";

/** The phone's positions: native fixes (validated by the ingest decoder, like MQTT messages). */
const PositionsBody = z.strictObject({
  fixes: z.array(z.unknown()).min(1, "send at least one fix").max(1000, "at most 1,000 fixes per request"),
});

/** The driver's own day: shift, route, position sharing and incidents. Drivers only, their own data only. */
export function driverRoutes(auth: AuthService, drivers: DriverService) {
  return new Hono<HttpEnv>()
    .use(authenticate(auth), requireRole("driver"))
    .get("/route", async (c) => {
      const p = c.get("principal");
      return c.json(await drivers.route(p.organisationId, p.id));
    })
    .post("/shift", async (c) => {
      const body = await parseJsonBody(c, StartShiftBody);
      const p = c.get("principal");
      return c.json(await drivers.startShift(p.organisationId, p.id, body.vehicleId), 201);
    })
    .delete("/shift", async (c) => {
      const p = c.get("principal");
      return c.json(await drivers.endShift(p.organisationId, p.id));
    })
    .post("/positions", async (c) => {
      const body = await parseJsonBody(c, PositionsBody);
      const p = c.get("principal");
      await drivers.submitPositions(p.organisationId, p.id, body.fixes);
      return c.json({ received: body.fixes.length }, 202);
    })
    .post("/incidents", async (c) => {
      const body = await parseJsonBody(c, IncidentBody);
      const p = c.get("principal");
      return c.json(await drivers.reportIncident(p.organisationId, p.id, body), 201);
    });
}
