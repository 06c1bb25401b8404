/** Logical diameter of a numbered stop marker, CSS pixels. */
const MARKER_SIZE_PX = 22;
const PIXEL_RATIO = 2;

/**
 * Draws a numbered stop marker (a white-ringed disc in the route's colour with the number in
 * white) on a canvas: the offline style has no glyphs, so numbers cannot be map text.
 *
 * @example
 * const { image, pixelRatio } = drawStopMarker("#2563eb", 3);
 * map.addImage(id, image, { pixelRatio });
 */
export function drawStopMarker(colour: string, number: number): { image: ImageData; pixelRatio: number } {
  const size = MARKER_SIZE_PX * PIXEL_RATIO;
  const canvas = document.createElement("canvas");
  canvas.width = size;
  canvas.height = size;
  const context = canvas.getContext("2d");
  if (!context) throw new Error("Canvas 2D context is unavailable; cannot draw a stop marker");
  context.scale(PIXEL_RATIO, PIXEL_RATIO);
  const centre = MARKER_SIZE_PX / 2;
  context.beginPath();
  context.arc(centre, centre, centre - 1, 0, Math.PI * 2);
  context.fillStyle = "#ffffff";
  context.fill();
  context.beginPath();
  context.arc(centre, centre, centre - 3, 0, Math.PI * 2);
  context.fillStyle = colour;
  context.fill();
  const label = String(number);
  context.fillStyle = "#ffffff";
  context.font = `700 ${label.length > 2 ? 8 : 11}px system-ui, sans-serif`;
  context.textAlign = "center";
  context.textBaseline = "middle";
  context.fillText(label, centre, centre + 0.5);
  return { image: context.getImageData(0, 0, size, size), pixelRatio: PIXEL_RATIO };
}
