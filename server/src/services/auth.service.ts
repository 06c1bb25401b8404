import type { Role, SessionDto, SignInBody } from "@waybill/shared";
import { hashPassword, newId, newSecret, sha256Hex, verifyPassword } from "../adapters/crypto/secrets";
import type { IdentityRepository, Principal } from "../adapters/db/repositories/identity.repository";
import { AppError } from "./app-error";

/** Session tokens start with this, API keys with `wbk_` (or are the configured admin key). */
const SESSION_PREFIX = "wbs";

// A real hash to compare against when the email is unknown, so timing does not reveal accounts.
const DUMMY_HASH = hashPassword("not a real password");

/** Sign-in, sign-out and resolving a bearer token to a {@link Principal}. */
export class AuthService {
  constructor(
    private readonly identity: IdentityRepository,
    private readonly sessionTtlMs: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Signs a person in; the same error for an unknown email and a wrong password. */
  async signIn(body: SignInBody): Promise<SessionDto> {
    const user = await this.identity.userByEmail(body.email);
    const valid = await verifyPassword(body.password, user?.passwordHash ?? (await DUMMY_HASH));
    if (!user || !valid) throw new AppError("unauthenticated", "email or password is wrong");
    const token = newSecret(SESSION_PREFIX);
    const expiresAt = new Date(this.now().getTime() + this.sessionTtlMs);
    await this.identity.createSession({
      id: newId("ses"),
      userId: user.id,
      tokenHash: sha256Hex(token),
      expiresAt,
    });
    return {
      token,
      expiresAt: expiresAt.toISOString(),
      user: { id: user.id, email: user.email, name: user.name, role: user.role },
      organisation: { id: user.organisation.id, name: user.organisation.name },
    };
  }

  async signOut(token: string): Promise<void> {
    await this.identity.deleteSession(sha256Hex(token));
  }

  /** The principal of a bearer token (session or API key), or null. */
  async authenticate(token: string): Promise<Principal | null> {
    if (token.length < 16 || token.length > 512) return null;
    const hash = sha256Hex(token);
    return token.startsWith(`${SESSION_PREFIX}_`)
      ? this.identity.principalBySession(hash, this.now())
      : this.identity.principalByApiKey(hash);
  }

  /** Creates an API key; the key itself is returned this once and stored only as a hash. */
  async createApiKey(
    organisationId: string,
    name: string,
    role: Exclude<Role, "driver">,
    key = newSecret("wbk"),
  ) {
    const id = newId("key");
    await this.identity.createApiKey({
      id,
      organisationId,
      name,
      role,
      keyHash: sha256Hex(key),
      keyPrefix: key.slice(0, 8),
    });
    return { id, name, role, key, keyPrefix: key.slice(0, 8) };
  }

  /** Creates a person; a taken email is a conflict. */
  async createUser(
    organisationId: string,
    input: { email: string; name: string; password: string; role: "admin" | "dispatcher" | "driver" },
  ) {
    if (await this.identity.userByEmail(input.email))
      throw new AppError("conflict", `a user with email ${input.email} exists`, [
        { field: "email", reason: "already taken" },
      ]);
    const id = newId("usr");
    await this.identity.createUser({
      id,
      organisationId,
      email: input.email,
      name: input.name,
      role: input.role,
      passwordHash: await hashPassword(input.password),
    });
    return { id, email: input.email.toLowerCase(), name: input.name, role: input.role };
  }
}
