import { createServer, type Server } from "node:net";
import { deviceTopicAllowed } from "@waybill/telematics/topics";
import { Aedes, type AuthenticateError, type Client } from "aedes";
import type { DeviceDirectory } from "../../ports/device-directory";

/** Credentials of the server's own ingest client on the embedded broker. */
export interface InternalCredentials {
  readonly username: string;
  readonly password: string;
}

/** A running embedded broker. */
export interface EmbeddedBroker {
  readonly port: number;
  /** Refuses new connections and disconnects every device (the ingest client stays). */
  disconnectDevices(): Promise<void>;
  close(): Promise<void>;
}

/** What the broker tells the rest of the system. */
export interface BrokerObserver {
  authenticationFailed(username: string | undefined): void;
  publishDenied(clientId: string, topic: string): void;
}

/**
 * An in-process MQTT 3.1.1 broker (aedes) for the embedded mode. Each device signs in with
 * username = device id and password = its secret, and may publish only on its own topics; only
 * the server's ingest client may subscribe to telemetry.
 */
export async function startEmbeddedBroker(options: {
  readonly host: string;
  readonly port: number;
  readonly devices: DeviceDirectory;
  readonly internal: InternalCredentials;
  readonly observer: BrokerObserver;
}): Promise<EmbeddedBroker> {
  const { devices, internal, observer } = options;
  const usernames = new WeakMap<object, string>();
  const usernameOf = (client: object | null): string | null =>
    client ? (usernames.get(client) ?? null) : null;
  const broker = await Aedes.createBroker({
    preConnect: (client, packet, callback) => {
      if (packet.username) usernames.set(client, packet.username);
      callback(null, true);
    },
    authenticate: (_client, username, password, done) => {
      const secret = password?.toString() ?? "";
      const check =
        username === internal.username
          ? Promise.resolve(secret === internal.password)
          : username
            ? devices.verifySecret(username, secret)
            : Promise.resolve(false);
      check.then(
        (ok) => {
          if (ok) return done(null, true);
          observer.authenticationFailed(username);
          done(authError(), false);
        },
        () => done(authError(3), false),
      );
    },
    authorizePublish: (client, packet, callback) => {
      const username = usernameOf(client);
      if (username !== null && username !== internal.username && deviceTopicAllowed(username, packet.topic))
        return callback(null);
      observer.publishDenied(client?.id ?? "?", packet.topic);
      callback(new Error(`publishing to ${packet.topic} is not allowed for this client`));
    },
    authorizeSubscribe: (client, subscription, callback) => {
      if (usernameOf(client) === internal.username) return callback(null, subscription);
      callback(new Error("devices may not subscribe"), null);
    },
  });
  const connected = new Set<Client>();
  broker.on("client", (client) => connected.add(client));
  broker.on("clientDisconnect", (client) => connected.delete(client));
  const server = createServer({ noDelay: true }, broker.handle);
  const port = await listen(server, options.host, options.port);
  return {
    port,
    disconnectDevices: async () => {
      server.close();
      const devicesOnly = [...connected].filter((client) => usernameOf(client) !== internal.username);
      await Promise.all(
        devicesOnly.map((client) => new Promise<void>((resolve) => client.close(() => resolve()))),
      );
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close();
        broker.close(() => resolve());
      }),
  };
}

function authError(returnCode = 4): AuthenticateError {
  return Object.assign(new Error(returnCode === 4 ? "bad username or password" : "server unavailable"), {
    returnCode,
  }) as AuthenticateError;
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", (error) =>
      reject(new Error(`embedded MQTT broker cannot listen on ${host}:${port}: ${error.message}`)),
    );
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : port);
    });
  });
}
