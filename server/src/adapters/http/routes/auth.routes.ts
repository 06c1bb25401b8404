import { type MeDto, SignInBody } from "@waybill/shared";
import { Hono } from "hono";
import type { AuthService } from "../../../services/auth.service";
import type { HttpEnv } from "../http-env";
import { authenticate, bearerToken } from "../middleware/authenticate";
import { parseJsonBody } from "../validation";

/** Sign-in and sign-out of people, and who the caller is. */
export function authRoutes(auth: AuthService, clientConfig: { mapStyleUrl: string | null }) {
  return new Hono<HttpEnv>()
    .post("/auth/sessions", async (c) => c.json(await auth.signIn(await parseJsonBody(c, SignInBody)), 201))
    .delete("/auth/sessions/current", authenticate(auth), async (c) => {
      await auth.signOut(bearerToken(c.req.header("authorization"))!);
      return c.body(null, 204);
    })
    .get("/me", authenticate(auth), (c) => {
      const p = c.get("principal");
      return c.json<MeDto>({
        user: { id: p.id, kind: p.kind, name: p.name, email: p.email, role: p.role },
        organisation: { id: p.organisationId, name: p.organisationName },
        mapStyleUrl: clientConfig.mapStyleUrl,
      });
    });
}
