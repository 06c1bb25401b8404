import { asDeviceId, type DeviceId, nativeTelemetryTopic } from "@waybill/shared";
import type { TelemetryFormat } from "./decoders/decoder";

/** Where a telemetry message comes from: its wire format and the device that sent it. */
export interface TelemetryRoute {
  readonly format: TelemetryFormat;
  readonly deviceId: DeviceId;
}

// One topic level of a device id: no `/`, no wildcard, never empty.
const ID_SEGMENT = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Resolves a publish topic to its format and device. `waybill/v1/devices/{id}/telemetry` is native;
 * `owntracks/{user}/{device}` is OwnTracks with device id `{user}/{device}`. Anything else (extra or
 * empty levels, wildcards, other characters) is null.
 *
 * @example
 * routeTelemetryTopic("owntracks/alice/pixel7"); // { format: "owntracks", deviceId: "alice/pixel7" }
 */
export function routeTelemetryTopic(topic: string): TelemetryRoute | null {
  const levels = topic.split("/");
  if (levels.length === 5) {
    const [root, version, devices, id, leaf] = levels as [string, string, string, string, string];
    const isNative = root === "waybill" && version === "v1" && devices === "devices" && leaf === "telemetry";
    return isNative && ID_SEGMENT.test(id) ? { format: "native", deviceId: asDeviceId(id) } : null;
  }
  if (levels.length === 3) {
    const [root, user, device] = levels as [string, string, string];
    const isOwnTracks = root === "owntracks" && ID_SEGMENT.test(user) && ID_SEGMENT.test(device);
    return isOwnTracks ? { format: "owntracks", deviceId: asDeviceId(`${user}/${device}`) } : null;
  }
  return null;
}

/**
 * Whether a device may publish on a topic: only on its own native topic, or, when its id has the
 * form `user/device`, on `owntracks/user/device`. The embedded broker authorises publishes with it.
 *
 * @example
 * deviceTopicAllowed("van-7", "waybill/v1/devices/van-7/telemetry"); // true
 * deviceTopicAllowed("van-7", "waybill/v1/devices/van-8/telemetry"); // false
 */
export function deviceTopicAllowed(deviceId: string, topic: string): boolean {
  const route = routeTelemetryTopic(topic);
  return route !== null && route.deviceId === deviceId;
}

/**
 * The topic a device publishes on in a format. Throws when the id cannot be carried by it: native
 * ids are one segment, OwnTracks ids `user/device`.
 *
 * @example
 * telemetryTopicFor("owntracks", "alice/pixel7"); // "owntracks/alice/pixel7"
 */
export function telemetryTopicFor(format: TelemetryFormat, deviceId: string): string {
  const topic = format === "native" ? nativeTelemetryTopic(deviceId) : `owntracks/${deviceId}`;
  if (!deviceTopicAllowed(deviceId, topic)) {
    const shape =
      format === "native" ? "1-64 of A-Z a-z 0-9 . _ -" : "user/device, each 1-64 of A-Z a-z 0-9 . _ -";
    throw new RangeError(
      `device id ${JSON.stringify(deviceId)} cannot publish ${format} telemetry: expected ${shape}`,
    );
  }
  return topic;
}
