import { CreatePlanBody, MovePlanStopBody } from "@waybill/shared";
import { Hono } from "hono";
import type { AuthService } from "../../../services/auth.service";
import type { PlanService } from "../../../services/plans/plan.service";
import { actorOf } from "../actor";
import type { HttpEnv } from "../http-env";
import { authenticate, requireRole } from "../middleware/authenticate";
import { parseJsonBody } from "../validation";

/** Route plans: start (asynchronous, progress on the live channel), review, edit by hand, apply. */
export function planRoutes(auth: AuthService, plans: PlanService) {
  return new Hono<HttpEnv>()
    .use(authenticate(auth), requireRole("admin", "dispatcher"))
    .post("/", async (c) => {
      const body = await parseJsonBody(c, CreatePlanBody);
      const p = c.get("principal");
      const plan = await plans.create(p.organisationId, body, actorOf(p));
      return c.json(plan, 202, { location: `/api/v1/plans/${plan.id}` });
    })
    .get("/", async (c) => c.json(await plans.list(c.get("principal").organisationId)))
    .get("/:id", async (c) => c.json(await plans.get(c.get("principal").organisationId, c.req.param("id"))))
    .post("/:id/cancel", async (c) =>
      c.json(await plans.cancel(c.get("principal").organisationId, c.req.param("id"))),
    )
    .post("/:id/move", async (c) => {
      const body = await parseJsonBody(c, MovePlanStopBody);
      return c.json(await plans.move(c.get("principal").organisationId, c.req.param("id"), body));
    })
    .post("/:id/apply", async (c) => {
      const p = c.get("principal");
      return c.json(await plans.apply(p.organisationId, c.req.param("id"), actorOf(p)));
    });
}
