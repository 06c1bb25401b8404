import { createHmac, randomBytes } from "node:crypto";

const SECRET_PREFIX = "whsec_";

/**
 * A new signing secret as the Standard Webhooks specification writes it: `whsec_` and the base64
 * of 32 random bytes.
 */
export const newWebhookSecret = (): string => `${SECRET_PREFIX}${randomBytes(32).toString("base64")}`;

/** What one webhook request is signed over. */
export interface SignedContent {
  /** The event id: the same on every attempt, so receivers can drop duplicates. */
  readonly id: string;
  /** When this attempt is sent, unix seconds. */
  readonly timestampSeconds: number;
  /** The exact JSON body sent. */
  readonly body: string;
}

/**
 * The Standard Webhooks headers of a request: `webhook-signature` holds one `v1,<base64
 * HMAC-SHA256 of "id.timestamp.body">` per secret (several while a rotated secret is still valid),
 * separated by spaces.
 *
 * @example
 * webhookHeaders(["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"], { id: "evt_1", timestampSeconds: 1700000000, body: "{}" });
 */
export function webhookHeaders(secrets: readonly string[], content: SignedContent): Record<string, string> {
  const signed = `${content.id}.${content.timestampSeconds}.${content.body}`;
  const signatures = secrets.map(
    (secret) => `v1,${createHmac("sha256", keyOf(secret)).update(signed).digest("base64")}`,
  );
  return {
    "webhook-id": content.id,
    "webhook-timestamp": String(content.timestampSeconds),
    "webhook-signature": signatures.join(" "),
  };
}

function keyOf(secret: string): Buffer {
  if (!secret.startsWith(SECRET_PREFIX)) throw new Error(`a webhook secret starts with ${SECRET_PREFIX}`);
  return Buffer.from(secret.slice(SECRET_PREFIX.length), "base64");
}
