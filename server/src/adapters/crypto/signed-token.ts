import { createHmac, timingSafeEqual } from "node:crypto";

/** Length of the MAC in a token, base64url characters (132 bits). */
const MAC_CHARS = 22;

/**
 * Tokens that carry an id and prove they were issued by this installation: `<id>.<mac>`, the MAC an
 * HMAC-SHA256 of the id. Nothing secret is stored; the id finds the record (which may be revoked
 * or expired), the MAC makes ids impossible to guess or enumerate.
 *
 * @example
 * const tokens = new SignedTokens(key);
 * const token = tokens.sign("trk_abc"); // "trk_abc.Xy3..."
 * tokens.verify(token); // "trk_abc"
 */
export class SignedTokens {
  constructor(private readonly key: Buffer) {}

  sign(id: string): string {
    return `${id}.${this.mac(id)}`;
  }

  /** The id of a genuine token, null for anything else. */
  verify(token: string): string | null {
    const dot = token.lastIndexOf(".");
    if (dot <= 0 || token.length > 200) return null;
    const id = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1));
    const expected = Buffer.from(this.mac(id));
    return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
  }

  private mac(id: string): string {
    return createHmac("sha256", this.key).update(id).digest("base64url").slice(0, MAC_CHARS);
  }
}
