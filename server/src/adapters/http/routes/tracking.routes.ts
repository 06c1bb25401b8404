import { FeedbackBody } from "@waybill/shared";
import { Hono } from "hono";
import { streetsNear } from "../../../domain/road/streets-near";
import type { TrackingService } from "../../../services/orders/tracking.service";
import type { HttpEnv } from "../http-env";
import { parseJsonBody } from "../validation";
import type { BaseMapSource } from "./map.routes";

/** How far around the delivery address the customer's map shows streets, metres. */
const STREETS_RADIUS_M = 1_000;

/**
 * The customer's tracking link, public: the signed token is the credential and opens one order
 * alone. Never cached by shared caches.
 */
export function trackingRoutes(tracking: TrackingService, baseMap: BaseMapSource) {
  return new Hono<HttpEnv>()
    .use(async (c, next) => {
      await next();
      c.header("cache-control", "private, no-store");
      c.header("referrer-policy", "no-referrer");
    })
    .get("/:token", async (c) => c.json(await tracking.view(c.req.param("token"))))
    .get("/:token/streets", async (c) => {
      const { destination } = await tracking.view(c.req.param("token"));
      return c.json(streetsNear(await baseMap.streets(), destination, STREETS_RADIUS_M));
    })
    .post("/:token/feedback", async (c) => {
      const body = await parseJsonBody(c, FeedbackBody);
      return c.json({ feedback: await tracking.feedback(c.req.param("token"), body) }, 201);
    })
    .get("/:token/proof-files/:fileId", async (c) => {
      const file = await tracking.proofFile(c.req.param("token"), c.req.param("fileId"));
      return c.body(file.content as Uint8Array<ArrayBuffer>, 200, { "content-type": file.contentType });
    });
}
