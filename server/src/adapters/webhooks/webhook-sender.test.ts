import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWebhookReceiver, type WebhookReceiver } from "./testing/webhook-receiver";
import { createWebhookSender } from "./webhook-sender";

let receiver: WebhookReceiver;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(() => receiver.close());

const request = (url: string) => ({ url, headers: { "webhook-id": "evt_1" }, body: '{"type":"x"}' });

describe(createWebhookSender.name, () => {
  const send = createWebhookSender({ timeoutMs: 300, allowPrivateTargets: true });

  it("posts the JSON body with the headers and reports the status", async () => {
    receiver.answer(() => 202);
    const answer = await send(request(receiver.url));
    expect(answer).toMatchObject({ statusCode: 202, error: null });
    const got = receiver.requests.at(-1)!;
    expect(got.body).toBe('{"type":"x"}');
    expect(got.headers["content-type"]).toBe("application/json");
    expect(got.headers["webhook-id"]).toBe("evt_1");
  });

  it("does not follow redirects", async () => {
    receiver.answer(() => 307);
    const before = receiver.requests.length;
    expect(await send(request(receiver.url))).toMatchObject({ statusCode: 307 });
    expect(receiver.requests.length).toBe(before + 1);
  });

  it("gives up when the receiver does not answer in time", async () => {
    receiver.answer(() => "hang");
    const answer = await send(request(receiver.url));
    expect(answer).toMatchObject({ statusCode: null, error: "no answer within 300 ms" });
    expect(answer.durationMs).toBeGreaterThanOrEqual(290);
  });

  it("reports a refused connection as an error", async () => {
    const answer = await send(request("http://127.0.0.1:1/hooks"));
    expect(answer.statusCode).toBeNull();
    expect(answer.error).toMatch(/ECONNREFUSED/);
  });
});

describe("a sender that refuses private targets", () => {
  const send = createWebhookSender({ timeoutMs: 1000, allowPrivateTargets: false });

  it("refuses a loopback IP literal without connecting", async () => {
    const before = receiver.requests.length;
    const answer = await send(request(receiver.url));
    expect(answer).toMatchObject({
      statusCode: null,
      error: "127.0.0.1 resolves to 127.0.0.1, a loopback address",
    });
    expect(receiver.requests.length).toBe(before);
  });

  it("refuses a name that resolves to loopback when it connects", async () => {
    const before = receiver.requests.length;
    const answer = await send(request(receiver.url.replace("127.0.0.1", "localhost")));
    expect(answer.error).toMatch(/^localhost resolves to .*, a loopback address$/);
    expect(receiver.requests.length).toBe(before);
  });
});
