import { describe, expect, it } from "vitest";
import { assertWebhookTarget, forbiddenAddressKind } from "./target-guard";

describe(forbiddenAddressKind.name, () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.0.9", "loopback"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["169.254.169.254", "link-local"],
    ["100.64.0.1", "carrier-grade NAT"],
    ["100.127.255.254", "carrier-grade NAT"],
    ["0.0.0.0", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["255.255.255.255", "reserved or broadcast"],
    ["::1", "loopback"],
    ["::", "unspecified"],
    ["fe80::1", "link-local"],
    ["fd12:3456::1", "unique local"],
    ["fc00::1", "unique local"],
    ["ff02::1", "multicast"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:10.0.0.1", "private"],
    ["::ffff:a9fe:a9fe", "link-local"],
    ["64:ff9b::a00:1", "NAT64"],
    ["2002:a00:1::1", "6to4"],
  ])("refuses %s (%s)", (address, kind) => {
    expect(forbiddenAddressKind(address)).toBe(kind);
  });

  it.each([
    "93.184.216.34",
    "8.8.8.8",
    "172.32.0.1",
    "100.128.0.1",
    "11.0.0.1",
    "2606:4700:4700::1111",
    "::ffff:8.8.8.8",
  ])("allows the public address %s", (address) => {
    expect(forbiddenAddressKind(address)).toBeNull();
  });

  it("does not take a host name for an address", () => {
    expect(forbiddenAddressKind("example.com")).toBe("not an IP address");
  });
});

describe(assertWebhookTarget.name, () => {
  it("allows http and https to public addresses", async () => {
    await expect(assertWebhookTarget("https://93.184.216.34/hook", false)).resolves.toBeUndefined();
    await expect(assertWebhookTarget("http://[2606:4700:4700::1111]:8080/", false)).resolves.toBeUndefined();
  });

  it.each([
    ["http://127.0.0.1:9000/", /127\.0\.0\.1, a loopback address/],
    ["http://[::1]/", /::1, a loopback address/],
    ["http://[::ffff:192.168.0.1]/", /private/],
    ["http://0x7f.1/", /loopback/],
    ["http://2130706433/", /loopback/],
    ["http://localhost:8080/", /localhost resolves to .*loopback/],
    ["ftp://93.184.216.34/", /only http and https/],
  ])("refuses %s", async (url, reason) => {
    await expect(assertWebhookTarget(url, false)).rejects.toThrow(reason);
  });

  it("allows private targets when told to (development and tests)", async () => {
    await expect(assertWebhookTarget("http://127.0.0.1:9000/", true)).resolves.toBeUndefined();
    await expect(assertWebhookTarget("ftp://127.0.0.1/", true)).rejects.toThrow(/only http and https/);
  });
});
