import type { NotificationRepository } from "../adapters/db/repositories/notification.repository";
import {
  readUnsubscribeToken,
  signUnsubscribeToken,
  type UnsubscribeSubject,
} from "../adapters/mail/unsubscribe-token";
import { AppError } from "./app-error";

/** What an unsubscribe link does, as its page shows it. */
export interface UnsubscribeView {
  /** The address, partly hidden: `a***@example.com`. */
  readonly email: string;
  readonly unsubscribed: boolean;
}

/**
 * Unsubscribe links: signed with the installation's `unsubscribe` key (kept in the database, so
 * every instance and restart agrees), and what they do: opt the customer out of the organisation's
 * notifications.
 */
export class UnsubscribeService {
  /**
   * @param key the `unsubscribe` signing key (`loadSigningKey`)
   * @param publicUrl where customers reach this server (PUBLIC_URL, no trailing slash), known once it listens
   */
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly key: Buffer,
    private readonly publicUrl: () => string,
  ) {}

  /** The unsubscribe link of a customer of an organisation. */
  linkFor(subject: UnsubscribeSubject): string {
    const token = signUnsubscribeToken(this.key, subject);
    return `${this.publicUrl()}/api/v1/unsubscribe/${token}`;
  }

  /** What the link would do; 404 when the token is not one of ours. */
  async describe(token: string): Promise<UnsubscribeView> {
    const subject = await this.subjectOf(token);
    return {
      email: maskEmail(subject.email),
      unsubscribed: await this.notifications.isOptedOut(subject.organisationId, subject.email),
    };
  }

  /** Opts the customer out (again is fine). */
  async unsubscribe(token: string): Promise<UnsubscribeView> {
    const subject = await this.subjectOf(token);
    await this.notifications.optOut(subject.organisationId, subject.email);
    return { email: maskEmail(subject.email), unsubscribed: true };
  }

  private async subjectOf(token: string): Promise<UnsubscribeSubject> {
    const subject = readUnsubscribeToken(this.key, token);
    if (!subject) throw new AppError("not_found", "this unsubscribe link is not valid");
    return subject;
  }
}

/** `ada.lovelace@example.com` → `a***@example.com`. */
const maskEmail = (email: string): string => email.replace(/^(.)[^@]*/, "$1***");
