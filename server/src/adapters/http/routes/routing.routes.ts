import { Hono } from "hono";
import { z } from "zod";
import type { AuthService } from "../../../services/auth.service";
import type { RoutingService } from "../../../services/routing.service";
import type { HttpEnv } from "../http-env";
import { authenticate, requireRole } from "../middleware/authenticate";
import { parseJsonBody, validate } from "../validation";

/** A [lng, lat] pair in range. */
export const LngLatSchema = z.tuple([
  z.number().min(-180, "longitude must be >= -180").max(180, "longitude must be <= 180"),
  z.number().min(-90, "latitude must be >= -90").max(90, "latitude must be <= 90"),
]);

/** `lng,lat;lng,lat;...` (the OSRM convention) as [lng, lat] pairs. */
const PointList = z.string().transform((text, ctx) =>
  text.split(";").map((pair, index) => {
    const parts = pair.split(",").map((p) => (p.trim() === "" ? Number.NaN : Number(p)));
    const parsed = LngLatSchema.safeParse(parts);
    if (parts.length !== 2 || !parsed.success) {
      ctx.addIssue({
        code: "custom",
        path: [index],
        message: `expected "lng,lat" with longitude -180..180 and latitude -90..90, got ${JSON.stringify(pair.slice(0, 60))}`,
      });
      return [0, 0] as [number, number];
    }
    return parsed.data as [number, number];
  }),
);

const RouteQuery = z.object({
  points: PointList.pipe(z.array(z.any()).min(2, "give at least 2 points").max(25, "at most 25 points")),
  headings: z
    .string()
    .transform((text) => text.split(";").map((h) => (h.trim() === "" ? null : Number(h))))
    .pipe(z.array(z.number().min(0).max(360).nullable()))
    .optional(),
  steps: z.enum(["true", "false"]).default("true"),
});

const MatrixBody = z
  .strictObject({
    sources: z.array(LngLatSchema).min(1, "give at least 1 source").max(1000, "at most 1,000 sources"),
    targets: z.array(LngLatSchema).min(1).max(1000, "at most 1,000 targets").optional(),
  })
  .refine((b) => b.sources.length * (b.targets ?? b.sources).length <= 250_000, {
    message: "at most 250,000 cells (sources x targets)",
    path: ["targets"],
  });

const SnapQuery = z.object({
  point: PointList.pipe(z.array(z.any()).length(1, "give exactly one point")),
  heading: z.coerce.number().min(0).max(360).optional(),
});

/** Routes, matrices and snapping on the road network. */
export function routingRoutes(auth: AuthService, routing: RoutingService) {
  // Mounted at the API root: middleware per route, so it guards only these paths.
  const signedIn = authenticate(auth);
  return new Hono<HttpEnv>()
    .get("/route", signedIn, async (c) => {
      const q = validate(RouteQuery, c.req.query(), "query");
      const headings = q.headings ? { headingsDeg: q.headings } : {};
      return c.json(
        await routing.route(q.points as [number, number][], { ...headings, steps: q.steps === "true" }),
      );
    })
    .post("/matrix", signedIn, requireRole("admin", "dispatcher", "integration"), async (c) => {
      const body = await parseJsonBody(c, MatrixBody);
      const targets = body.targets ?? body.sources;
      return c.json(await routing.matrix(body.sources as [number, number][], targets as [number, number][]));
    })
    .get("/snap", signedIn, async (c) => {
      const q = validate(SnapQuery, c.req.query(), "query");
      return c.json(await routing.snap(q.point[0] as [number, number], q.heading));
    });
}
