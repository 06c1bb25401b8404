import { STATUS_META, VehicleStatus } from "../../state/vehicle-status";

/** Headings are drawn in this many steps (10° each): one sprite per step, no rotation per frame. */
export const HEADING_STEPS = 36;
const STROKE_PX = 1.5;
const SELECTED_COLOUR = "#1d4ed8";

/**
 * Pre-drawn vehicle markers for one size and pixel ratio, in one atlas canvas: row 0 holds a dot
 * per status and the selection halo, row 1 the moving marker with its arrow at each heading step.
 * Drawing 2,000 vehicles is then 2,000 image copies, which software rendering does far faster than
 * 2,000 paths.
 */
export interface VehicleSprites {
  readonly atlas: HTMLCanvasElement;
  /** Side of one square cell, device pixels; every sprite is centred in its cell. */
  readonly cellPx: number;
  readonly radiusPx: number;
  readonly pixelRatio: number;
}

/**
 * Marker radius by zoom, CSS pixels: small dots for a country-wide view, markers up close.
 *
 * @example
 * vehicleRadiusPx(12); // 6
 */
export function vehicleRadiusPx(zoom: number): number {
  const stops: [number, number][] = [
    [8, 3.5],
    [12, 6],
    [15, 9],
    [18, 11],
  ];
  if (zoom <= stops[0]![0]) return stops[0]![1];
  for (let i = 1; i < stops.length; i++) {
    const [z1, r1] = stops[i]!;
    const [z0, r0] = stops[i - 1]!;
    if (zoom <= z1) return r0 + ((r1 - r0) * (zoom - z0)) / (z1 - z0);
  }
  return stops.at(-1)![1];
}

/** Source x, y (device pixels) in the atlas of a status's dot, the halo (status -1) or a moving arrow. */
export function spriteOrigin(sprites: VehicleSprites, status: number, headingDeg: number): [number, number] {
  const cell = sprites.cellPx;
  if (status === VehicleStatus.Moving && headingDeg >= 0) {
    const step = Math.round(headingDeg / (360 / HEADING_STEPS)) % HEADING_STEPS;
    return [step * cell, cell];
  }
  return [(status < 0 ? STATUS_META.length : status) * cell, 0];
}

/**
 * Draws the atlas for markers of `radiusPx` at `pixelRatio`.
 *
 * @example
 * const sprites = drawVehicleSprites(vehicleRadiusPx(map.getZoom()), devicePixelRatio);
 */
export function drawVehicleSprites(radiusPx: number, pixelRatio: number): VehicleSprites {
  const cellPx = Math.ceil((4 * radiusPx + 4) * pixelRatio);
  const atlas = document.createElement("canvas");
  atlas.width = cellPx * HEADING_STEPS;
  atlas.height = cellPx * 2;
  const context = atlas.getContext("2d");
  if (!context) throw new Error("Canvas 2D context is unavailable; cannot draw the vehicle markers");
  context.scale(pixelRatio, pixelRatio);
  const centre = cellPx / pixelRatio / 2;
  for (const meta of STATUS_META)
    drawDot(context, meta.status * (cellPx / pixelRatio) + centre, centre, radiusPx, meta.color);
  drawHalo(context, STATUS_META.length * (cellPx / pixelRatio) + centre, centre, radiusPx * 2);
  const moving = STATUS_META[VehicleStatus.Moving]!.color;
  for (let step = 0; step < HEADING_STEPS; step++) {
    const x = step * (cellPx / pixelRatio) + centre;
    const y = cellPx / pixelRatio + centre;
    drawDot(context, x, y, radiusPx, moving);
    drawArrow(context, x, y, radiusPx, (step * 360) / HEADING_STEPS);
  }
  return { atlas, cellPx, radiusPx, pixelRatio };
}

function drawDot(
  context: CanvasRenderingContext2D,
  x: number,
  y: number,
  radius: number,
  colour: string,
): void {
  context.beginPath();
  context.arc(x, y, radius, 0, Math.PI * 2);
  context.fillStyle = colour;
  context.fill();
  context.lineWidth = STROKE_PX;
  context.strokeStyle = "#ffffff";
  context.stroke();
}

function drawHalo(context: CanvasRenderingContext2D, x: number, y: number, radius: number): void {
  context.beginPath();
  context.arc(x, y, radius, 0, Math.PI * 2);
  context.fillStyle = "rgb(29 78 216 / 18%)";
  context.fill();
  context.lineWidth = STROKE_PX;
  context.strokeStyle = SELECTED_COLOUR;
  context.stroke();
}

/** The navigation chevron of map/heading-arrow.ts, scaled to the marker and turned to the heading. */
function drawArrow(
  context: CanvasRenderingContext2D,
  x: number,
  y: number,
  radius: number,
  headingDeg: number,
): void {
  const scale = radius / 10;
  context.save();
  context.translate(x, y);
  context.rotate((headingDeg * Math.PI) / 180);
  context.scale(scale, scale);
  context.beginPath();
  context.moveTo(0, -7);
  context.lineTo(5.5, 6);
  context.lineTo(0, 3);
  context.lineTo(-5.5, 6);
  context.closePath();
  context.fillStyle = "#ffffff";
  context.fill();
  context.restore();
}
