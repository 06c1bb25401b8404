import type { CreateOrganisationBody } from "@waybill/shared";
import type { z } from "zod";
import { newId } from "../adapters/crypto/secrets";
import type { IdentityRepository, Principal } from "../adapters/db/repositories/identity.repository";
import { AppError } from "./app-error";
import type { AuthService } from "./auth.service";

/** Tenants. Only admins of the operator organisation create them. */
export class OrganisationService {
  constructor(
    private readonly identity: IdentityRepository,
    private readonly auth: AuthService,
  ) {}

  /** Creates an organisation with its first admin and an admin API key (returned this once). */
  async create(caller: Principal, body: z.infer<typeof CreateOrganisationBody>) {
    if (!caller.isOperator || caller.role !== "admin") {
      throw new AppError("forbidden", "only admins of the operator organisation create organisations");
    }
    if (await this.identity.userByEmail(body.admin.email)) {
      throw new AppError("conflict", `a user with email ${body.admin.email} exists`, [
        { field: "admin.email", reason: "already taken" },
      ]);
    }
    const id = newId("org");
    await this.identity.createOrganisation({ id, name: body.name, isOperator: false });
    const admin = await this.auth.createUser(id, { ...body.admin, role: "admin" });
    const apiKey = await this.auth.createApiKey(id, "first admin key", "admin");
    return { organisation: { id, name: body.name }, admin, apiKey };
  }
}
