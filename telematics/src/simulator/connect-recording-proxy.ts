import { createServer, type Socket, connect as tcpConnect } from "node:net";
import { type IConnectPacket, parser as mqttParser } from "mqtt-packet";

/** What a client sent in its MQTT CONNECT packet. */
export interface RecordedConnect {
  readonly clientId: string;
  readonly username: string | undefined;
  readonly password: string | undefined;
  readonly protocolVersion: number | undefined;
}

/** A running proxy: point clients at `url`, then read `connects`. */
export interface ConnectRecordingProxy {
  readonly url: string;
  readonly connects: readonly RecordedConnect[];
  close(): Promise<void>;
}

/**
 * Test helper: a TCP proxy in front of a real broker that forwards every byte both ways and
 * records each client's CONNECT packet, so a test can check the credentials a client really sent
 * even when the broker behind accepts anyone.
 *
 * @param brokerUrl `mqtt://host:port` of the broker to forward to.
 */
export async function startConnectRecordingProxy(brokerUrl: string): Promise<ConnectRecordingProxy> {
  const upstream = new URL(brokerUrl);
  const connects: RecordedConnect[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const broker = tcpConnect(Number(upstream.port || 1883), upstream.hostname);
    for (const socket of [client, broker]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      // A reset on either side ends the pair; the test sees the effect on its clients.
      socket.on("error", () => closePair(client, broker));
    }
    client.pipe(broker);
    broker.pipe(client);
    recordConnects(client, connects);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  return {
    url: `mqtt://127.0.0.1:${port}`,
    connects,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function recordConnects(client: Socket, connects: RecordedConnect[]): void {
  const parser = mqttParser({ protocolVersion: 4 });
  parser.on("packet", (packet: { cmd: string }) => {
    if (packet.cmd !== "connect") return;
    const { clientId, username, password, protocolVersion } = packet as IConnectPacket;
    connects.push({ clientId, username, password: password?.toString("utf8"), protocolVersion });
  });
  const parse = (chunk: Buffer) => parser.parse(chunk);
  client.on("data", parse);
  // A packet the parser cannot read is still forwarded; the broker is the judge of the bytes.
  parser.on("error", () => client.off("data", parse));
}

function closePair(a: Socket, b: Socket): void {
  a.destroy();
  b.destroy();
}
