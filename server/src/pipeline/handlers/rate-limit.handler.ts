import type { DeviceRateLimiter } from "../../domain/telemetry/rate-limit";
import type { PipelineStage } from "../position-stage";

/**
 * Rate limit: a device that sends more than its share (a firmware loop, a replayed backlog, a
 * hostile client) has its excess messages rejected as `rate_limited`, counted and dead-lettered
 * like any other rejection, before they cost a database lookup or a stored position.
 */
export function rateLimitStage(limiter: DeviceRateLimiter, rule: string): PipelineStage {
  return {
    name: "rate-limit",
    run(work) {
      if (work.deviceId === null) return;
      if (!limiter.take(work.deviceId, work.message.receivedAt))
        work.rejectMessage("rate_limited", `device ${work.deviceId} sent more than ${rule}`);
    },
  };
}
