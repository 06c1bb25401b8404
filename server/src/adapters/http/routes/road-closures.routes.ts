import { Hono } from "hono";
import { z } from "zod";
import type { AuthService } from "../../../services/auth.service";
import type { RoutingService } from "../../../services/routing.service";
import type { HttpEnv } from "../http-env";
import { authenticate, requireRole } from "../middleware/authenticate";
import { parseJsonBody } from "../validation";
import { LngLatSchema } from "./routing.routes";

const CreateClosureBody = z
  .strictObject({
    geometry: z.strictObject({
      type: z.literal("LineString"),
      coordinates: z.array(LngLatSchema).min(2, "a line needs at least 2 points").max(500),
    }),
    reason: z.string().trim().min(1, "say why the road is closed").max(500),
    /** Omit to close the road; a factor in [0.05, 1] slows it instead (0.5 = half speed). */
    speedFactor: z
      .number()
      .min(0.05, "must be at least 0.05 (omit it to close the road)")
      .max(1, "must be at most 1")
      .optional(),
    startsAt: z.iso.datetime({ offset: true, message: "must be an ISO-8601 time with offset" }).optional(),
    endsAt: z.iso.datetime({ offset: true, message: "must be an ISO-8601 time with offset" }).optional(),
  })
  .refine((b) => !b.endsAt || Date.parse(b.endsAt) > Date.parse(b.startsAt ?? new Date().toISOString()), {
    message: "must be after startsAt (and in the future)",
    path: ["endsAt"],
  });

/** Road closures and slowdowns: routes and matrices avoid or slow the roads under them while they apply. */
export function roadClosureRoutes(auth: AuthService, routing: RoutingService) {
  return new Hono<HttpEnv>()
    .use(authenticate(auth), requireRole("admin", "dispatcher", "integration"))
    .post("/", requireRole("admin", "dispatcher"), async (c) => {
      const body = await parseJsonBody(c, CreateClosureBody);
      const p = c.get("principal");
      const closure = await routing.createClosure(p.organisationId, p.kind === "user" ? p.id : null, {
        coordinates: body.geometry.coordinates as [number, number][],
        reason: body.reason,
        ...(body.speedFactor === undefined ? {} : { speedFactor: body.speedFactor }),
        ...(body.startsAt ? { startsAt: new Date(body.startsAt) } : {}),
        ...(body.endsAt ? { endsAt: new Date(body.endsAt) } : {}),
      });
      return c.json(closure, 201, { location: `/api/v1/road-closures/${closure.id}` });
    })
    .get("/", async (c) => c.json(await routing.listClosures()))
    .delete("/:id", requireRole("admin", "dispatcher"), async (c) => {
      await routing.deleteClosure(c.get("principal").organisationId, c.req.param("id"));
      return c.body(null, 204);
    });
}
