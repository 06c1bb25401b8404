import { Hono } from "hono";
import { z } from "zod";
import type { TelemetryStore } from "../../../ports/telemetry-store";
import type { AuthService } from "../../../services/auth.service";
import type { HttpEnv } from "../http-env";
import { authenticate, requireRole } from "../middleware/authenticate";
import { validate } from "../validation";

const RejectedQuery = z.object({
  limit: z.coerce.number().int("must be a whole number").min(1).max(1000).default(100),
  before: z.coerce.number().int().positive().optional(),
});

/** The ingest's dead letters: what devices sent that was rejected, and why. */
export function telemetryRoutes(auth: AuthService, store: TelemetryStore) {
  return new Hono<HttpEnv>()
    .use(authenticate(auth), requireRole("admin", "dispatcher"))
    .get("/rejected", async (c) => {
      const { limit, before } = validate(RejectedQuery, c.req.query(), "query");
      const p = c.get("principal");
      const scope = {
        organisationId: p.organisationId,
        includeUnattributed: p.isOperator && p.role === "admin",
      };
      const rows = await store.rejected(scope, limit, before);
      return c.json({
        items: rows.map((r) => ({ ...r, receivedAt: new Date(r.receivedAt).toISOString() })),
        next:
          rows.length === limit
            ? `/api/v1/telemetry/rejected?limit=${limit}&before=${rows.at(-1)!.id}`
            : null,
      });
    });
}
