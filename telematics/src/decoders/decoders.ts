import type { Decoder, TelemetryFormat } from "./decoder";
import { decodeNative } from "./native.decoder";
import { decodeOwnTracks } from "./owntracks.decoder";

const DECODERS: Readonly<Record<TelemetryFormat, Decoder>> = {
  native: decodeNative,
  owntracks: decodeOwnTracks,
};

/**
 * The decoder for a wire format, as {@link routeTelemetryTopic} reports it.
 *
 * @example
 * const route = routeTelemetryTopic(topic);
 * if (route) decoderFor(route.format)({ deviceId: route.deviceId, payload, receivedAt: Date.now() });
 */
export const decoderFor = (format: TelemetryFormat): Decoder => DECODERS[format];
