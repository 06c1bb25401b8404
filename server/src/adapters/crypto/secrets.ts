import { createHash, randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";

const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

/**
 * A new opaque id with a type prefix, 20 random base32 characters (100 bits).
 *
 * @example
 * newId("veh"); // "veh_3k9x..."
 */
export function newId(prefix: string): string {
  const bytes = randomBytes(20);
  let out = `${prefix}_`;
  for (const byte of bytes) out += ALPHABET[byte & 31];
  return out;
}

/** A new bearer secret (API key, session token, device secret): prefix + 256 random bits. */
export const newSecret = (prefix: string): string => `${prefix}_${randomBytes(32).toString("base64url")}`;

/**
 * SHA-256 of a high-entropy secret, hex. Random 256-bit secrets need no slow hash; passwords do
 * (see {@link hashPassword}).
 */
export const sha256Hex = (secret: string): string => createHash("sha256").update(secret).digest("hex");

const SCRYPT = { N: 16_384, r: 8, p: 1, keyLength: 32 } as const;

/** Hashes a person's password with scrypt and a random salt, in a self-describing string. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password, salt, SCRYPT.keyLength, { ...SCRYPT, maxmem: 64 * 1024 * 1024 });
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString("base64")}$${hash.toString("base64")}`;
}

/** Checks a password against a {@link hashPassword} string in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64");
  const params = { N: Number(n), r: Number(r), p: Number(p), maxmem: 64 * 1024 * 1024 };
  const actual = await scryptAsync(password, Buffer.from(salt, "base64"), expected.length, params);
  return timingSafeEqual(actual, expected);
}
