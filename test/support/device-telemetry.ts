import mqtt from "mqtt";
import type { TestSystem } from "./system";

/** A device's credentials, as `POST /api/v1/vehicles` returns the secret. */
export interface DeviceLogin {
  readonly deviceId: string;
  readonly deviceSecret: string;
}

/**
 * Publishes telemetry reports as the device, one QoS 1 message each, in order, and disconnects:
 * every report is acknowledged (taken in by the server) when it resolves.
 */
export async function publishReports(
  system: Pick<TestSystem, "mqttUrl">,
  { deviceId, deviceSecret }: DeviceLogin,
  reports: readonly object[],
): Promise<void> {
  const client = await mqtt.connectAsync(system.mqttUrl, {
    username: deviceId,
    password: deviceSecret,
    reconnectPeriod: 0,
  });
  try {
    for (const report of reports)
      await client.publishAsync(`waybill/v1/devices/${deviceId}/telemetry`, JSON.stringify(report), {
        qos: 1,
      });
  } finally {
    await client.endAsync();
  }
}
