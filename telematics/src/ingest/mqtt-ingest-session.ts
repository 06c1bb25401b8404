import { connect as connectTcp, type Socket } from "node:net";
import { connect as connectTls } from "node:tls";
import mqttPacket, { type Packet } from "mqtt-packet";
import { AckQueue } from "./ack-queue";
import { MqttFrameReader, type PublishFrame } from "./mqtt-frame-reader";

/** One telemetry message handed to the pipeline. Call `ack` once its outcome is stored. */
export interface InboundMessage {
  readonly topic: string;
  readonly payload: Buffer;
  /** Server clock when the message arrived, epoch ms. */
  readonly receivedAt: number;
  /** True when the broker redelivers a message it sent before (DUP flag). */
  readonly redelivered: boolean;
  ack(): void;
}

/** How the ingest connects and what it subscribes to. */
export interface IngestSessionOptions {
  readonly url: string;
  readonly clientId: string;
  readonly username?: string;
  readonly password?: string;
  /** 4 = MQTT 3.1.1 (aedes), 5 = MQTT 5 (shared subscriptions, receive maximum). */
  readonly protocolVersion: 4 | 5;
  readonly topicFilters: readonly string[];
  /** Unacknowledged QoS 1 messages we accept at once (MQTT 5 receive maximum). */
  readonly receiveMaximum: number;
  readonly keepaliveSeconds?: number;
  /** Broker keeps our session (and queued QoS 1 messages) this long while we are away, seconds. */
  readonly sessionExpirySeconds?: number;
  readonly onMessage: (message: InboundMessage) => void;
  readonly onStatus?: (status: IngestSessionStatus, detail?: string) => void;
}

/** Connection state of the ingest session, for readiness and logs. */
export type IngestSessionStatus = "connecting" | "subscribed" | "disconnected" | "closed";

/**
 * The server's MQTT subscriber. Unlike mqtt.js, which handles one message at a time and sends
 * each PUBACK before reading the next, this session hands messages to the pipeline as they come
 * and acknowledges them (in receive order) only once the pipeline has stored them: at-least-once
 * end to end without a database round trip per message. Built on mqtt-packet, the codec mqtt.js
 * uses. TCP no-delay is set (Nagle's algorithm adds ~40 ms to small PUBACKs).
 */
export class MqttIngestSession {
  private socket: Socket | null = null;
  private readonly acks = new AckQueue((ids) => this.sendPubacks(ids));
  private closed = false;
  private throttled = false;
  private stoppedReading = false;
  private status: IngestSessionStatus = "disconnected";
  private retryDelayMs = 250;
  private keepaliveTimer: NodeJS.Timeout | null = null;
  private firstSubscribed: { resolve: () => void; reject: (e: Error) => void } | null = null;
  private unsubscribed: (() => void) | null = null;

  constructor(private readonly options: IngestSessionOptions) {}

  /** True while connected and subscribed: telemetry is flowing. */
  get isSubscribed(): boolean {
    return this.status === "subscribed";
  }

  /** Messages received and not yet acknowledged. */
  get unacknowledged(): number {
    return this.acks.pending;
  }

