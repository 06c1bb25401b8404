import { ApproveProposalBody, ContingencyPolicyBody, CreateProposalBody } from "@waybill/shared";
import { Hono } from "hono";
import type { AuthService } from "../../../services/auth.service";
import type { ContingencyService } from "../../../services/contingency/contingency.service";
import { actorOf } from "../actor";
import type { HttpEnv } from "../http-env";
import { authenticate, requireRole } from "../middleware/authenticate";
import { parseJsonBody } from "../validation";

/** Contingency proposals: ask for one, review the difference, approve or reject. */
export function proposalRoutes(auth: AuthService, contingency: ContingencyService) {
  return new Hono<HttpEnv>()
    .use(authenticate(auth), requireRole("admin", "dispatcher"))
    .post("/", async (c) => {
      const body = await parseJsonBody(c, CreateProposalBody);
      const proposal = await contingency.propose(
        c.get("principal").organisationId,
        { kind: body.trigger, vehicleId: body.vehicleId ?? null, detail: body.detail ?? null },
        body.timeLimitSeconds,
      );
      return c.json(proposal, 201, { location: `/api/v1/proposals/${proposal.id}` });
    })
    .get("/", async (c) => c.json(await contingency.list(c.get("principal").organisationId)))
    .get("/:id", async (c) =>
      c.json(await contingency.get(c.get("principal").organisationId, c.req.param("id"))),
    )
    .post("/:id/approve", async (c) => {
      const p = c.get("principal");
      // The body is optional: without one, the whole proposal is carried out.
      const hasBody = Number(c.req.header("content-length") ?? 0) > 0;
      const { keepStopIds } = hasBody ? await parseJsonBody(c, ApproveProposalBody) : { keepStopIds: [] };
      const keep = new Set(keepStopIds);
      return c.json(await contingency.approve(p.organisationId, c.req.param("id"), actorOf(p), keep));
    })
    .post("/:id/reject", async (c) => {
      const p = c.get("principal");
      return c.json(await contingency.reject(p.organisationId, c.req.param("id"), actorOf(p)));
    });
}

/** The organisation's policy for proposals raised by triggers: read by dispatchers, set by admins. */
export function contingencyPolicyRoutes(auth: AuthService, contingency: ContingencyService) {
  return new Hono<HttpEnv>()
    .use(authenticate(auth))
    .get("/", requireRole("admin", "dispatcher"), async (c) =>
      c.json(await contingency.policy(c.get("principal").organisationId)),
    )
    .put("/", requireRole("admin"), async (c) => {
      const body = await parseJsonBody(c, ContingencyPolicyBody);
      const p = c.get("principal");
      return c.json(await contingency.setPolicy(p.organisationId, body, actorOf(p)));
    });
}
