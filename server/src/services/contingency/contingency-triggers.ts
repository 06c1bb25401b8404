import type { Logger } from "pino";
import type { Db } from "../../adapters/db/database";
import { takeOutboxEvents } from "../../adapters/db/repositories/outbox-consumer.repository";
import {
  type TriggerDraft,
  type TriggerRules,
  TriggerThrottle,
  triggerOf,
} from "../../domain/contingency/triggers";
import { PollingLoop } from "../polling-loop";
import type { ContingencyService } from "./contingency.service";

/** The outbox consumer name of the triggers. */
const CONSUMER = "contingency-triggers";
const BATCH = 200;

/** Settings of {@link ContingencyTriggers}. */
export interface ContingencyTriggerSettings extends TriggerRules {
  /** Least time between two triggered proposals of one organisation (breakdowns excepted), ms. */
  readonly cooldownMs: number;
  /** How long a first trigger waits for those that come with it (a closure posted way by way), ms. */
  readonly settleMs: number;
  /** Events older than this when read are history, not triggers (a first start on old data), ms. */
  readonly maxEventAgeMs: number;
  readonly pollMs: number;
}

/**
 * Turns what happens during the day into re-routing proposals: it reads the business events of
 * the outbox (a driver's breakdown, a shipment predicted late, an urgent order, a cancelled
 * routed order) under its own consumer name, so each is seen once across a cluster, and hears of
 * road closures from the routing service. Bursts are paced per organisation
 * ({@link TriggerThrottle}); each proposal goes through the organisation's auto-apply policy.
 */
export class ContingencyTriggers {
  private readonly throttle: TriggerThrottle;
  private readonly loop: PollingLoop;
  private queue: Promise<void> = Promise.resolve();
  /** Releases gathered triggers when their moment has passed, between two polls. */
  private settleTimer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly contingency: ContingencyService,
    private readonly settings: ContingencyTriggerSettings,
    private readonly log: Logger,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.throttle = new TriggerThrottle(settings.cooldownMs, settings.settleMs);
    this.loop = new PollingLoop(
      () => this.runOnce(),
      settings.pollMs,
      (error) => this.log.error({ err: error }, "contingency triggers failed"),
    );
  }

  start(): void {
    this.loop.start();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.settleTimer) clearTimeout(this.settleTimer);
    await this.loop.stop();
    await this.queue;
  }

  /** A road was closed or slowed by this organisation: its routes may need to change. */
  roadChanged(organisationId: string, detail: string): void {
    this.offer(organisationId, { kind: "road_closure", vehicleId: null, detail });
  }

  /** A vehicle has gone silent (signal lost): how its stops could be covered, for a dispatcher. */
  vehicleOffline(organisationId: string, vehicleId: string, detail: string): void {
    this.offer(organisationId, { kind: "vehicle_offline", vehicleId, detail });
  }

  private offer(organisationId: string, draft: TriggerDraft): void {
    for (const ready of this.throttle.offer(organisationId, draft, this.clock().getTime()))
      this.enqueue(organisationId, ready);
    this.releaseWhenSettled();
  }

  /** Acts on gathered triggers as soon as they have settled, not at the next poll. */
  private releaseWhenSettled(): void {
    const at = this.throttle.nextSettleAt();
    if (at === null || this.settleTimer || this.stopped) return;
    this.settleTimer = setTimeout(
      () => {
        this.settleTimer = null;
        for (const [organisationId, draft] of this.throttle.due(this.clock().getTime()))
          this.enqueue(organisationId, draft);
        this.releaseWhenSettled();
      },
      Math.max(0, at - this.clock().getTime()),
    );
    this.settleTimer.unref();
  }

  /** Reads new outbox events and acts on those that call for a re-plan; true when more may wait. */
  async runOnce(): Promise<boolean> {
    const events = await this.db.transaction((tx) => takeOutboxEvents(tx, CONSUMER, BATCH));
    const now = this.clock().getTime();
    for (const event of events) {
      if (now - Date.parse(event.occurredAt) > this.settings.maxEventAgeMs) continue;
      const draft = triggerOf(event, now, this.settings);
      if (!draft) continue;
      for (const ready of this.throttle.offer(event.organisationId, draft, now))
        this.enqueue(event.organisationId, ready);
    }
    for (const [organisationId, draft] of this.throttle.due(now)) this.enqueue(organisationId, draft);
    this.releaseWhenSettled();
    await this.queue;
    return events.length === BATCH;
  }

  /** Proposals run one after another: each takes the planner for seconds. */
  private enqueue(organisationId: string, draft: TriggerDraft): void {
    this.queue = this.queue.then(async () => {
      try {
        const proposal = await this.contingency.proposeTriggered(organisationId, draft);
        this.log.info(
          { proposalId: proposal.id, trigger: draft.kind, status: proposal.status },
          "contingency proposal from a trigger",
        );
      } catch (error) {
        this.log.error({ err: error, trigger: draft }, "contingency proposal failed");
      }
    });
  }
}
