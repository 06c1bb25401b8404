import { describe, expect, it } from "vitest";
import { hashPassword, newId, newSecret, sha256Hex, verifyPassword } from "./secrets";

describe("secrets", () => {
  it("makes prefixed ids that do not repeat", () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newId("veh")));
    expect(ids.size).toBe(1000);
    expect([...ids][0]).toMatch(/^veh_[0-9a-z]{20}$/);
  });

  it("makes url-safe secrets of 256 bits", () => {
    expect(newSecret("wbk")).toMatch(/^wbk_[A-Za-z0-9_-]{43}$/);
  });

  it("hashes a password so that only the same password verifies", async () => {
    const stored = await hashPassword("correct horse battery");
    expect(stored).not.toContain("correct");
    expect(await verifyPassword("correct horse battery", stored)).toBe(true);
    expect(await verifyPassword("correct horse batterY", stored)).toBe(false);
    expect(await verifyPassword("x", "garbage")).toBe(false);
  });

  it("hashes secrets deterministically", () => {
    expect(sha256Hex("a")).toBe("ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb");
  });
});
