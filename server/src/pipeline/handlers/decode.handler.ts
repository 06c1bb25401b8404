import { MAX_TELEMETRY_PAYLOAD_BYTES } from "@waybill/shared";
import { DecodeError } from "@waybill/telematics/decoders/decode-error";
import { decoderFor } from "@waybill/telematics/decoders/decoders";
import { routeTelemetryTopic, type TelemetryRoute } from "@waybill/telematics/topics";
import type { PipelineStage } from "../position-stage";

/**
 * Decode and validate: the topic names the format and the device; the format's decoder (from
 * telematics/) turns the payload into reports and per-report rejections.
 */
export function decodeStage(): PipelineStage {
  const routeOf = cachedTopicRoutes();
  return {
    name: "decode",
    run(work) {
      const { topic, payload, receivedAt } = work.message;
      const route = routeOf(topic);
      if (!route)
        return work.rejectMessage(
          "topic_not_allowed",
          `topic ${JSON.stringify(topic.slice(0, 200))} is not a telemetry topic`,
        );
      work.deviceId = route.deviceId;
      if (payload.byteLength > MAX_TELEMETRY_PAYLOAD_BYTES) {
        return work.rejectMessage(
          "payload_too_large",
          `payload of ${payload.byteLength} bytes exceeds ${MAX_TELEMETRY_PAYLOAD_BYTES}`,
        );
      }
      try {
        const decoded = decoderFor(route.format)({ deviceId: route.deviceId, payload, receivedAt });
        work.reports = decoded.reports;
        for (const reject of decoded.rejects) work.reject(reject.reason, reject.detail, reject.index);
      } catch (error) {
        if (!(error instanceof DecodeError)) throw error;
        work.rejectMessage(error.reason, error.message);
      }
    },
  };
}

/** Topics remembered at most; past it the cache starts again (hostile clients invent topics). */
const MAX_CACHED_TOPICS = 10_000;

/**
 * {@link routeTelemetryTopic} with a cache: each device publishes on the same topic again and
 * again, and a lookup costs a fraction of splitting and matching the topic for every message.
 */
function cachedTopicRoutes(): (topic: string) => TelemetryRoute | null {
  const routes = new Map<string, TelemetryRoute | null>();
  return (topic) => {
    let route = routes.get(topic);
    if (route === undefined) {
      route = routeTelemetryTopic(topic);
      if (routes.size >= MAX_CACHED_TOPICS) routes.clear();
      routes.set(topic, route);
    }
    return route;
  };
}
