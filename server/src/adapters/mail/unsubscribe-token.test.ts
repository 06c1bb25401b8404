import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { readUnsubscribeToken, signUnsubscribeToken } from "./unsubscribe-token";

const key = randomBytes(32);
const subject = { organisationId: "org_1", email: "Ada@Example.com" };

describe(signUnsubscribeToken.name, () => {
  it("gives a URL-safe token that reads back as the subject, email lowercased", () => {
    const token = signUnsubscribeToken(key, subject);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(readUnsubscribeToken(key, token)).toEqual({ organisationId: "org_1", email: "ada@example.com" });
  });
});

describe(readUnsubscribeToken.name, () => {
  const token = signUnsubscribeToken(key, subject);
  const [payload, mac] = token.split(".") as [string, string];

  it("refuses a token signed with another key", () => {
    expect(readUnsubscribeToken(randomBytes(32), token)).toBeNull();
  });

  it("refuses another subject under a copied signature", () => {
    const forged = Buffer.from(JSON.stringify(["org_2", "ada@example.com"])).toString("base64url");
    expect(readUnsubscribeToken(key, `${forged}.${mac}`)).toBeNull();
  });

  it.each(["", "abc", `${payload}.`, `.${mac}`, `${token}.x`, `${payload}.${mac.slice(1)}`])(
    "refuses the malformed token %j",
    (malformed) => {
      expect(readUnsubscribeToken(key, malformed)).toBeNull();
    },
  );
});
