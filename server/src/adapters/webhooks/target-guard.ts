import { lookup } from "node:dns/promises";
import type { LookupFunction } from "node:net";
import { BlockList, isIP } from "node:net";

/**
 * Address ranges a webhook may not reach unless private targets are allowed: what a server-side
 * request forgery would aim at. IPv4-mapped IPv6 addresses (::ffff:10.0.0.1) match the IPv4 rules
 * (node's BlockList does that); NAT64, 6to4 and Teredo are refused whole since they embed IPv4
 * addresses that may be private.
 */
const FORBIDDEN: readonly [string, number, "ipv4" | "ipv6", string][] = [
  ["0.0.0.0", 8, "ipv4", "unspecified"],
  ["10.0.0.0", 8, "ipv4", "private"],
  ["100.64.0.0", 10, "ipv4", "carrier-grade NAT"],
  ["127.0.0.0", 8, "ipv4", "loopback"],
  ["169.254.0.0", 16, "ipv4", "link-local"],
  ["172.16.0.0", 12, "ipv4", "private"],
  ["192.0.0.0", 24, "ipv4", "IETF protocol assignments"],
  ["192.168.0.0", 16, "ipv4", "private"],
  ["198.18.0.0", 15, "ipv4", "benchmarking"],
  ["224.0.0.0", 4, "ipv4", "multicast"],
  ["240.0.0.0", 4, "ipv4", "reserved or broadcast"],
  ["::", 128, "ipv6", "unspecified"],
  ["::1", 128, "ipv6", "loopback"],
  ["64:ff9b::", 96, "ipv6", "NAT64"],
  ["64:ff9b:1::", 48, "ipv6", "NAT64"],
  ["100::", 64, "ipv6", "discard"],
  ["2001::", 32, "ipv6", "Teredo"],
  ["2002::", 16, "ipv6", "6to4"],
  ["fc00::", 7, "ipv6", "unique local"],
  ["fe80::", 10, "ipv6", "link-local"],
  ["fec0::", 10, "ipv6", "site-local"],
  ["ff00::", 8, "ipv6", "multicast"],
];

const ranges = FORBIDDEN.map(([network, prefix, family, kind]) => {
  const list = new BlockList();
  list.addSubnet(network, prefix, family);
  return { list, kind };
});

/**
 * Why a webhook may not be sent to this IP address (its kind of range), or null when it is a
 * public address.
 *
 * @example
 * forbiddenAddressKind("::ffff:127.0.0.1"); // "loopback"
 * forbiddenAddressKind("93.184.216.34"); // null
 */
export function forbiddenAddressKind(address: string): string | null {
  const family = isIP(address);
  if (family === 0) return "not an IP address";
  const type = family === 4 ? "ipv4" : "ipv6";
  return ranges.find((range) => range.list.check(address, type))?.kind ?? null;
}

/** Thrown when a webhook target is refused; the message says why. */
export class WebhookTargetError extends Error {
  override readonly name = "WebhookTargetError";
}

/** The host of a URL without the brackets of an IPv6 literal. */
export const hostOf = (url: URL): string => url.hostname.replace(/^\[(.*)\]$/, "$1");

/**
 * Checks a webhook URL before it is stored: http or https only, and unless `allowPrivate`, a host
 * whose every address is public. Throws {@link WebhookTargetError}.
 */
export async function assertWebhookTarget(url: string, allowPrivate: boolean): Promise<void> {
  const parsed = new URL(url);
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
    throw new WebhookTargetError("only http and https targets are allowed");
  if (allowPrivate) return;
  const host = hostOf(parsed);
  const addresses = isIP(host)
    ? [host]
    : await lookup(host, { all: true, verbatim: true }).then(
        (found) => found.map((entry) => entry.address),
        (error: NodeJS.ErrnoException) => {
          throw new WebhookTargetError(`${host} does not resolve (${error.code ?? error.message})`);
        },
      );
  for (const address of addresses) {
    const refused = refusal(host, address);
    if (refused) throw refused;
  }
}

/** The error refusing `address` (of `host`), or null when it is public. */
export function refusal(host: string, address: string): WebhookTargetError | null {
  const kind = forbiddenAddressKind(address);
  return kind ? new WebhookTargetError(`${host} resolves to ${address}, a ${kind} address`) : null;
}

/**
 * A DNS lookup for outgoing webhook requests that fails when the host resolves to a forbidden
 * address: checked at connect time, so a name that changed since the subscription (DNS rebinding)
 * cannot reach a private network. Node calls no lookup for IP literals: check those with
 * {@link refusal}.
 */
export const guardedLookup: LookupFunction = (hostname, options, callback) => {
  lookup(hostname, { ...options, all: true, verbatim: true }).then(
    (found) => {
      const refused = found.map((entry) => refusal(hostname, entry.address)).find(Boolean);
      if (refused) callback(refused, "");
      else if (options.all) callback(null, found);
      else callback(null, found[0]!.address, found[0]!.family);
    },
    (error: NodeJS.ErrnoException) => callback(error, ""),
  );
};
