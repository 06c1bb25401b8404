import type { Map as MapLibreMap, MapMouseEvent, Subscription } from "maplibre-gl";
import type { FleetTable } from "../../state/fleet-table";
import type { MapLayerModule } from "../map-layer";
import { type MapViewState, mercatorX, mercatorY, projectPoints } from "../screen-projection";
import { GridClusters } from "./vehicle-clusters";
import { drawVehicleSprites, spriteOrigin, type VehicleSprites, vehicleRadiusPx } from "./vehicle-sprites";

/** Below this zoom, vehicles closer than a grid cell are drawn as one numbered bubble. */
export const CLUSTER_BELOW_ZOOM = 14;
const CLUSTER_CELL_PX = 60;
/** Below this zoom the heading arrows would be noise: plain dots. */
const ARROWS_FROM_ZOOM = 11;
/** Vehicles this far outside the view are still drawn (half a marker may show). */
const MARGIN_PX = 24;
const HIT_SLOP_PX = 3;
const DIMMED_ALPHA = 0.35;

/** What is under the pointer: a vehicle, a cluster (where), or nothing. */
type Hit = { kind: "vehicle"; vehicleId: string } | { kind: "cluster"; x: number; y: number } | null;

/**
 * Every vehicle with a fix, drawn on a 2D canvas laid over the map instead of as a map layer.
 * Moving vehicles then cost one canvas of image copies per frame (pre-drawn markers, see
 * vehicle-sprites.ts) and leave the map alone: the base map, routes and closures are repainted
 * only when the camera moves, not 60 times a second for the fleet, and no GeoJSON goes to the map
 * worker. Positions are projected in one typed-array pass (north-up map, see screen-projection.ts).
 * Below {@link CLUSTER_BELOW_ZOOM} vehicles sharing a grid cell become a numbered bubble; clicking
 * one zooms in, clicking a vehicle selects it.
 */
export class VehiclesLayer implements MapLayerModule {
  /** Times the overlay was redrawn since the page started. */
  drawCount = 0;
  private map: MapLibreMap | null = null;
  private canvas: HTMLCanvasElement | null = null;
  private context: CanvasRenderingContext2D | null = null;
  private sprites: VehicleSprites | null = null;
  private xs = new Float32Array(0);
  private ys = new Float32Array(0);
  private visible = new Uint8Array(0);
  private readonly clusters = new GridClusters();
  private clustered = false;
  private readonly drawn = {
    version: -1,
    zoom: Number.NaN,
    lng: Number.NaN,
    lat: Number.NaN,
    width: 0,
    height: 0,
  };
  private rendered = 0;
  private selectedId: string | null = null;
  private hiddenStatuses = new Set<number>();
  /** Ids the driver and channel filter keeps; null keeps all (and skips the lookup per vehicle). */
  private keptIds: ReadonlySet<string> | null = null;
  private dimmed = false;
  private subscriptions: Subscription[] = [];

  constructor(
    private readonly table: FleetTable,
    private readonly onSelect: (vehicleId: string) => void,
  ) {}

  mount(map: MapLibreMap): void {
    if (this.map === map) return;
    const canvas = document.createElement("canvas");
    canvas.className = "vehicle-overlay";
    canvas.setAttribute("aria-hidden", "true");
    map.getCanvasContainer().append(canvas);
    this.canvas = canvas;
    this.context = canvas.getContext("2d");
    this.map = map;
    this.subscriptions = [
      map.on("render", () => this.draw()),
      map.on("click", (event) => this.onClick(event)),
      map.on("mousemove", (event) => {
        map
          .getCanvasContainer()
          .classList.toggle("is-over-vehicle", this.hitTest(event.point.x, event.point.y) !== null);
      }),
    ];
    this.invalidate();
    this.draw();
  }

  unmount(map: MapLibreMap): void {
    if (this.map !== map) return;
    for (const subscription of this.subscriptions) subscription.unsubscribe();
    this.subscriptions = [];
    this.canvas?.remove();
    this.canvas = null;
    this.context = null;
    this.map = null;
  }

