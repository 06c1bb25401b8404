import { newId, newSecret, sha256Hex } from "../adapters/crypto/secrets";
import type { IdentityRepository } from "../adapters/db/repositories/identity.repository";
import type { AuthService } from "./auth.service";

/** What the first start created, to tell the person who started it (once). */
export interface BootstrapResult {
  readonly organisationId: string;
  /** A generated admin key, present only on the first start without WAYBILL_ADMIN_KEY. */
  readonly generatedAdminKey: string | null;
}

/**
 * Makes sure the operator organisation exists and, when `WAYBILL_ADMIN_KEY` is set, that an admin
 * key with exactly that value exists. On the very first start without it, generates one.
 */
export async function bootstrapOperator(
  identity: IdentityRepository,
  auth: AuthService,
  adminKey: string | undefined,
): Promise<BootstrapResult> {
  let operator = await identity.operatorOrganisation();
  const firstStart = operator === null;
  if (!operator) {
    const id = newId("org");
    await identity.createOrganisation({ id, name: "Operator", isOperator: true });
    operator = { id, name: "Operator", isOperator: true, createdAt: new Date() };
  }
  if (adminKey !== undefined) {
    if (!(await identity.apiKeyExists(sha256Hex(adminKey)))) {
      await auth.createApiKey(operator.id, "WAYBILL_ADMIN_KEY", "admin", adminKey);
    }
    return { organisationId: operator.id, generatedAdminKey: null };
  }
  if (!firstStart) return { organisationId: operator.id, generatedAdminKey: null };
  const generated = newSecret("wbk");
  await auth.createApiKey(operator.id, "generated at first start", "admin", generated);
  return { organisationId: operator.id, generatedAdminKey: generated };
}
