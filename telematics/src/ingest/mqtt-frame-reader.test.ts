import mqttPacket, { type Packet } from "mqtt-packet";
import { describe, expect, it } from "vitest";
import { MqttFrameReader, type PublishFrame } from "./mqtt-frame-reader";

const publish = (messageId: number, payload: string | Buffer, extra: Partial<Packet> = {}): Packet =>
  ({
    cmd: "publish",
    topic: `waybill/v1/devices/dev-${messageId}/telemetry`,
    payload,
    qos: 1,
    messageId,
    dup: messageId % 2 === 0,
    retain: false,
    ...extra,
  }) as Packet;

function read(protocolVersion: 4 | 5, bytes: Buffer, chunkSizes: readonly number[]) {
  const frames: PublishFrame[] = [];
  const others: Packet[] = [];
  const parser = mqttPacket.parser({ protocolVersion });
  parser.on("packet", (packet: Packet) => others.push(packet));
  const reader = new MqttFrameReader(protocolVersion, {
    publish: (frame) => frames.push({ ...frame, payload: Buffer.from(frame.payload) }),
    other: (packet) => parser.parse(packet),
  });
  let at = 0;
  for (let i = 0; at < bytes.length; i++) {
    const size = chunkSizes[i % chunkSizes.length]!;
    reader.push(bytes.subarray(at, at + size));
    at += size;
  }
  return { frames, others };
}

const large = Buffer.alloc(70_000, "x"); // a remaining length of three bytes

describe(MqttFrameReader.name, () => {
  for (const protocolVersion of [4, 5] as const) {
    const packets = [
      publish(1, '{"lat":1}'),
      { cmd: "pingresp" } as Packet,
      publish(2, large),
      publish(3, "", { qos: 0, messageId: undefined, dup: false }),
      publish(65_535, "last"),
    ];
    if (protocolVersion === 5)
      packets[0] = publish(1, '{"lat":1}', {
        properties: { payloadFormatIndicator: true, userProperties: { a: "b" } },
      });
    const bytes = Buffer.concat(packets.map((p) => mqttPacket.generate(p, { protocolVersion })));

    for (const chunks of [[bytes.length], [1], [7, 3, 1000], [65_536]]) {
      it(`decodes PUBLISH packets of MQTT ${protocolVersion === 4 ? "3.1.1" : "5"} however the stream is cut (${chunks.join(", ")} bytes)`, () => {
        const { frames, others } = read(protocolVersion, bytes, chunks);
        expect(frames.map((f) => [f.topic, f.messageId, f.qos, f.dup, f.payload.length])).toEqual([
          ["waybill/v1/devices/dev-1/telemetry", 1, 1, false, 9],
          ["waybill/v1/devices/dev-2/telemetry", 2, 1, true, large.length],
          ["waybill/v1/devices/dev-3/telemetry", undefined, 0, false, 0],
          ["waybill/v1/devices/dev-65535/telemetry", 65_535, 1, false, 4],
        ]);
        expect(frames[0]!.payload.toString()).toBe('{"lat":1}');
        expect(others.map((p) => p.cmd)).toEqual(["pingresp"]);
      });
    }
  }

  it("refuses a packet whose header does not fit in it", () => {
    const reader = new MqttFrameReader(4, { publish: () => {}, other: () => {} });
    expect(() => reader.push(Buffer.from([0x32, 0x03, 0x00, 0x05, 0x61]))).toThrow("truncated header");
  });

  it("refuses a remaining length longer than four bytes", () => {
    const reader = new MqttFrameReader(4, { publish: () => {}, other: () => {} });
    expect(() => reader.push(Buffer.from([0x30, 0xff, 0xff, 0xff, 0xff, 0x01]))).toThrow(
      "longer than 4 bytes",
    );
  });
});
