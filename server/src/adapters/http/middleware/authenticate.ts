import type { Role } from "@waybill/shared";
import { createMiddleware } from "hono/factory";
import { AppError } from "../../../services/app-error";
import type { AuthService } from "../../../services/auth.service";
import type { HttpEnv } from "../http-env";

/** Reads `Authorization: Bearer <token>`; the token is a session token or an API key. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return match?.[1] ?? null;
}

/** Requires a valid bearer token and puts the caller's principal on the context. */
export function authenticate(auth: AuthService) {
  return createMiddleware<HttpEnv>(async (c, next) => {
    const token = bearerToken(c.req.header("authorization"));
    if (!token)
      throw new AppError("unauthenticated", "send Authorization: Bearer <API key or session token>");
    const principal = await auth.authenticate(token);
    if (!principal) throw new AppError("unauthenticated", "the token is unknown, revoked or expired");
    c.set("principal", principal);
    await next();
  });
}

/** Lets only the given roles through (after {@link authenticate}). */
export function requireRole(...roles: Role[]) {
  return createMiddleware<HttpEnv>(async (c, next) => {
    const { role } = c.get("principal");
    if (!roles.includes(role))
      throw new AppError("forbidden", `this needs one of the roles ${roles.join(", ")}; you are ${role}`);
    await next();
  });
}
