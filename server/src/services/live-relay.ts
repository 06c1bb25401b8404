import type { Logger } from "pino";
import type { Db } from "../adapters/db/database";
import { takeOutboxEvents } from "../adapters/db/repositories/outbox-consumer.repository";
import { driverRouteChanges } from "../domain/orders/route-changes";
import type { DriverLiveEvents, LiveEvents } from "../ports/live-events";
import { PollingLoop } from "./polling-loop";

const CONSUMER = "live-relay";
const BATCH = 500;

/**
 * Relays the outbox's business events to the organisation's dispatchers on the live channel
 * (`order:event`): ETAs, stop arrivals and completions, delays and reroutes appear on the console
 * as they happen, from the same durable record webhooks are sent from. Drivers whose route the
 * events change (`stop.route_changed`) get one `route:changed` each, with a notice. One instance
 * of a cluster runs it; the live channel's adapter fans the events out to every instance's sockets.
 */
export class LiveRelay {
  private readonly loop: PollingLoop;

  constructor(
    private readonly db: Db,
    private readonly live: LiveEvents & DriverLiveEvents,
    log: Logger,
    pollMs = 500,
  ) {
    this.loop = new PollingLoop(
      () => this.runOnce(),
      pollMs,
      (error) => log.error({ err: error }, "live relay failed"),
    );
  }

  start(): void {
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** Sends the events not relayed yet; true when more may be waiting. */
  async runOnce(): Promise<boolean> {
    const events = await this.db.transaction((tx) => takeOutboxEvents(tx, CONSUMER, BATCH));
    for (const { seq: _seq, ...event } of events)
      this.live.publish(event.organisationId, "order:event", event);
    for (const change of driverRouteChanges(events))
      this.live.tellDriver(change.driverId, "route:changed", change);
    return events.length === BATCH;
  }
}
