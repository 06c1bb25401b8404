import { createRouteWalker, type RouteWalker } from "../../telematics/src/simulator/route-walker";
import { createSeededRandom } from "../../telematics/src/simulator/seeded-random";
import type { LngLat } from "./fleet-protocol";

/** The server's `vehicle:positions` cadence (POSITION_BROADCAST_INTERVAL_MS in shared/contracts/realtime.ts). */
const FRAME_MS = 250;

/** One vehicle the feed drives: its id in the console, its loop and speed. */
export interface DirectVehicle {
  readonly vehicleId: string;
  readonly route: readonly LngLat[];
  readonly speedKmh: number;
}

/** Where the feed's frames go: the page's live socket (see {@link DirectFeed.attach}). */
interface FrameSink {
  send(message: string): void;
}

interface Driven {
  readonly vehicleId: string;
  readonly walker: RouteWalker;
  readonly speedMps: number;
  readonly offsetM: number;
  nextFixAt: number;
}

/**
 * The bench's direct position source: the same `vehicle:positions` frames the server broadcasts
 * (every 250 ms, the newest fix of each vehicle that reported), computed here along each vehicle's
 * road loop and written into the page's own socket.io connection. Everything in the page is the
 * real code path (socket client, live sync, fleet table, overlay); only MQTT, the ingest pipeline
 * and the database are left out, because on 2 shared cores the server and chromium cannot both
 * run at 2,000 fixes/s (docs/benchmarks.md).
 */
export class DirectFeed {
  /** Fixes written to the page so far. */
  sent = 0;
  private sink: FrameSink | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly vehicles: Driven[];
  private readonly startedAt = Date.now();

  constructor(
    vehicles: readonly DirectVehicle[],
    private readonly intervalMs: number,
  ) {
    const random = createSeededRandom(11);
    this.vehicles = vehicles.map((vehicle) => {
      const walker = createRouteWalker(vehicle.route);
      return {
        vehicleId: vehicle.vehicleId,
        walker,
        speedMps: vehicle.speedKmh / 3.6,
        offsetM: random.between(0, walker.lengthM),
        nextFixAt: this.startedAt + random.between(0, intervalMs),
      };
    });
  }

  /**
   * Intercepts the page's socket.io WebSocket (playwright `routeWebSocket`): the connection to the
   * server is kept and forwarded both ways, and the feed's frames are added to what the page receives.
   */
  async attach(page: {
    routeWebSocket: (url: RegExp, handler: (ws: WebSocketRouteLike) => void) => Promise<void>;
  }): Promise<void> {
    await page.routeWebSocket(/\/socket\.io\//, (ws) => {
      ws.connectToServer();
      this.sink = ws;
    });
  }

  start(): void {
    this.timer ??= setInterval(() => this.tick(Date.now()), FRAME_MS);
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  private tick(now: number): void {
    if (this.sink === null) return;
    const batch = [];
    for (const vehicle of this.vehicles) {
      if (vehicle.nextFixAt > now) continue;
      vehicle.nextFixAt += this.intervalMs;
      if (vehicle.nextFixAt <= now) vehicle.nextFixAt = now + this.intervalMs;
      const { position, bearingDeg } = vehicle.walker.positionAt(
        vehicle.offsetM + (vehicle.speedMps * (now - this.startedAt)) / 1000,
      );
      batch.push({
        vehicleId: vehicle.vehicleId,
        fixAt: now,
        lng: position[0],
        lat: position[1],
        speedKmh: Math.round(vehicle.speedMps * 36) / 10,
        headingDeg: Math.round(bearingDeg * 10) / 10,
      });
    }
    if (batch.length === 0) return;
    // engine.io "4" (message) + socket.io "2" (event) on the /dispatch namespace.
    this.sink.send(`42/dispatch,${JSON.stringify(["vehicle:positions", batch])}`);
    this.sent += batch.length;
  }
}

/** The part of playwright's WebSocketRoute the feed uses. */
export interface WebSocketRouteLike {
  connectToServer(): unknown;
  send(message: string): void;
}
