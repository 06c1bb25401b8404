import { Hono } from "hono";
import { z } from "zod";
import type { AuthService } from "../../../services/auth.service";
import type { KpiService } from "../../../services/orders/kpi.service";
import type { HttpEnv } from "../http-env";
import { authenticate, requireRole } from "../middleware/authenticate";
import { validate } from "../validation";

const KpiQuery = z
  .strictObject({
    from: z.iso
      .date()
      .or(z.iso.datetime({ offset: true }))
      .optional(),
    to: z.iso
      .date()
      .or(z.iso.datetime({ offset: true }))
      .optional(),
    channel: z.string().max(40).optional(),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), {
    message: "must be after from",
    path: ["to"],
  });

/** `GET /kpis`: order lead time, on-time rate, first-attempt success, accuracy and returns. */
export function kpiRoutes(auth: AuthService, kpis: KpiService) {
  return new Hono<HttpEnv>()
    .use(authenticate(auth), requireRole("admin", "dispatcher", "integration"))
    .get("/", async (c) => {
      const query = validate(KpiQuery, c.req.query(), "query");
      return c.json(
        await kpis.report(c.get("principal").organisationId, {
          ...(query.from ? { from: new Date(query.from) } : {}),
          ...(query.to ? { to: new Date(query.to) } : {}),
          ...(query.channel ? { channel: query.channel } : {}),
        }),
      );
    });
}
