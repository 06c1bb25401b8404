import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { newWebhookSecret, webhookHeaders } from "./webhook-signature";

const body = JSON.stringify({ type: "order.created", timestamp: "2026-11-22T07:00:00.000Z", data: { a: 1 } });
const now = () => Math.floor(Date.now() / 1000);

describe(webhookHeaders.name, () => {
  it("signs so that the standardwebhooks library verifies the request", () => {
    const secret = newWebhookSecret();
    const headers = webhookHeaders([secret], { id: "evt_1", timestampSeconds: now(), body });
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(headers["webhook-id"]).toBe("evt_1");
  });

  it("matches the library's own signature byte for byte", () => {
    const secret = newWebhookSecret();
    const at = new Date("2026-11-22T07:00:00Z");
    const headers = webhookHeaders([secret], { id: "evt_2", timestampSeconds: at.getTime() / 1000, body });
    expect(headers["webhook-signature"]).toBe(new Webhook(secret).sign("evt_2", at, body));
    expect(headers["webhook-timestamp"]).toBe(String(at.getTime() / 1000));
  });

  it("is refused by the library when the body, id or secret differ", () => {
    const secret = newWebhookSecret();
    const headers = webhookHeaders([secret], { id: "evt_3", timestampSeconds: now(), body });
    expect(() => new Webhook(secret).verify(`${body} `, headers)).toThrow();
    expect(() => new Webhook(secret).verify(body, { ...headers, "webhook-id": "evt_4" })).toThrow();
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow();
  });

  it("carries one signature per secret during a rotation, each verifiable on its own", () => {
    const current = newWebhookSecret();
    const previous = newWebhookSecret();
    const headers = webhookHeaders([current, previous], { id: "evt_5", timestampSeconds: now(), body });
    expect(headers["webhook-signature"]!.split(" ")).toHaveLength(2);
    expect(new Webhook(current).verify(body, headers)).toBeTruthy();
    expect(new Webhook(previous).verify(body, headers)).toBeTruthy();
  });
});

describe(newWebhookSecret.name, () => {
  it("is whsec_ and the base64 of 32 random bytes, new every time", () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(secret.slice(6), "base64")).toHaveLength(32);
    expect(newWebhookSecret()).not.toBe(secret);
  });
});