  /** Redraws if the fleet or the camera changed since the last drawing. Call once per animation frame. */
  draw(): void {
    const { map, canvas, context, drawn } = this;
    if (!map || !canvas || !context) return;
    // The map canvas's CSS size (its container has no height of its own: its children are absolute).
    const width = map.getCanvas().clientWidth;
    const height = map.getCanvas().clientHeight;
    const zoom = map.getZoom();
    const center = map.getCenter();
    if (
      drawn.version === this.table.drawVersion &&
      drawn.zoom === zoom &&
      drawn.lng === center.lng &&
      drawn.lat === center.lat &&
      drawn.width === width &&
      drawn.height === height
    )
      return;
    Object.assign(drawn, {
      version: this.table.drawVersion,
      zoom,
      lng: center.lng,
      lat: center.lat,
      width,
      height,
    });
    this.resize(canvas, width, height);
    const anchor = map.project(center);
    this.paint(
      context,
      { zoom, anchorLng: center.lng, anchorLat: center.lat, anchorX: anchor.x, anchorY: anchor.y },
      width,
      height,
    );
  }

  /** How many vehicles are drawn in view right now, alone or in a cluster (for tests and diagnostics). */
  renderedCount(): number {
    return this.rendered;
  }

  /** Highlights one vehicle (or none). */
  select(vehicleId: string | null): void {
    this.selectedId = vehicleId;
    this.invalidate();
  }

  /** Leaves out vehicles of these statuses (the legend's filter). */
  hideStatuses(statuses: ReadonlySet<number>): void {
    this.hiddenStatuses = new Set(statuses);
    this.invalidate();
  }

  /** Draws only these vehicles (the driver and channel filter); null draws all. */
  showOnly(vehicleIds: ReadonlySet<string> | null): void {
    this.keptIds = vehicleIds;
    this.invalidate();
  }

  /** Fades the fleet (while a replay is shown over it). */
  setDimmed(dimmed: boolean): void {
    this.dimmed = dimmed;
    this.invalidate();
  }

  private invalidate(): void {
    this.drawn.version = -1;
    this.draw();
  }

