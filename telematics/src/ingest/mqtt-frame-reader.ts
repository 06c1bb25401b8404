/** A PUBLISH packet as the ingest needs it (MQTT 3.1.1 and 5). */
export interface PublishFrame {
  readonly topic: string;
  /** A view into the received bytes, not a copy. */
  readonly payload: Buffer;
  readonly qos: 0 | 1 | 2;
  /** Present for QoS 1 and 2. */
  readonly messageId: number | undefined;
  /** DUP flag: the broker sent this message before. */
  readonly dup: boolean;
}

/** What the reader hands on: PUBLISH packets decoded, every other packet as its complete bytes. */
export interface FrameHandlers {
  publish(frame: PublishFrame): void;
  other(packet: Buffer): void;
}

const PUBLISH = 3;

/**
 * Splits the broker's byte stream into MQTT packets and decodes PUBLISH itself, the one packet
 * that comes at ingest rate; the rare others (CONNACK, SUBACK, PINGRESP...) go whole to a general
 * parser. A general streaming parser (mqtt-packet) costs ~2.5 us per message here in its buffer
 * list, per-field debug calls and packet objects; this reads the fixed header, the topic and the
 * packet id in place. Throws on a malformed packet (the caller drops the connection).
 *
 * @example
 * const reader = new MqttFrameReader(5, { publish: (f) => handle(f), other: (b) => parser.parse(b) });
 * socket.on("data", (chunk) => reader.push(chunk));
 */
export class MqttFrameReader {
  /** Bytes of an incomplete packet, waiting for the rest. */
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Length of the packet at the head of `pending` once its header is known, else 0. */
  private neededBytes = 0;

  constructor(
    private readonly protocolVersion: 4 | 5,
    private readonly handlers: FrameHandlers,
  ) {}

  /** Takes the next chunk of the stream. */
  push(chunk: Buffer): void {
    if (this.pending.length > 0) {
      this.pending.push(chunk);
      this.pendingBytes += chunk.length;
      // A large packet arrives in many chunks: join them once, when it is complete.
      if (this.neededBytes > 0 && this.pendingBytes < this.neededBytes) return;
      chunk = Buffer.concat(this.pending, this.pendingBytes);
      this.pending = [];
      this.pendingBytes = 0;
    }
    let offset = 0;
    while (offset < chunk.length) {
      const end = this.packetEnd(chunk, offset);
      if (end === null || end > chunk.length) {
        const rest = chunk.subarray(offset);
        this.pending.push(rest);
        this.pendingBytes = rest.length;
        this.neededBytes = end === null ? 0 : end - offset;
        return;
      }
      if (chunk[offset]! >> 4 === PUBLISH) this.handlers.publish(this.decodePublish(chunk, offset, end));
      else this.handlers.other(chunk.subarray(offset, end));
      offset = end;
    }
    this.neededBytes = 0;
  }

  /** End offset of the packet starting at `offset`, or null while its length is not all here. */
  private packetEnd(buffer: Buffer, offset: number): number | null {
    let remaining = 0;
    for (let i = 1; i <= 4; i++) {
      if (offset + i >= buffer.length) return null;
      const byte = buffer[offset + i]!;
      remaining += (byte & 0x7f) * 128 ** (i - 1);
      if ((byte & 0x80) === 0) return offset + i + 1 + remaining;
    }
    throw new Error("malformed MQTT packet: remaining length longer than 4 bytes");
  }

  private decodePublish(buffer: Buffer, start: number, end: number): PublishFrame {
    const flags = buffer[start]! & 0x0f;
    const qos = (flags >> 1) & 0x03;
    if (qos === 3) throw new Error("malformed MQTT PUBLISH: QoS 3");
    let at = start + 1;
    while (buffer[at]! & 0x80) at++;
    at++;
    const topicBytes = readUInt16(buffer, at, end);
    const topic = buffer.toString("utf8", at + 2, at + 2 + topicBytes);
    at += 2 + topicBytes;
    let messageId: number | undefined;
    if (qos > 0) {
      messageId = readUInt16(buffer, at, end);
      at += 2;
    }
    if (this.protocolVersion === 5) at = skipProperties(buffer, at, end);
    if (at > end) throw new Error("malformed MQTT PUBLISH: header longer than the packet");
    return {
      topic,
      payload: buffer.subarray(at, end),
      qos: qos as 0 | 1 | 2,
      messageId,
      dup: (flags & 0x08) !== 0,
    };
  }
}

function readUInt16(buffer: Buffer, at: number, end: number): number {
  if (at + 2 > end) throw new Error("malformed MQTT PUBLISH: truncated header");
  return buffer.readUInt16BE(at);
}

/** Skips the MQTT 5 properties (a variable byte integer length, then the properties). */
function skipProperties(buffer: Buffer, at: number, end: number): number {
  let length = 0;
  for (let i = 0; i < 4; i++) {
    if (at >= end) throw new Error("malformed MQTT PUBLISH: truncated properties");
    const byte = buffer[at++]!;
    length += (byte & 0x7f) * 128 ** i;
    if ((byte & 0x80) === 0) return at + length;
  }
  throw new Error("malformed MQTT PUBLISH: property length longer than 4 bytes");
}
