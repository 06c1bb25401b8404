import { MAX_TELEMETRY_PAYLOAD_BYTES } from "@waybill/shared";
import { DecodeError } from "./decode-error";

// `fatal` makes invalid UTF-8 an error instead of U+FFFD replacement characters.
const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Turns a raw telemetry payload into a JSON value, enforcing the size limit first so an oversized
 * message costs no parsing.
 *
 * @throws {DecodeError} `payload_too_large` above {@link MAX_TELEMETRY_PAYLOAD_BYTES} bytes,
 *   `malformed_json` for invalid UTF-8 or JSON.
 * @example
 * parseJsonPayload(new TextEncoder().encode('{"lat":1}')); // { lat: 1 }
 */
export function parseJsonPayload(payload: Uint8Array): unknown {
  if (payload.byteLength > MAX_TELEMETRY_PAYLOAD_BYTES) {
    throw new DecodeError(
      "payload_too_large",
      `payload is ${payload.byteLength} bytes, at most ${MAX_TELEMETRY_PAYLOAD_BYTES} are accepted`,
    );
  }
  let text: string;
  try {
    text = utf8.decode(payload);
  } catch (cause) {
    throw new DecodeError("malformed_json", "payload is not valid UTF-8", { cause });
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause);
    throw new DecodeError("malformed_json", `payload is not valid JSON: ${why}`, { cause });
  }
}
