import { createRequire } from "node:module";
import type * as MqttModule from "mqtt";
import type * as MqttPacketModule from "mqtt-packet";
import type PostgresModule from "postgres";
import type * as SocketIoClientModule from "socket.io-client";

/*
 * The bench is not a workspace package (no package.json, nothing to install), so bare imports of
 * npm packages do not resolve from bench/. It loads them from the packages that already depend on
 * them; bench/tsconfig.json maps the same names for types. A `@waybill/bench` package with these
 * dependencies would make this file unnecessary.
 */
const fromTest = createRequire(new URL("../../test/package.json", import.meta.url));
const fromServer = createRequire(new URL("../../server/package.json", import.meta.url));
const fromTelematics = createRequire(new URL("../../telematics/package.json", import.meta.url));

/** mqtt.js 5, as the test package has it. */
export const mqtt = fromTest("mqtt") as typeof MqttModule;
/** socket.io-client 4.8, as the test package has it. */
export const socketIoClient = fromTest("socket.io-client") as typeof SocketIoClientModule;
/** postgres.js 3.4, as the server has it. */
export const postgres = fromServer("postgres") as typeof PostgresModule;
/** The MQTT codec mqtt.js uses, as telematics has it. */
export const mqttPacket = fromTelematics("mqtt-packet") as typeof MqttPacketModule;
