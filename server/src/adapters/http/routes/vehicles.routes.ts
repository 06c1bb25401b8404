import { CreateVehicleBody } from "@waybill/shared";
import { Hono } from "hono";
import { z } from "zod";
import type { AuthService } from "../../../services/auth.service";
import { dayAsGpx, type TripService } from "../../../services/tracking/trip.service";
import type { VehicleService } from "../../../services/vehicle.service";
import type { HttpEnv } from "../http-env";
import { authenticate, requireRole } from "../middleware/authenticate";
import { parseJsonBody, validate } from "../validation";

const DAY_MS = 86_400_000;

/** An ISO-8601 time with offset, or epoch milliseconds. */
const instant = z.string().transform((value, ctx) => {
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (Number.isNaN(ms))
    ctx.addIssue({ code: "custom", message: "must be an ISO-8601 time or epoch milliseconds" });
  return ms;
});

const TrackQuery = z
  .object({ from: instant.optional(), to: instant.optional() })
  .transform(({ from, to }) => {
    const toAt = to ?? Date.now();
    return { fromAt: from ?? toAt - DAY_MS, toAt };
  })
  .refine((q) => q.fromAt <= q.toAt, { message: "from must not be after to", path: ["from"] })
  .refine((q) => q.toAt - q.fromAt <= 31 * DAY_MS, {
    message: "the range may span at most 31 days",
    path: ["to"],
  });

const TripsQuery = z.strictObject({
  date: z.iso.date({ error: "a date YYYY-MM-DD" }),
  timeZone: z.string().max(64).default("UTC"),
  format: z.enum(["geojson", "gpx"]).optional(),
  raw: z
    .enum(["true", "false"])
    .transform((value) => value === "true")
    .optional(),
});

/** Vehicles of the caller's organisation, their latest position, their tracks and their days' trips. */
export function vehicleRoutes(auth: AuthService, vehicles: VehicleService, trips: TripService) {
  const readers = requireRole("admin", "dispatcher", "integration");
  return new Hono<HttpEnv>()
    .use(authenticate(auth))
    .post("/", requireRole("admin", "dispatcher"), async (c) => {
      const body = await parseJsonBody(c, CreateVehicleBody);
      const created = await vehicles.create(c.get("principal").organisationId, body);
      return c.json(created, 201, { location: `/api/v1/vehicles/${created.id}` });
    })
    .get("/", readers, async (c) => c.json(await vehicles.list(c.get("principal").organisationId)))
    .get("/:id", readers, async (c) =>
      c.json(await vehicles.get(c.get("principal").organisationId, c.req.param("id"))),
    )
    .get("/:id/trips", readers, async (c) => {
      const query = validate(TripsQuery, c.req.query(), "query");
      const day = await trips.day(
        c.get("principal").organisationId,
        c.req.param("id"),
        query.date,
        query.timeZone,
        { raw: query.raw ?? false },
      );
      const gpx = query.format === "gpx" || (c.req.header("accept") ?? "").includes("application/gpx+xml");
      if (gpx) return c.body(dayAsGpx(day), 200, { "content-type": "application/gpx+xml; charset=utf-8" });
      return c.json(day, 200, { "content-type": "application/geo+json" });
    })
    .get("/:id/positions", readers, async (c) => {
      const { fromAt, toAt } = validate(TrackQuery, c.req.query(), "query");
      const id = c.req.param("id");
      const track = await vehicles.track(c.get("principal").organisationId, id, fromAt, toAt);
      if (!(c.req.header("accept") ?? "").includes("application/geo+json")) return c.json(track);
      return c.json(trackFeature(id, track), 200, { "content-type": "application/geo+json" });
    });
}

function trackFeature(vehicleId: string, track: Awaited<ReturnType<VehicleService["track"]>>) {
  return {
    type: "Feature",
    geometry: { type: "LineString", coordinates: track.map((p) => [p.lng, p.lat]) },
    properties: { vehicleId, fixAt: track.map((p) => p.fixAt), speedKmh: track.map((p) => p.speedKmh) },
  };
}
