/** Logical size of the heading arrow image, CSS pixels (drawn at 2x for sharp rotation). */
export const HEADING_ARROW_SIZE_PX = 24;
const PIXEL_RATIO = 2;

/** The arrow image plus the pixel ratio to register it with. */
export interface HeadingArrowImage {
  readonly image: ImageData;
  readonly pixelRatio: number;
}

/**
 * Draws the north-pointing arrow that sits inside a moving vehicle's circle; the symbol layer
 * rotates it by heading. Canvas-drawn so the style needs no sprite URL.
 *
 * @example
 * const { image, pixelRatio } = drawHeadingArrow();
 * map.addImage("waybill-heading-arrow", image, { pixelRatio });
 */
export function drawHeadingArrow(): HeadingArrowImage {
  const size = HEADING_ARROW_SIZE_PX * PIXEL_RATIO;
  const canvas = document.createElement("canvas");
  canvas.width = size;
  canvas.height = size;
  const context = canvas.getContext("2d");
  if (!context) throw new Error("Canvas 2D context is unavailable; cannot draw the heading arrow");
  context.scale(PIXEL_RATIO, PIXEL_RATIO);
  context.beginPath();
  // A navigation chevron in a 24 x 24 box: tip at the top, notch at the bottom centre.
  context.moveTo(12, 5);
  context.lineTo(17.5, 18);
  context.lineTo(12, 15);
  context.lineTo(6.5, 18);
  context.closePath();
  context.fillStyle = "#ffffff";
  context.fill();
  return { image: context.getImageData(0, 0, size, size), pixelRatio: PIXEL_RATIO };
}
