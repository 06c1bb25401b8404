import { Hono } from "hono";
import type { AuthService } from "../../../services/auth.service";
import type { TrackingService } from "../../../services/orders/tracking.service";
import type { HttpEnv } from "../http-env";
import { authenticate, requireRole } from "../middleware/authenticate";

/** `GET /proof-files/{id}`: a signature or photo, to people and keys of the order's organisation. */
export function proofFileRoutes(auth: AuthService, tracking: TrackingService) {
  return new Hono<HttpEnv>()
    .use(authenticate(auth), requireRole("admin", "dispatcher", "integration"))
    .get("/:id", async (c) => {
      const file = await tracking.file(c.get("principal").organisationId, c.req.param("id"));
      return c.body(file.content as Uint8Array<ArrayBuffer>, 200, {
        "content-type": file.contentType,
        "cache-control": "private, max-age=3600",
      });
    });
}
