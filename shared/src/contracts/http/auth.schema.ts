import { z } from "zod";

/** Roles of people and API keys. `integration` is for API keys of order systems only. */
export const ROLES = ["admin", "dispatcher", "driver", "integration"] as const;
/** One of {@link ROLES}. */
export type Role = (typeof ROLES)[number];

/** Body of `POST /api/v1/auth/sessions` (sign in). */
export const SignInBody = z.strictObject({
  email: z.email("must be an email address"),
  password: z.string().min(1, "must not be empty").max(200),
});
/** Parsed sign-in body. */
export type SignInBody = z.infer<typeof SignInBody>;

/** Response of a successful sign-in: a bearer token for HTTP and socket handshakes. */
export interface SessionDto {
  readonly token: string;
  readonly expiresAt: string;
  readonly user: { readonly id: string; readonly email: string; readonly name: string; readonly role: Role };
  readonly organisation: { readonly id: string; readonly name: string };
}

/** Body of `POST /api/v1/api-keys`. */
export const CreateApiKeyBody = z.strictObject({
  name: z.string().trim().min(1).max(120),
  role: z.enum(["admin", "dispatcher", "integration"]),
});

/** Body of `POST /api/v1/users`. */
export const CreateUserBody = z.strictObject({
  email: z.email("must be an email address"),
  name: z.string().trim().min(1).max(120),
  password: z.string().min(10, "at least 10 characters").max(200),
  role: z.enum(["admin", "dispatcher", "driver"]),
});

/** Body of `POST /api/v1/organisations` (operator admins): a new tenant and its first admin. */
export const CreateOrganisationBody = z.strictObject({
  name: z.string().trim().min(1, "must not be empty").max(120),
  admin: z.strictObject({
    email: z.email("must be an email address"),
    name: z.string().trim().min(1).max(120),
    password: z.string().min(10, "at least 10 characters").max(200),
  }),
});

/** Response of `GET /api/v1/me`. `mapStyleUrl` null means "draw the built-in offline style". */
export interface MeDto {
  /** A person (kind user) or an API key (kind api_key, no email). */
  readonly user: {
    readonly id: string;
    readonly kind: "user" | "api_key";
    readonly name: string;
    readonly email: string | null;
    readonly role: Role;
  };
  readonly organisation: SessionDto["organisation"];
  readonly mapStyleUrl: string | null;
}
