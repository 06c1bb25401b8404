import type { OrderDto } from "@waybill/shared";
import { createTransport, type Transporter } from "nodemailer";
import type {
  NotificationChannel,
  NotificationMessage,
} from "../../domain/notifications/notification-message";
import { renderEmail } from "./email-templates";

/**
 * Customer email over SMTP (nodemailer). Without an SMTP URL the channel exists but is
 * unavailable: notifications are logged as skipped with the reason, never dropped silently.
 * Every email carries List-Unsubscribe headers (one-click, RFC 8058).
 */
export class SmtpEmailChannel implements NotificationChannel {
  readonly name = "email";
  readonly unavailableReason: string | null;
  private readonly transport: Transporter | null;

  /**
   * @param smtpUrl `smtp://user:pass@host:port` or `smtps://...`; empty: no SMTP server
   * @param from the sender, `Name <address>`
   */
  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transport = smtpUrl ? createTransport(smtpUrl) : null;
    this.unavailableReason = smtpUrl ? null : "no SMTP server configured";
  }

  recipientOf(customer: OrderDto["customer"]): string | null {
    return customer.email;
  }

  async send(message: NotificationMessage): Promise<void> {
    if (!this.transport) throw new Error("no SMTP server configured");
    const email = renderEmail(message);
    const { unsubscribeUrl } = message.facts;
    await this.transport.sendMail({
      from: this.from,
      to: message.recipient,
      subject: email.subject,
      text: email.text,
      html: email.html,
      ...(unsubscribeUrl
        ? {
            list: { unsubscribe: unsubscribeUrl },
            headers: { "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
          }
        : {}),
    });
  }

  /** Closes pooled SMTP connections. */
  close(): void {
    this.transport?.close();
  }
}