  /** Connects and subscribes; resolves once subscribed, rejects if the first attempt fails. */
  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.firstSubscribed = { resolve, reject };
      this.connect();
    });
  }

  /** Stops reading new messages (acknowledgements still go out); for a graceful shutdown. */
  pause(): void {
    this.stoppedReading = true;
    this.socket?.pause();
  }

  /**
   * Unsubscribes from every topic filter: the broker routes no new messages here (those already
   * queued or in flight for this session still come). Resolves on the broker's UNSUBACK.
   */
  unsubscribe(timeoutMs = 5000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.unsubscribed = null;
        reject(new Error(`no UNSUBACK from the MQTT broker within ${timeoutMs} ms`));
      }, timeoutMs);
      this.unsubscribed = () => {
        clearTimeout(timer);
        this.unsubscribed = null;
        resolve();
      };
      this.send({ cmd: "unsubscribe", messageId: 2, unsubscriptions: [...this.options.topicFilters] });
    });
  }

  /**
   * Sends DISCONNECT and closes. Unacknowledged messages stay with the broker for redelivery,
   * unless `endSession` (MQTT 5): then the broker discards the session and whatever it still
   * holds for it, so call it only once everything received is acknowledged.
   */
  async close(options: { readonly endSession?: boolean } = {}): Promise<void> {
    this.closed = true;
    this.stopKeepalive();
    const socket = this.socket;
    if (!socket) return this.setStatus("closed");
    const disconnect: Packet =
      options.endSession && this.options.protocolVersion === 5
        ? { cmd: "disconnect", properties: { sessionExpiryInterval: 0 } }
        : { cmd: "disconnect" };
    await new Promise<void>((resolve) => {
      socket.once("close", () => resolve());
      if (socket.writable) socket.end(mqttPacket.generate(disconnect, this.opts()));
      else socket.destroy();
      setTimeout(() => socket.destroy(), 1000).unref();
    });
    this.setStatus("closed");
  }

  private connect(): void {
    this.setStatus("connecting");
    const url = new URL(this.options.url);
    const port = Number(url.port) || (url.protocol === "mqtts:" ? 8883 : 1883);
    const socket =
      url.protocol === "mqtts:"
        ? connectTls({ host: url.hostname, port })
        : connectTcp({ host: url.hostname, port });
    socket.setNoDelay(true);
    this.socket = socket;
    // PUBLISH, at ingest rate, is decoded in place; the few other packets by mqtt-packet.
    const parser = mqttPacket.parser(this.opts());
    parser.on("packet", (packet: Packet) => this.handle(packet));
    parser.on("error", (error: Error) => socket.destroy(error));
    const reader = new MqttFrameReader(this.options.protocolVersion, {
      publish: (frame) => this.onPublish(frame),
      other: (packet) => parser.parse(packet),
    });
    socket.on("connect", () => this.send(this.connectPacket()));
    socket.on("data", (chunk: Buffer) => {
      try {
        reader.push(chunk);
      } catch (error) {
        socket.destroy(error as Error);
      }
    });
    socket.on("error", (error) => this.options.onStatus?.("disconnected", error.message));
    socket.on("close", () => this.onClose(socket));
  }

  private connectPacket(): Packet {
    const { clientId, username, password, protocolVersion, receiveMaximum } = this.options;
    return {
      cmd: "connect",
      protocolId: "MQTT",
      protocolVersion,
      clientId,
      clean: false,
      keepalive: this.options.keepaliveSeconds ?? 30,
      ...(username === undefined ? {} : { username }),
      ...(password === undefined ? {} : { password: Buffer.from(password) }),
      ...(protocolVersion === 5
        ? { properties: { receiveMaximum, sessionExpiryInterval: this.options.sessionExpirySeconds ?? 3600 } }
        : {}),
    };
  }

  private handle(packet: Packet): void {
    switch (packet.cmd) {
      case "connack":
        this.onConnack(packet.returnCode ?? packet.reasonCode ?? 0);
        break;
      case "suback":
        this.onSuback(packet.granted);
        break;
      case "unsuback":
        this.unsubscribed?.();
        break;
      case "disconnect":
        this.socket?.destroy();
        break;
      default:
        break; // pingresp and others need no action
    }
  }

  private onConnack(code: number): void {
    if (code !== 0) {
      const error = new Error(
        `MQTT broker refused the connection (code ${code}): check credentials and MQTT_URL`,
      );
      this.firstSubscribed?.reject(error);
      this.firstSubscribed = null;
      this.socket?.destroy();
      return;
    }
    const subscriptions = this.options.topicFilters.map((topic) => ({ topic, qos: 1 as const }));
    this.send({ cmd: "subscribe", messageId: 1, subscriptions });
  }

  private onSuback(granted: ReadonlyArray<number | object>): void {
    const refused = granted.findIndex((code) => typeof code !== "number" || code > 2);
    if (refused >= 0) {
      const error = new Error(
        `MQTT broker refused the subscription to ${this.options.topicFilters[refused]}`,
      );
      this.firstSubscribed?.reject(error);
      this.firstSubscribed = null;
      this.socket?.destroy();
      return;
    }
    this.retryDelayMs = 250;
    this.startKeepalive();
    this.setStatus("subscribed");
    this.firstSubscribed?.resolve();
    this.firstSubscribed = null;
  }

  private onPublish(packet: PublishFrame): void {
    const ack = packet.qos > 0 && packet.messageId !== undefined ? this.acks.track(packet.messageId) : noop;
    // Mosquitto 2.0.11 overshoots our Receive Maximum once PUBACKs flow: stop reading instead.
    if (this.acks.pending >= this.options.receiveMaximum && !this.throttled) {
      this.throttled = true;
      this.socket?.pause();
    }
    this.options.onMessage({
      topic: packet.topic,
      payload: packet.payload,
      receivedAt: Date.now(),
      redelivered: packet.dup,
      ack,
    });
  }

  private onClose(socket: Socket): void {
    if (this.socket !== socket) return;
    this.throttled = false;
    this.socket = null;
    this.stopKeepalive();
    this.acks.reset();
    if (this.closed) return;
    this.setStatus("disconnected");
    if (this.firstSubscribed) {
      this.firstSubscribed.reject(new Error(`MQTT broker at ${redact(this.options.url)} unreachable`));
      this.firstSubscribed = null;
      this.closed = true;
      return;
    }
    setTimeout(() => {
      if (!this.closed) this.connect();
    }, this.retryDelayMs).unref();
    this.retryDelayMs = Math.min(this.retryDelayMs * 2, 10_000);
  }

  private startKeepalive(): void {
    const periodMs = ((this.options.keepaliveSeconds ?? 30) * 1000) / 2;
    this.keepaliveTimer = setInterval(() => this.send({ cmd: "pingreq" }), periodMs);
    this.keepaliveTimer.unref();
  }

  private stopKeepalive(): void {
    if (this.keepaliveTimer) clearInterval(this.keepaliveTimer);
    this.keepaliveTimer = null;
  }

  /** All PUBACKs in one write: 4 bytes each (reason code 0 may be omitted in MQTT 5). */
  private sendPubacks(ids: number[]): void {
    if (!this.socket?.writable) return;
    const buffer = Buffer.allocUnsafe(4 * ids.length);
    for (let i = 0; i < ids.length; i++) {
      buffer[4 * i] = 0x40;
      buffer[4 * i + 1] = 2;
      buffer.writeUInt16BE(ids[i]!, 4 * i + 2);
    }
    this.socket.write(buffer);
    if (this.throttled && !this.stoppedReading && this.acks.pending < this.options.receiveMaximum / 2) {
      this.throttled = false;
      this.socket.resume();
    }
  }

  private send(packet: Packet): void {
    if (this.socket?.writable) this.socket.write(mqttPacket.generate(packet, this.opts()));
  }

  private opts() {
    return { protocolVersion: this.options.protocolVersion };
  }

  private setStatus(status: IngestSessionStatus): void {
    this.status = status;
    this.options.onStatus?.(status);
  }
}

const noop = (): void => {};

/** The URL without its password, for messages. */
const redact = (url: string): string => url.replace(/\/\/([^:@/]+):[^@/]+@/, "//$1:***@");
