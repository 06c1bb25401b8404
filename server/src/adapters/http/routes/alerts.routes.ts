import { Hono } from "hono";
import { z } from "zod";
import type { AuthService } from "../../../services/auth.service";
import type { AlertService } from "../../../services/tracking/alert.service";
import type { HttpEnv } from "../http-env";
import { authenticate, requireRole } from "../middleware/authenticate";
import { validate } from "../validation";

const AlertsQuery = z.strictObject({
  open: z
    .enum(["true", "false"])
    .transform((value) => value === "true")
    .optional(),
});

/** Delays and exceptions for dispatchers: list and acknowledge (they also arrive on the live channel). */
export function alertRoutes(auth: AuthService, alerts: AlertService) {
  return new Hono<HttpEnv>()
    .use(authenticate(auth), requireRole("admin", "dispatcher"))
    .get("/", async (c) => {
      const { open } = validate(AlertsQuery, c.req.query(), "query");
      return c.json(await alerts.list(c.get("principal").organisationId, open === undefined ? {} : { open }));
    })
    .post("/:id/acknowledge", async (c) => {
      const p = c.get("principal");
      return c.json(await alerts.acknowledge(p.organisationId, c.req.param("id"), p.id));
    });
}
