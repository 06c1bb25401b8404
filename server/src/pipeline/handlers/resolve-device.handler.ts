import type { DeviceDirectory } from "../../ports/device-directory";
import type { LastFixes } from "../last-fixes";
import type { MessageWork } from "../message-work";
import type { PipelineStage } from "../position-stage";

/**
 * Resolve the device to its vehicle and organisation (cached; one query on a miss) and make sure
 * the vehicle's last accepted fix is known to the filter. Rejections of a known device are
 * attributed to its organisation even when the payload was bad.
 */
export function resolveDeviceStage(devices: DeviceDirectory, lastFixes: LastFixes): PipelineStage {
  return {
    name: "resolve-device",
    run(work) {
      if (work.deviceId === null) return;
      const cached = devices.peek(work.deviceId);
      if (cached === undefined)
        return devices.resolve(work.deviceId).then((binding) => bind(work, binding, lastFixes));
      return bind(work, cached, lastFixes);
    },
  };
}

function bind(work: MessageWork, binding: ReturnType<DeviceDirectory["peek"]>, lastFixes: LastFixes) {
  if (!binding) {
    if (!work.wholeMessageRejected)
      work.rejectMessage("unknown_device", `device ${work.deviceId} is not registered`);
    return;
  }
  work.attribute(binding);
  if (binding.vehicleId === null) {
    if (!work.wholeMessageRejected)
      work.rejectMessage("unknown_device", `device ${work.deviceId} is not attached to a vehicle`);
    return;
  }
  return lastFixes.ensure(binding.vehicleId);
}
