import { createHmac, timingSafeEqual } from "node:crypto";

/** Whom an unsubscribe link is for: a customer's email address at one organisation. */
export interface UnsubscribeSubject {
  readonly organisationId: string;
  readonly email: string;
}

/**
 * A token for an unsubscribe link: the subject in base64url, a dot, and its HMAC-SHA256 with
 * `key`. It never expires (an unsubscribe link must keep working) and cannot be forged without
 * the key.
 *
 * @example
 * signUnsubscribeToken(key, { organisationId: "org_1", email: "ada@example.com" }); // "WyJvcmdfMSIs....Xk3..."
 */
export function signUnsubscribeToken(key: Buffer, subject: UnsubscribeSubject): string {
  const payload = Buffer.from(JSON.stringify([subject.organisationId, subject.email.toLowerCase()])).toString(
    "base64url",
  );
  return `${payload}.${macOf(key, payload).toString("base64url")}`;
}

/** The subject of a token signed with `key`, or null when it is malformed or forged. */
export function readUnsubscribeToken(key: Buffer, token: string): UnsubscribeSubject | null {
  const [payload, signature, ...rest] = token.split(".");
  if (!payload || !signature || rest.length > 0) return null;
  const expected = macOf(key, payload);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const subject: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  if (!Array.isArray(subject) || typeof subject[0] !== "string" || typeof subject[1] !== "string")
    return null;
  return { organisationId: subject[0], email: subject[1] };
}

const macOf = (key: Buffer, payload: string): Buffer => createHmac("sha256", key).update(payload).digest();
