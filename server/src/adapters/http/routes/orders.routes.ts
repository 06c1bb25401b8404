import {
  CreateOrderBody,
  ORDER_STATUSES,
  OrderStatusBody,
  RescheduleBody,
  ReturnRequestBody,
} from "@waybill/shared";
import { Hono } from "hono";
import { z } from "zod";
import { AppError } from "../../../services/app-error";
import type { AuthService } from "../../../services/auth.service";
import { type OrderService, requestHashOf } from "../../../services/orders/order.service";
import type { OrderImportService } from "../../../services/orders/order-import.service";
import type { TrackingService } from "../../../services/orders/tracking.service";
import { actorOf } from "../actor";
import type { HttpEnv } from "../http-env";
import { authenticate, requireRole } from "../middleware/authenticate";
import { parseJsonBody, validate } from "../validation";

/** A date (read as midnight UTC) or a date-time with offset. */
const DateOrInstant = z
  .string()
  .refine((value) => !Number.isNaN(Date.parse(value)), "must be an ISO-8601 date or date-time")
  .transform((value) => new Date(value));

const ListQuery = z.strictObject({
  status: z
    .string()
    .transform((value) => value.split(","))
    .pipe(z.array(z.enum(ORDER_STATUSES)))
    .optional(),
  channel: z.string().max(40).optional(),
  externalRef: z.string().max(120).optional(),
  q: z.string().trim().min(1).max(100).optional(),
  vehicleId: z.string().max(64).optional(),
  from: DateOrInstant.optional(),
  to: DateOrInstant.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const IdempotencyKey = z
  .string()
  .regex(/^[\x21-\x7e]{1,255}$/, "1-255 printable ASCII characters without spaces");

const ReturnToSenderBody = z.strictObject({ reason: z.string().trim().max(500).optional() });

/** Orders: creation (idempotent), bulk import, the order system's transitions, returns, status. */
export function orderRoutes(
  auth: AuthService,
  orders: OrderService,
  imports: OrderImportService,
  tracking: TrackingService,
) {
  const writers = requireRole("admin", "dispatcher", "integration");
  const dispatch = requireRole("admin", "dispatcher");
  return new Hono<HttpEnv>()
    .use(authenticate(auth), requireRole("admin", "dispatcher", "integration"))
    .post("/", writers, async (c) => {
      const text = await c.req.text();
      const body = validate(CreateOrderBody, parseJson(text), "body");
      const header = c.req.header("idempotency-key");
      const claim =
        header === undefined
          ? null
          : {
              key: validate(IdempotencyKey, header, "Idempotency-Key"),
              requestHash: requestHashOf("POST", c.req.path, text),
            };
      const principal = c.get("principal");
      const { order, replayed } = await orders.create(
        principal.organisationId,
        body,
        actorOf(principal),
        claim,
      );
      return c.json(order, 201, {
        location: `/api/v1/orders/${order.id}`,
        ...(replayed ? { "idempotent-replayed": "true" } : {}),
      });
    })
    .post("/import", writers, async (c) => {
      const principal = c.get("principal");
      const type = c.req.header("content-type") ?? "";
      const report = type.includes("text/csv")
        ? await imports.importCsv(principal.organisationId, await c.req.text(), actorOf(principal))
        : await imports.importJson(
            principal.organisationId,
            parseJson(await c.req.text()),
            actorOf(principal),
          );
      return c.json(report, report.created > 0 || report.failed === 0 ? 200 : 422);
    })
    .get("/", async (c) => {
      const { cursor, status, q, ...query } = validate(ListQuery, c.req.query(), "query");
      const filters = { ...query, ...(status ? { statuses: status } : {}), ...(q ? { text: q } : {}) };
      return c.json(await orders.list(c.get("principal").organisationId, filters, cursor ?? null));
    })
    .get("/by-ref/:externalRef", async (c) =>
      c.json(await orders.getByExternalRef(c.get("principal").organisationId, c.req.param("externalRef"))),
    )
    .get("/:id", async (c) => c.json(await orders.get(c.get("principal").organisationId, c.req.param("id"))))
    .post("/:id/status", writers, async (c) => {
      const body = await parseJsonBody(c, OrderStatusBody);
      const p = c.get("principal");
      return c.json(
        await orders.setStatus(
          p.organisationId,
          c.req.param("id"),
          body.status,
          body.reason ?? null,
          actorOf(p),
        ),
      );
    })
    .post("/:id/return", writers, async (c) => {
      const body = await parseJsonBody(c, ReturnRequestBody);
      const p = c.get("principal");
      return c.json(await orders.requestReturn(p.organisationId, c.req.param("id"), body, actorOf(p)));
    })
    .post("/:id/reschedule", writers, async (c) => {
      const body = await parseJsonBody(c, RescheduleBody);
      const p = c.get("principal");
      return c.json(await orders.reschedule(p.organisationId, c.req.param("id"), body, actorOf(p)));
    })
    .post("/:id/return-to-sender", dispatch, async (c) => {
      const body = await parseJsonBody(c, ReturnToSenderBody);
      const p = c.get("principal");
      return c.json(
        await orders.returnToSender(p.organisationId, c.req.param("id"), body.reason ?? null, actorOf(p)),
      );
    })
    .post("/:id/tracking-link", writers, async (c) =>
      c.json(await tracking.reissue(c.get("principal").organisationId, c.req.param("id")), 201),
    )
    .delete("/:id/tracking-link", writers, async (c) => {
      await tracking.revoke(c.get("principal").organisationId, c.req.param("id"));
      return c.body(null, 204);
    });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "the body is not valid JSON (send Content-Type: application/json)");
  }
}
