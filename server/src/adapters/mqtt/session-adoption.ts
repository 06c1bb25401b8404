import type { InboundMessage } from "@waybill/telematics/ingest/mqtt-ingest-session";
import { MqttIngestSession } from "@waybill/telematics/ingest/mqtt-ingest-session";
import { and, eq, ne } from "drizzle-orm";
import type { Logger } from "pino";
import { Counter, type Registry } from "prom-client";
import type { ClusterSingletons, SingletonJob } from "../../services/cluster-singletons";
import { PollingLoop } from "../../services/polling-loop";
import type { Db } from "../db/database";
import { mqttSessions } from "../db/schema";

/** The advisory lock an instance holds while its MQTT ingest session is alive. */
export const mqttSessionLock = (clientId: string): string => `mqtt-session:${clientId}`;

/** Records this instance's ingest session in the cluster (call once it holds {@link mqttSessionLock}). */
export async function registerMqttSession(db: Db, clientId: string, shareGroup: string): Promise<void> {
  await db
    .insert(mqttSessions)
    .values({ clientId, shareGroup })
    .onConflictDoUpdate({ target: mqttSessions.clientId, set: { shareGroup, registeredAt: new Date() } });
}

/** What {@link MqttSessionAdoption} needs. */
export interface MqttSessionAdoptionOptions {
  readonly db: Db;
  readonly singletons: Pick<ClusterSingletons, "whileHolding">;
  /** The broker URL (credentials in it, as in MQTT_URL). */
  readonly url: string;
  readonly shareGroup: string;
  /** This instance's client id (never adopted by itself). */
  readonly ownClientId: string;
  /** The shared topic filters, `$share/<group>/...`. */
  readonly topicFilters: readonly string[];
  readonly receiveMaximum: number;
  /** Where adopted messages go: the ingest pipeline (it acknowledges them once stored). */
  readonly accept: (message: InboundMessage) => void;
  readonly registry: Registry;
  readonly log: Logger;
  /** Between two looks for orphaned sessions, milliseconds. */
  readonly intervalMs: number;
  /** A session is drained when nothing came for this long and everything is acknowledged, ms. */
  readonly quietMs?: number;
  /** Longest time spent draining one session before trying again next round, ms. */
  readonly maxDrainMs?: number;
}

/**
 * Takes over the MQTT session of an instance that died, so that nothing it held is lost. With a
 * shared subscription, Mosquitto 2 keeps the messages it sent to a member that disconnected
 * (unacknowledged, in flight) in that member's session, and keeps routing its share of new
 * messages there while the session lives: it does not hand them to the other members. So the
 * instance running this singleton looks for registered sessions whose liveness lock is free,
 * connects with that client id (resuming the session: the broker sends everything it holds),
 * unsubscribes (no new messages come), stores and acknowledges what arrives through its own
 * pipeline, then ends the session (DISCONNECT with session expiry 0) and forgets it. A session
 * that does not drain in time is left as it is and tried again next round. If the dead instance
 * comes back meanwhile, it waits for its lock, which this holds until done.
 */
export class MqttSessionAdoption implements SingletonJob {
  private readonly loop: PollingLoop;
  private readonly adopted: Counter;
  private readonly messages: Counter;

  constructor(private readonly options: MqttSessionAdoptionOptions) {
    this.loop = new PollingLoop(
      async () => {
        await this.runOnce();
        return false;
      },
      options.intervalMs,
      (error) => options.log.error({ err: error }, "MQTT session adoption round failed; trying again"),
    );
    this.adopted = new Counter({
      name: "waybill_mqtt_sessions_adopted_total",
      help: "MQTT sessions of dead instances taken over, drained and ended by this instance.",
      registers: [options.registry],
    });
    this.messages = new Counter({
      name: "waybill_mqtt_adopted_messages_total",
      help: "Telemetry messages received through sessions taken over from dead instances.",
      registers: [options.registry],
    });
  }

  start(): void {
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** One look: adopts every registered session of the group whose instance is gone. */
  async runOnce(): Promise<void> {
    const { db, shareGroup, ownClientId } = this.options;
    const rows = await db
      .select({ clientId: mqttSessions.clientId })
      .from(mqttSessions)
      .where(and(eq(mqttSessions.shareGroup, shareGroup), ne(mqttSessions.clientId, ownClientId)));
    for (const { clientId } of rows)
      await this.options.singletons.whileHolding(mqttSessionLock(clientId), () => this.adopt(clientId));
  }

  private async adopt(clientId: string): Promise<void> {
    const { log, quietMs = 500, maxDrainMs = 30_000 } = this.options;
    let lastMessageAt = performance.now();
    let count = 0;
    const session = new MqttIngestSession({
      url: this.options.url,
      clientId,
      ...credentialsOf(this.options.url),
      protocolVersion: 5,
      topicFilters: this.options.topicFilters,
      receiveMaximum: this.options.receiveMaximum,
      onMessage: (message) => {
        lastMessageAt = performance.now();
        count++;
        this.messages.inc();
        this.options.accept(message);
      },
    });
    await session.start();
    try {
      await session.unsubscribe();
      const started = performance.now();
      const drained = () => session.unacknowledged === 0 && performance.now() - lastMessageAt > quietMs;
      while (!drained() && performance.now() - started < maxDrainMs)
        await new Promise((resolve) => setTimeout(resolve, 25));
    } finally {
      const drained = session.unacknowledged === 0;
      await session.close({ endSession: drained });
      if (drained) {
        await this.options.db.delete(mqttSessions).where(eq(mqttSessions.clientId, clientId));
        this.adopted.inc();
        log.warn(
          { clientId, messages: count },
          "took over the MQTT session of a stopped instance and ended it",
        );
      } else log.warn({ clientId, messages: count }, "MQTT session of a stopped instance not drained yet");
    }
  }
}

function credentialsOf(url: string): { username?: string; password?: string } {
  const parsed = new URL(url);
  if (!parsed.username) return {};
  return { username: decodeURIComponent(parsed.username), password: decodeURIComponent(parsed.password) };
}