  private resize(canvas: HTMLCanvasElement, width: number, height: number): void {
    const ratio = this.map?.getPixelRatio() ?? 1;
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
      canvas.style.width = `${width}px`;
      canvas.style.height = `${height}px`;
    }
  }

  private paint(context: CanvasRenderingContext2D, view: MapViewState, width: number, height: number): void {
    const { table } = this;
    const ratio = this.map?.getPixelRatio() ?? 1;
    const radius = Math.round(vehicleRadiusPx(view.zoom) * 2) / 2;
    if (this.sprites?.radiusPx !== radius || this.sprites.pixelRatio !== ratio)
      this.sprites = drawVehicleSprites(radius, ratio);
    this.reserve(table.col.shownLng.length);
    projectPoints(view, table.col.shownLng, table.col.shownLat, table.count, this.xs, this.ys);
    this.rendered = this.markVisible(width, height);
    this.clustered = view.zoom < CLUSTER_BELOW_ZOOM;
    if (this.clustered) {
      const originX = mercatorX(view.anchorLng, view.zoom) - view.anchorX;
      const originY = mercatorY(view.anchorLat, view.zoom) - view.anchorY;
      this.clusters.build(this.xs, this.ys, this.visible, table.count, originX, originY, CLUSTER_CELL_PX);
    }
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.clearRect(0, 0, context.canvas.width, context.canvas.height);
    context.globalAlpha = this.dimmed ? DIMMED_ALPHA : 1;
    this.paintVehicles(context, view.zoom >= ARROWS_FROM_ZOOM, ratio);
    if (this.clustered) this.paintClusters(context, ratio);
    context.globalAlpha = 1;
    this.drawCount++;
  }

  private markVisible(width: number, height: number): number {
    const { table, xs, ys, visible, hiddenStatuses, keptIds } = this;
    let count = 0;
    for (let row = 0; row < table.count; row++) {
      const x = xs[row]!;
      const y = ys[row]!;
      const shown =
        x > -MARGIN_PX &&
        x < width + MARGIN_PX &&
        y > -MARGIN_PX &&
        y < height + MARGIN_PX &&
        !hiddenStatuses.has(table.status[row]!) &&
        (keptIds === null || keptIds.has(table.ids[row]!));
      visible[row] = shown ? 1 : 0;
      if (shown) count++;
    }
    return count;
  }

  private paintVehicles(context: CanvasRenderingContext2D, arrows: boolean, ratio: number): void {
    const { table, xs, ys, visible, sprites, clusters } = this;
    if (!sprites) return;
    const cell = sprites.cellPx;
    const half = cell / 2;
    let selectedRow = -1;
    for (let row = 0; row < table.count; row++) {
      if (visible[row] === 0) continue;
      if (this.clustered && clusters.size[clusters.groupOf[row]!]! > 1) continue;
      if (table.ids[row] === this.selectedId) {
        selectedRow = row;
        continue;
      }
      this.blit(context, row, arrows, ratio, cell, half);
    }
    if (selectedRow < 0) return;
    const [sx, sy] = spriteOrigin(sprites, -1, -1);
    const x = Math.round(xs[selectedRow]! * ratio - half);
    const y = Math.round(ys[selectedRow]! * ratio - half);
    context.drawImage(sprites.atlas, sx, sy, cell, cell, x, y, cell, cell);
    this.blit(context, selectedRow, arrows, ratio, cell, half);
  }

  private blit(
    context: CanvasRenderingContext2D,
    row: number,
    arrows: boolean,
    ratio: number,
    cell: number,
    half: number,
  ): void {
    const heading = arrows ? this.table.col.headingDeg[row]! : -1;
    const [sx, sy] = spriteOrigin(
      this.sprites!,
      this.table.status[row]!,
      Number.isNaN(heading) ? -1 : heading,
    );
    // Whole device pixels: a copy at a fractional position is resampled, which is several times slower.
    const x = Math.round(this.xs[row]! * ratio - half);
    const y = Math.round(this.ys[row]! * ratio - half);
    context.drawImage(this.sprites!.atlas, sx, sy, cell, cell, x, y, cell, cell);
  }

  private paintClusters(context: CanvasRenderingContext2D, ratio: number): void {
    const { clusters } = this;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.textAlign = "center";
    context.textBaseline = "middle";
    context.font = "700 12px system-ui, sans-serif";
    for (let g = 0; g < clusters.count; g++) {
      const size = clusters.size[g]!;
      if (size < 2) continue;
      const x = clusters.x[g]!;
      const y = clusters.y[g]!;
      context.beginPath();
      context.arc(x, y, clusterRadiusPx(size), 0, Math.PI * 2);
      context.fillStyle = "#1e3a8a";
      context.fill();
      context.lineWidth = 2;
      context.strokeStyle = "#ffffff";
      context.stroke();
      context.fillStyle = "#ffffff";
      context.fillText(size > 999 ? `${Math.round(size / 100) / 10}k` : String(size), x, y + 0.5);
    }
    context.setTransform(1, 0, 0, 1, 0, 0);
  }

  private hitTest(px: number, py: number): Hit {
    const { table, xs, ys, visible, clusters, sprites } = this;
    if (!sprites) return null;
    if (this.clustered) {
      for (let g = clusters.count - 1; g >= 0; g--) {
        const size = clusters.size[g]!;
        if (size > 1 && Math.hypot(clusters.x[g]! - px, clusters.y[g]! - py) <= clusterRadiusPx(size))
          return { kind: "cluster", x: clusters.x[g]!, y: clusters.y[g]! };
      }
    }
    let best = -1;
    let bestDistance = sprites.radiusPx + HIT_SLOP_PX;
    for (let row = 0; row < table.count; row++) {
      if (visible[row] === 0 || (this.clustered && clusters.size[clusters.groupOf[row]!]! > 1)) continue;
      const distance = Math.hypot(xs[row]! - px, ys[row]! - py);
      if (distance <= bestDistance) {
        best = row;
        bestDistance = distance;
      }
    }
    return best < 0 ? null : { kind: "vehicle", vehicleId: table.ids[best]! };
  }

  private onClick(event: MapMouseEvent): void {
    const hit = this.hitTest(event.point.x, event.point.y);
    if (hit?.kind === "vehicle") this.onSelect(hit.vehicleId);
    else if (hit?.kind === "cluster" && this.map) {
      const map = this.map;
      map.easeTo({
        center: map.unproject([hit.x, hit.y]),
        zoom: Math.min(map.getZoom() + 2, CLUSTER_BELOW_ZOOM),
      });
    }
  }

  private reserve(capacity: number): void {
    if (this.xs.length >= capacity) return;
    this.xs = new Float32Array(capacity);
    this.ys = new Float32Array(capacity);
    this.visible = new Uint8Array(capacity);
  }
}

/** Bubble radius, CSS pixels: grows with the count, slowly. */
function clusterRadiusPx(size: number): number {
  return Math.min(26, 11 + 2.5 * Math.log2(size));
}
