import { connect, type Socket } from "node:net";
import type { IPublishPacket, Packet } from "mqtt-packet";
import { mqttPacket } from "../support/packages";

/** A raw MQTT subscriber that withholds its PUBACKs until told to release them. */
export interface HoldingSubscriber {
  /** Messages delivered so far. */
  readonly received: number;
  /** Most messages delivered and not yet acknowledged at any time (since `resetPeak`). */
  readonly peakUnacked: number;
  resetPeak(): void;
  /** Acknowledges the messages held now; later ones are held again. */
  ackHeld(): void;
  /** Receive Maximum the broker announced in CONNACK (MQTT 5; 65535 when absent). */
  readonly brokerReceiveMaximum: number | null;
  /** Acknowledges everything held, and from now on every message on arrival. */
  release(): void;
  close(): void;
}

/** Connects with `protocolVersion` and, for MQTT 5, an optional Receive Maximum; subscribes QoS 1. */
export function subscribeHolding(
  port: number,
  topic: string,
  protocolVersion: 4 | 5,
  receiveMaximum: number | null,
): Promise<HoldingSubscriber> {
  const socket: Socket = connect(port, "127.0.0.1");
  socket.setNoDelay(true);
  const send = (packet: Packet) => socket.write(mqttPacket.generate(packet, { protocolVersion }));
  const held: number[] = [];
  const state: SubscriberState = { received: 0, releasing: false, peak: 0, brokerReceiveMaximum: null };
  const parser = mqttPacket.parser({ protocolVersion });
  return new Promise((resolve, reject) => {
    parser.on("packet", (packet: Packet) => {
      if (packet.cmd === "connack") {
        if (protocolVersion === 5) state.brokerReceiveMaximum = packet.properties?.receiveMaximum ?? 65535;
        send({ cmd: "subscribe", messageId: 1, subscriptions: [{ topic, qos: 1 }] });
      } else if (packet.cmd === "suback") {
        resolve(holding(state, held, send, socket));
      } else if (packet.cmd === "publish") {
        state.received++;
        onPublish(packet, state.releasing, held, send);
        state.peak = Math.max(state.peak, held.length);
      }
    });
    socket.on("data", (chunk: Buffer) => parser.parse(chunk));
    socket.once("error", reject);
    socket.on("connect", () =>
      send({
        cmd: "connect",
        protocolId: "MQTT",
        protocolVersion,
        clientId: `probe-${process.pid}-${Date.now()}`,
        clean: true,
        keepalive: 60,
        ...(protocolVersion === 5 && receiveMaximum !== null ? { properties: { receiveMaximum } } : {}),
      }),
    );
  });
}

function onPublish(packet: IPublishPacket, releasing: boolean, held: number[], send: (p: Packet) => void) {
  if (packet.messageId === undefined) return;
  if (releasing) send({ cmd: "puback", messageId: packet.messageId });
  else held.push(packet.messageId);
}

interface SubscriberState {
  received: number;
  releasing: boolean;
  peak: number;
  brokerReceiveMaximum: number | null;
}

function holding(
  state: SubscriberState,
  held: number[],
  send: (p: Packet) => void,
  socket: Socket,
): HoldingSubscriber {
  return {
    get received() {
      return state.received;
    },
    get peakUnacked() {
      return state.peak;
    },
    resetPeak() {
      state.peak = held.length;
    },
    brokerReceiveMaximum: state.brokerReceiveMaximum,
    ackHeld() {
      for (const messageId of held.splice(0)) send({ cmd: "puback", messageId });
    },
    release() {
      state.releasing = true;
      for (const messageId of held.splice(0)) send({ cmd: "puback", messageId });
    },
    close: () => void socket.destroy(),
  };
}
