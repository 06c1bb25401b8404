import type { FailureReason, TimeWindow } from "@waybill/shared";
import { DateTime } from "luxon";
import type {
  NotificationFacts,
  NotificationMessage,
  NotificationTemplate,
} from "../../domain/notifications/notification-message";
import { escapeHtml } from "./html";

/** An email ready to send: subject, plain text and HTML. */
export interface RenderedEmail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** What one template says: a subject and paragraphs of plain text. */
type Copy = (facts: NotificationFacts, when: TimeWords) => { subject: string; paragraphs: string[] };

const COPY: Record<NotificationTemplate, Copy> = {
  order_created: (f, w) => ({
    subject: `We have your order ${f.orderReference}`,
    paragraphs: [
      `Thank you: we have your order ${f.orderReference} for delivery to ${f.address}.`,
      w.window(),
    ],
  }),
  order_scheduled: (f, w) => ({
    subject: `Your delivery ${f.orderReference} is scheduled`,
    paragraphs: [
      `Your order ${f.orderReference} is scheduled for delivery to ${f.address}.`,
      w.window(),
      w.eta(),
    ],
  }),
  out_for_delivery: (f, w) => ({
    subject: `Your order ${f.orderReference} is out for delivery`,
    paragraphs: [`Your order ${f.orderReference} is on its way to ${f.address}.`, w.eta()],
  }),
  eta_changed: (f, w) => ({
    subject: `New arrival time for ${f.orderReference}: ${w.etaShort()}`,
    paragraphs: [`The expected arrival time of your delivery has changed.`, w.eta(), w.window()],
  }),
  arriving: (f, w) => ({
    subject: `Your delivery ${f.orderReference} is arriving soon`,
    paragraphs: [`Our driver is on the way to ${f.address} now.`, w.eta()],
  }),
  delivered: (f) => ({
    subject: `Your order ${f.orderReference} has been delivered`,
    paragraphs: [`Your order ${f.orderReference} was delivered to ${f.address}.`],
  }),
  delivery_failed: (f) => ({
    subject: `We could not deliver ${f.orderReference}`,
    paragraphs: [
      `We tried to deliver your order ${f.orderReference} to ${f.address} but could not${f.reason && FAILURE_PHRASES[f.reason] ? `: ${FAILURE_PHRASES[f.reason]}` : ""}.`,
      "We will be in touch to arrange another attempt.",
    ],
  }),
  delayed: (f, w) => ({
    subject: `Your delivery ${f.orderReference} is delayed`,
    paragraphs: ["Your delivery is running late. We are sorry.", w.eta(), w.window()],
  }),
  rerouted: (f, w) => ({
    subject: `Your delivery ${f.orderReference} was re-planned: new arrival ${w.etaShort()}`,
    paragraphs: [
      "Something changed on the road today, so we re-planned our deliveries, yours included.",
      w.eta(),
      w.window(),
    ],
  }),
};

/**
 * Renders a notification as an email: the template's paragraphs, the tracking link and the
 * unsubscribe link, as plain text and as simple HTML with every value escaped. Times are shown in
 * the customer's time zone.
 *
 * @example
 * renderEmail({ template: "delivered", recipient: "ada@example.com", facts }).subject; // "Your order SO-1 has been delivered"
 */
export function renderEmail(message: NotificationMessage): RenderedEmail {
  const { facts } = message;
  const copy = COPY[message.template](facts, timeWords(facts));
  const paragraphs = copy.paragraphs.filter((paragraph) => paragraph !== "");
  const text = [
    `Hello ${facts.customerName},`,
    ...paragraphs,
    ...(facts.trackingUrl ? [`Track your delivery: ${facts.trackingUrl}`] : []),
    ...(facts.unsubscribeUrl ? [`--\nTo stop emails about your deliveries: ${facts.unsubscribeUrl}`] : []),
  ].join("\n\n");
  const link = (url: string, label: string) => `<a href="${escapeHtml(url)}">${escapeHtml(label)}</a>`;
  const html = [
    "<!doctype html>",
    '<html><body style="font-family: sans-serif; line-height: 1.5">',
    `<p>Hello ${escapeHtml(facts.customerName)},</p>`,
    ...paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`),
    ...(facts.trackingUrl ? [`<p>${link(facts.trackingUrl, "Track your delivery")}</p>`] : []),
    ...(facts.unsubscribeUrl
      ? [
          `<p style="color: #666; font-size: small">${link(facts.unsubscribeUrl, "Stop emails about your deliveries")}</p>`,
        ]
      : []),
    "</body></html>",
  ].join("\n");
  return { subject: copy.subject, text, html };
}

/** Sentences about the arrival time and the window, empty when the fact is unknown. */
interface TimeWords {
  eta(): string;
  etaShort(): string;
  window(): string;
}

function timeWords(facts: NotificationFacts): TimeWords {
  const at = (iso: string) => DateTime.fromISO(iso).setZone(facts.timeZone);
  return {
    eta: () => (facts.eta ? `Expected arrival: ${at(facts.eta).toFormat("ccc d LLL, HH:mm")}.` : ""),
    etaShort: () => (facts.eta ? at(facts.eta).toFormat("HH:mm") : "to be confirmed"),
    window: () => (facts.window ? `Delivery window: ${windowText(facts.window, at)}.` : ""),
  };
}

function windowText(window: TimeWindow, at: (iso: string) => DateTime): string {
  const start = at(window.start);
  const end = at(window.end);
  const endFormat = start.hasSame(end, "day") ? "HH:mm" : "ccc d LLL, HH:mm";
  return `${start.toFormat("ccc d LLL, HH:mm")}-${end.toFormat(endFormat)}`;
}

/** Why a delivery failed, as the customer reads it; `other` says nothing more. */
const FAILURE_PHRASES: Record<FailureReason, string | null> = {
  customer_absent: "nobody was there to receive it",
  address_not_found: "we could not find the address",
  refused: "the delivery was refused",
  damaged: "the goods were damaged",
  access_problem: "we could not get access",
  unsafe_location: "the place was not safe to deliver to",
  vehicle_problem: "our vehicle broke down",
  out_of_time: "we ran out of time",
  other: null,
};
