import { describe, expect, it } from "vitest";
import {
  NOTIFICATION_TEMPLATES,
  type NotificationFacts,
} from "../../domain/notifications/notification-message";
import { renderEmail } from "./email-templates";

const facts: NotificationFacts = {
  customerName: 'Ada <script>alert("x")</script>',
  orderReference: "SO-1001",
  address: "1 Quai Antoine 1er, Monaco",
  timeZone: "Europe/Monaco",
  eta: "2026-11-23T09:40:00Z",
  window: { start: "2026-11-23T08:00:00Z", end: "2026-11-23T11:00:00Z" },
  reason: "customer_absent",
  trackingUrl: "https://track.example/track/abc.mac?x=1&y=2",
  unsubscribeUrl: "https://track.example/api/v1/unsubscribe/tok.mac",
};

describe(renderEmail.name, () => {
  it.each(NOTIFICATION_TEMPLATES)("renders %s with the tracking and unsubscribe links", (template) => {
    const email = renderEmail({ template, recipient: "ada@example.com", facts });
    expect(email.subject).toContain("SO-1001");
    expect(email.text).toContain(facts.trackingUrl);
    expect(email.text).toContain(facts.unsubscribeUrl);
    expect(email.html).toContain('href="https://track.example/track/abc.mac?x=1&amp;y=2"');
    expect(email.html).toContain(`href="${facts.unsubscribeUrl}"`);
  });

  it("escapes every value in the HTML and leaves the text as written", () => {
    const email = renderEmail({ template: "delivered", recipient: "ada@example.com", facts });
    expect(email.html).not.toContain("<script>");
    expect(email.html).toContain("Ada &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(email.text).toContain('Hello Ada <script>alert("x")</script>,');
  });

  it("shows times in the customer's zone", () => {
    const email = renderEmail({ template: "eta_changed", recipient: "ada@example.com", facts });
    expect(email.subject).toBe("New arrival time for SO-1001: 10:40");
    expect(email.text).toContain("Expected arrival: Mon 23 Nov, 10:40.");
    expect(email.text).toContain("Delivery window: Mon 23 Nov, 09:00-12:00.");
  });

  it("says why a delivery failed, in words", () => {
    const email = renderEmail({ template: "delivery_failed", recipient: "ada@example.com", facts });
    expect(email.text).toContain("but could not: nobody was there to receive it.");
    const other = renderEmail({
      template: "delivery_failed",
      recipient: "a@b.c",
      facts: { ...facts, reason: "other" },
    });
    expect(other.text).toContain("Monaco but could not.");
  });

  it("leaves out what is not known", () => {
    const bare = { ...facts, eta: null, window: null, reason: null, trackingUrl: null, unsubscribeUrl: null };
    const email = renderEmail({ template: "out_for_delivery", recipient: "ada@example.com", facts: bare });
    expect(email.text).not.toMatch(/Expected arrival|Track your delivery|stop emails/);
    expect(email.text).not.toContain("\n\n\n");
  });
});
