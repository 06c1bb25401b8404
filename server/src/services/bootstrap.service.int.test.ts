import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { IdentityRepository } from "../adapters/db/repositories/identity.repository";
import { openTestDatabase, type TestDatabase } from "../adapters/db/testing/test-database";
import { AuthService } from "./auth.service";
import { bootstrapOperator } from "./bootstrap.service";

let database: TestDatabase;
let identity: IdentityRepository;
let auth: AuthService;
beforeAll(async () => {
  database = await openTestDatabase();
  identity = new IdentityRepository(database.db);
  auth = new AuthService(identity, 3_600_000);
});
afterAll(() => database.dispose());
beforeEach(() => database.truncate());

describe(bootstrapOperator.name, () => {
  it("generates an admin key on the first start only, and it works", async () => {
    const first = await bootstrapOperator(identity, auth, undefined);
    expect(first.generatedAdminKey).toMatch(/^wbk_/);
    const principal = await auth.authenticate(first.generatedAdminKey!);
    expect(principal).toMatchObject({
      role: "admin",
      organisationId: first.organisationId,
      isOperator: true,
    });
    const second = await bootstrapOperator(identity, auth, undefined);
    expect(second).toEqual({ organisationId: first.organisationId, generatedAdminKey: null });
  });

  it("makes WAYBILL_ADMIN_KEY an admin key with exactly that value, once", async () => {
    const key = "a-configured-admin-key-of-enough-length";
    const result = await bootstrapOperator(identity, auth, key);
    expect(result.generatedAdminKey).toBeNull();
    await bootstrapOperator(identity, auth, key);
    expect(await identity.listApiKeys(result.organisationId)).toHaveLength(1);
    expect(await auth.authenticate(key)).toMatchObject({ role: "admin" });
  });

  it("adds the configured key on a later start too", async () => {
    const first = await bootstrapOperator(identity, auth, undefined);
    await bootstrapOperator(identity, auth, "another-configured-admin-key-0123456789");
    expect(await identity.listApiKeys(first.organisationId)).toHaveLength(2);
  });
});
