import { CreateApiKeyBody, CreateOrganisationBody, CreateUserBody } from "@waybill/shared";
import { Hono } from "hono";
import { AppError } from "../../../services/app-error";
import type { AuthService } from "../../../services/auth.service";
import type { OrganisationService } from "../../../services/organisation.service";
import type { IdentityRepository } from "../../db/repositories/identity.repository";
import type { HttpEnv } from "../http-env";
import { authenticate, requireRole } from "../middleware/authenticate";
import { parseJsonBody } from "../validation";

/** People and API keys of the caller's organisation (admins only). */
export function adminRoutes(
  auth: AuthService,
  identity: IdentityRepository,
  organisations: OrganisationService,
) {
  // Mounted at the API root: middleware per route, so it guards only these paths.
  const signedIn = authenticate(auth);
  const admin = requireRole("admin");
  return new Hono<HttpEnv>()
    .post("/organisations", signedIn, admin, async (c) => {
      const body = await parseJsonBody(c, CreateOrganisationBody);
      return c.json(await organisations.create(c.get("principal"), body), 201);
    })
    .post("/users", signedIn, admin, async (c) =>
      c.json(
        await auth.createUser(c.get("principal").organisationId, await parseJsonBody(c, CreateUserBody)),
        201,
      ),
    )
    .get("/users", signedIn, admin, async (c) => {
      const rows = await identity.listUsers(c.get("principal").organisationId);
      return c.json(rows.map(({ passwordHash: _, ...user }) => user));
    })
    .post("/api-keys", signedIn, admin, async (c) => {
      const body = await parseJsonBody(c, CreateApiKeyBody);
      return c.json(await auth.createApiKey(c.get("principal").organisationId, body.name, body.role), 201);
    })
    .get("/api-keys", signedIn, admin, async (c) =>
      c.json(await identity.listApiKeys(c.get("principal").organisationId)),
    )
    .delete("/api-keys/:id", signedIn, admin, async (c) => {
      const revoked = await identity.revokeApiKey(
        c.get("principal").organisationId,
        c.req.param("id"),
        new Date(),
      );
      if (!revoked)
        throw new AppError("not_found", `API key ${c.req.param("id")} does not exist or is already revoked`);
      return c.body(null, 204);
    });
}
