import {
  CreateWebhookBody,
  ReplayWebhookBody,
  UpdateWebhookBody,
  WebhookDeliveriesQuery,
} from "@waybill/shared";
import { Hono } from "hono";
import type { AuthService } from "../../../services/auth.service";
import type { WebhookService } from "../../../services/webhook.service";
import type { HttpEnv } from "../http-env";
import { authenticate, requireRole } from "../middleware/authenticate";
import { parseJsonBody, validate } from "../validation";

/** Webhook subscriptions of the caller's organisation, their delivery log and replays. */
export function webhookRoutes(auth: AuthService, webhooks: WebhookService) {
  return new Hono<HttpEnv>()
    .use(authenticate(auth), requireRole("admin", "dispatcher", "integration"))
    .post("/", async (c) => {
      const body = await parseJsonBody(c, CreateWebhookBody);
      const created = await webhooks.create(c.get("principal").organisationId, body);
      return c.json(created, 201, { location: `/api/v1/webhooks/${created.id}` });
    })
    .get("/", async (c) => c.json(await webhooks.list(c.get("principal").organisationId)))
    .get("/:id", async (c) =>
      c.json(await webhooks.get(c.get("principal").organisationId, c.req.param("id"))),
    )
    .patch("/:id", async (c) => {
      const body = await parseJsonBody(c, UpdateWebhookBody);
      return c.json(await webhooks.update(c.get("principal").organisationId, c.req.param("id"), body));
    })
    .delete("/:id", async (c) => {
      await webhooks.delete(c.get("principal").organisationId, c.req.param("id"));
      return c.body(null, 204);
    })
    .post("/:id/rotate-secret", async (c) =>
      c.json(await webhooks.rotateSecret(c.get("principal").organisationId, c.req.param("id"))),
    )
    .get("/:id/deliveries", async (c) => {
      const page = validate(WebhookDeliveriesQuery, c.req.query(), "query");
      return c.json(await webhooks.deliveries(c.get("principal").organisationId, c.req.param("id"), page));
    })
    .post("/:id/replay", async (c) => {
      const body = await parseJsonBody(c, ReplayWebhookBody);
      const replay = await webhooks.replay(c.get("principal").organisationId, c.req.param("id"), body);
      return c.json(replay, 202);
    });
}
