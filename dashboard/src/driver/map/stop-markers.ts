import type { DriverStopDto } from "@waybill/shared";
import { drawStopMarker } from "../../map/stop-marker";

/** Marker colours by how the stop stands, as on the list's chips. */
const TONES = {
  open: "#0037a6",
  delivered: "#0b6b2e",
  failed: "#b00020",
  cancelled: "#6b7280",
} as const;
type Tone = keyof typeof TONES;

const PREFIX = "driver-stop";

/**
 * The image id of a stop's numbered marker: its tone and its number in the route. The map draws
 * the image when a layer first asks for it (see {@link drawStopMarkerImage}).
 *
 * @example
 * stopMarkerId(stop, 3); // "driver-stop:open:3"
 */
export function stopMarkerId(stop: Pick<DriverStopDto, "status" | "outcome">, number: number): string {
  return `${PREFIX}:${toneOf(stop)}:${number}`;
}

/** Draws the marker an id of {@link stopMarkerId} names; null for any other image id. */
export function drawStopMarkerImage(imageId: string): { image: ImageData; pixelRatio: number } | null {
  const match = /^driver-stop:(\w+):(\d+)$/.exec(imageId);
  if (!match || !(match[1]! in TONES)) return null;
  return drawStopMarker(TONES[match[1] as Tone], Number(match[2]));
}

function toneOf(stop: Pick<DriverStopDto, "status" | "outcome">): Tone {
  if (stop.status === "cancelled") return "cancelled";
  if (stop.outcome === "failed") return "failed";
  return stop.status === "completed" ? "delivered" : "open";
}
