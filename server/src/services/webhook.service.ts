import {
  type CreatedWebhookDto,
  type CreateWebhookBody,
  MAX_WEBHOOKS_PER_ORGANISATION,
  type PageDto,
  type ReplayWebhookBody,
  type RotatedWebhookSecretDto,
  type UpdateWebhookBody,
  type WebhookDeliveryAttemptDto,
  type WebhookDto,
  type WebhookReplayDto,
} from "@waybill/shared";
import { newId } from "../adapters/crypto/secrets";
import type {
  WebhookRepository,
  WebhookSubscriptionRow,
} from "../adapters/db/repositories/webhook.repository";
import { assertWebhookTarget, WebhookTargetError } from "../adapters/webhooks/target-guard";
import { newWebhookSecret } from "../adapters/webhooks/webhook-signature";
import { AppError } from "./app-error";

/** How long deliveries stay signed with the previous secret too after a rotation, milliseconds. */
const PREVIOUS_SECRET_VALID_MS = 24 * 3_600_000;

/** Most events one replay may send. */
const MAX_REPLAY_EVENTS = 10_000;

/** Webhook subscriptions of one organisation: create, change, rotate, inspect, replay. */
export class WebhookService {
  constructor(
    private readonly webhooks: WebhookRepository,
    private readonly allowPrivateTargets: boolean,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Creates a subscription; its secret is in the answer and never again. */
  async create(organisationId: string, body: CreateWebhookBody): Promise<CreatedWebhookDto> {
    if ((await this.webhooks.count(organisationId)) >= MAX_WEBHOOKS_PER_ORGANISATION)
      throw new AppError(
        "conflict",
        `an organisation has at most ${MAX_WEBHOOKS_PER_ORGANISATION} webhook subscriptions`,
      );
    await this.checkTarget(body.url);
    const now = this.now();
    const row = await this.webhooks.create({
      id: newId("whk"),
      organisationId,
      url: body.url,
      description: body.description ?? null,
      events: body.events,
      secret: newWebhookSecret(),
      createdAt: now,
      updatedAt: now,
    });
    return { ...toDto(row), secret: row.secret };
  }

  async list(organisationId: string): Promise<WebhookDto[]> {
    return (await this.webhooks.list(organisationId)).map(toDto);
  }

  async get(organisationId: string, id: string): Promise<WebhookDto> {
    return toDto(await this.found(organisationId, id));
  }

  /**
   * Changes url, events or description; `enabled: true` re-enables and resumes pending deliveries.
   * Events that happened while it was disabled were not queued for it: replay them with `since`.
   */
  async update(organisationId: string, id: string, body: UpdateWebhookBody): Promise<WebhookDto> {
    if (body.url !== undefined) await this.checkTarget(body.url);
    const now = this.now();
    const row = await this.webhooks.update(organisationId, id, {
      ...(body.url === undefined ? {} : { url: body.url }),
      ...(body.events === undefined ? {} : { events: body.events }),
      ...(body.description === undefined ? {} : { description: body.description }),
      ...(body.enabled === undefined ? {} : enablement(body.enabled, now)),
      updatedAt: now,
    });
    if (!row) throw notFound(id);
    return toDto(row);
  }

  async delete(organisationId: string, id: string): Promise<void> {
    if (!(await this.webhooks.delete(organisationId, id))) throw notFound(id);
  }

  /** A new secret; deliveries carry a signature with the previous one too for 24 hours. */
  async rotateSecret(organisationId: string, id: string): Promise<RotatedWebhookSecretDto> {
    const current = await this.found(organisationId, id);
    const now = this.now();
    const previousSecretExpiresAt = new Date(now.getTime() + PREVIOUS_SECRET_VALID_MS);
    const secret = newWebhookSecret();
    const row = await this.webhooks.update(organisationId, id, {
      secret,
      previousSecret: current.secret,
      previousSecretExpiresAt,
      updatedAt: now,
    });
    if (!row) throw notFound(id);
    return { secret, previousSecretValidUntil: previousSecretExpiresAt.toISOString() };
  }

  /** The delivery log, newest first; `cursor` is the `nextCursor` of the previous page. */
  async deliveries(
    organisationId: string,
    id: string,
    page: { limit: number; cursor?: string | undefined },
  ): Promise<PageDto<WebhookDeliveryAttemptDto>> {
    await this.found(organisationId, id);
    const rows = await this.webhooks.attempts(
      id,
      page.limit,
      page.cursor === undefined ? undefined : Number(page.cursor),
    );
    return {
      items: rows.map((row) => ({ ...row, id: String(row.id), attemptedAt: row.attemptedAt.toISOString() })),
      nextCursor: rows.length === page.limit ? String(rows.at(-1)!.id) : null,
    };
  }

  /**
   * Sends events of the subscribed types again, oldest first, behind anything pending (a disabled
   * subscription sends them once re-enabled). Listed ids must all be such events.
   */
  async replay(organisationId: string, id: string, body: ReplayWebhookBody): Promise<WebhookReplayDto> {
    const subscription = await this.found(organisationId, id);
    const events = await this.webhooks.replayable(organisationId, {
      types: subscription.events,
      limit: MAX_REPLAY_EVENTS,
      ...(body.since ? { since: new Date(body.since) } : {}),
      ...(body.eventIds ? { eventIds: body.eventIds } : {}),
    });
    if (events.length > MAX_REPLAY_EVENTS)
      throw new AppError("validation_failed", `more than ${MAX_REPLAY_EVENTS} events match; narrow it`, [
        { field: "since", reason: `selects more than ${MAX_REPLAY_EVENTS} events` },
      ]);
    const missing = body.eventIds?.filter((eventId) => !events.some((event) => event.id === eventId)) ?? [];
    if (missing.length > 0)
      throw new AppError(
        "validation_failed",
        `no such events of the subscribed types: ${missing.join(", ")}`,
        [{ field: "eventIds", reason: `unknown or not subscribed: ${missing.join(", ")}` }],
      );
    await this.webhooks.queue(id, events, this.now());
    return { eventIds: events.map((event) => event.id) };
  }

  private async found(organisationId: string, id: string): Promise<WebhookSubscriptionRow> {
    const row = await this.webhooks.get(organisationId, id);
    if (!row) throw notFound(id);
    return row;
  }

  private async checkTarget(url: string): Promise<void> {
    try {
      await assertWebhookTarget(url, this.allowPrivateTargets);
    } catch (error) {
      if (!(error instanceof WebhookTargetError)) throw error;
      throw new AppError("validation_failed", `webhook target refused: ${error.message}`, [
        { field: "url", reason: error.message },
      ]);
    }
  }
}

/** Re-enabling clears why it stopped; disabling by hand says so. */
const enablement = (enabled: boolean, now: Date) =>
  enabled
    ? { enabled, disabledReason: null, disabledAt: null }
    : { enabled, disabledReason: "disabled through the API", disabledAt: now };

const notFound = (id: string) => new AppError("not_found", `webhook ${id} does not exist`);

function toDto(row: WebhookSubscriptionRow): WebhookDto {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: row.events,
    enabled: row.enabled,
    disabledReason: row.disabledReason,
    disabledAt: row.disabledAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
