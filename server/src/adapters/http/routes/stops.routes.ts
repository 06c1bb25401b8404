import { AssignStopBody, StopStatusBody } from "@waybill/shared";
import { Hono } from "hono";
import { z } from "zod";
import type { StopReport } from "../../../domain/orders/order-workflow";
import { AppError } from "../../../services/app-error";
import type { AuthService } from "../../../services/auth.service";
import type { OrderService, StopScope } from "../../../services/orders/order.service";
import {
  MAX_PROOF_PHOTOS,
  type ProofService,
  type UploadedFile,
} from "../../../services/orders/proof.service";
import type { Principal } from "../../db/repositories/identity.repository";
import { actorOf } from "../actor";
import type { HttpEnv } from "../http-env";
import { authenticate, requireRole } from "../middleware/authenticate";
import { parseJsonBody, validate } from "../validation";

const StopsQuery = z
  .strictObject({
    vehicleId: z.string().max(64).optional(),
    open: z
      .enum(["true", "false"])
      .transform((value) => value === "true")
      .optional(),
    completedSince: z.iso
      .datetime({ offset: true, error: "an ISO-8601 date-time with offset, e.g. 2026-12-06T00:00:00+01:00" })
      .transform((value) => new Date(value))
      .optional(),
  })
  // Open stops are never completed: asking for both can only mean a mistake, not an empty list.
  .refine((query) => !(query.open && query.completedSince), {
    path: ["completedSince"],
    message: "open=true lists stops still to serve; completedSince lists finished ones: ask separately",
  });

const UnassignBody = z.strictObject({ reason: z.string().trim().max(500).optional() });

/** A driver acts on the stops of their own route only; dispatchers on every stop of their organisation. */
const scopeOf = (principal: Principal): StopScope => ({
  organisationId: principal.organisationId,
  driverId: principal.kind === "user" && principal.role === "driver" ? principal.id : null,
});

/** Stops: the routes' execution, by drivers on the road and by dispatch. */
export function stopRoutes(auth: AuthService, orders: OrderService, proofs: ProofService) {
  const dispatch = requireRole("admin", "dispatcher");
  return new Hono<HttpEnv>()
    .use(authenticate(auth), requireRole("admin", "dispatcher", "driver"))
    .get("/", async (c) => {
      const query = validate(StopsQuery, c.req.query(), "query");
      const filter = {
        ...(query.vehicleId ? { vehicleId: query.vehicleId } : {}),
        ...(query.open === undefined ? {} : { open: query.open }),
        ...(query.completedSince ? { completedSince: query.completedSince } : {}),
      };
      return c.json(await orders.listStops(scopeOf(c.get("principal")), filter));
    })
    .post("/:id/assign", dispatch, async (c) => {
      const body = await parseJsonBody(c, AssignStopBody);
      const p = c.get("principal");
      const assignment = {
        vehicleId: body.vehicleId,
        driverId: body.driverId ?? null,
        sequence: body.sequence ?? null,
      };
      return c.json(await orders.assignStop(p.organisationId, c.req.param("id"), assignment, actorOf(p)));
    })
    .post("/:id/unassign", dispatch, async (c) => {
      const body = await parseJsonBody(c, UnassignBody);
      const p = c.get("principal");
      return c.json(
        await orders.unassignStop(p.organisationId, c.req.param("id"), body.reason ?? null, actorOf(p)),
      );
    })
    .post("/:id/proof", async (c) => {
      const form = await c.req.parseBody({ all: true }).catch(() => {
        throw new AppError("bad_request", "send the proof as multipart/form-data");
      });
      const p = c.get("principal");
      return c.json(
        await proofs.record(scopeOf(p), c.req.param("id"), await proofInput(form), actorOf(p)),
        201,
      );
    })
    .post("/:id/status", async (c) => {
      const body = await parseJsonBody(c, StopStatusBody);
      const p = c.get("principal");
      return c.json(await orders.reportStop(scopeOf(p), c.req.param("id"), reportOf(body), actorOf(p)));
    });
}

function reportOf(body: z.infer<typeof StopStatusBody>): StopReport {
  if (body.status !== "completed") return { status: body.status };
  if (body.outcome === "succeeded") return { status: "completed", outcome: "succeeded" };
  return {
    status: "completed",
    outcome: "failed",
    failureReason: body.failureReason ?? "other",
    note: body.note ?? null,
  };
}

const ProofFields = z.strictObject({
  recipientName: z.string().trim().min(1).max(200).optional(),
  note: z.string().trim().max(2000).optional(),
  lat: z.coerce.number().min(-90).max(90).optional(),
  lng: z.coerce.number().min(-180).max(180).optional(),
});

/** The multipart form of a proof: `signature` (one image), `photos` (images), and text fields. */
async function proofInput(form: Record<string, unknown>) {
  const { signature, photos, ...text } = form;
  const fields = validate(ProofFields, text, "form");
  const signatureFiles = await filesOf("signature", signature);
  const photoFiles = await filesOf("photos", photos);
  if (signatureFiles.length > 1)
    throw new AppError("validation_failed", "send one signature", [
      { field: "signature", reason: "more than one" },
    ]);
  if (photoFiles.length > MAX_PROOF_PHOTOS)
    throw new AppError("validation_failed", `at most ${MAX_PROOF_PHOTOS} photos`, [
      { field: "photos", reason: `more than ${MAX_PROOF_PHOTOS}` },
    ]);
  return {
    signature: signatureFiles[0] ?? null,
    photos: photoFiles,
    recipientName: fields.recipientName ?? null,
    note: fields.note ?? null,
    position:
      fields.lat !== undefined && fields.lng !== undefined ? { lat: fields.lat, lng: fields.lng } : null,
  };
}

async function filesOf(field: string, value: unknown): Promise<UploadedFile[]> {
  const values = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return Promise.all(
    values.map(async (item) => {
      if (!(item instanceof File))
        throw new AppError("validation_failed", `${field} must be a file`, [{ field, reason: "not a file" }]);
      return {
        field,
        name: item.name,
        declaredType: item.type,
        bytes: new Uint8Array(await item.arrayBuffer()),
      };
    }),
  );
}
