import type { DriverRouteDto } from "@waybill/shared";
import { describeRouteChange, diffRoutes } from "./route-diff";

/**
 * How often the route is fetched again while the app is open, ms: the fallback for when the live
 * channel is down (it tells of each change at once while it is up).
 */
const REFRESH_INTERVAL_MS = 30_000;

/** Options of {@link RouteSync}. */
export interface RouteSyncOptions {
  readonly fetchRoute: () => Promise<DriverRouteDto>;
  /** localStorage key of the last route fetched, so the app opens with it offline. */
  readonly cacheKey: string;
  /**
   * A route to show; `change` is the notice when dispatch changed the stops since the last one,
   * `requestedAt` when it was asked for (epoch ms): it holds everything sent before then.
   */
  readonly onRoute: (route: DriverRouteDto, change: string | null, requestedAt: number) => void;
  readonly onError: (error: unknown) => void;
}

/**
 * Keeps the driver's route current: fetched at start, at once when the live channel says
 * dispatch changed it ({@link RouteSync.changed}), every 30 s, when the phone comes back online
 * and when the app comes back to the foreground. Each fetch is compared with the one before
 * (kept in localStorage across reloads) to tell the driver what dispatch changed.
 */
export class RouteSync {
  private last: DriverRouteDto | null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private inFlight: Promise<void> | null = null;
  /** The server's notice of a change the next fetch shows (it says why, a diff cannot). */
  private announced: string | null = null;
  private readonly onWake = () => {
    if (document.visibilityState === "visible") void this.refresh();
  };

  constructor(private readonly options: RouteSyncOptions) {
    this.last = readCachedRoute(options.cacheKey);
  }

  /** The last route known, from this session or an earlier one; null before the first fetch. */
  get current(): DriverRouteDto | null {
    return this.last;
  }

  /** Fetches now and then keeps the route current until {@link RouteSync.stop}. */
  start(): void {
    window.addEventListener("online", this.onWake);
    document.addEventListener("visibilitychange", this.onWake);
    this.timer = setInterval(() => void this.refresh(), REFRESH_INTERVAL_MS);
    void this.refresh();
  }

  stop(): void {
    window.removeEventListener("online", this.onWake);
    document.removeEventListener("visibilitychange", this.onWake);
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  /** Fetches the route now; a call during a fetch waits for that one. */
  refresh(): Promise<void> {
    this.inFlight ??= this.fetchOnce().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  /**
   * Dispatch changed the route (the live channel said so, with `notice`): fetches it at once,
   * after a fetch under way, since that one may have been answered before the change.
   */
  async changed(notice: string): Promise<void> {
    this.announced = `Your route changed: ${notice}`;
    await this.inFlight;
    await this.refresh();
  }

  private async fetchOnce(): Promise<void> {
    try {
      const requestedAt = Date.now();
      const announced = this.announced;
      const route = await this.options.fetchRoute();
      if (announced === this.announced) this.announced = null;
      const change =
        announced ??
        (this.last === null ? null : describeRouteChange(diffRoutes(this.last.stops, route.stops)));
      this.last = route;
      writeCachedRoute(this.options.cacheKey, route);
      this.options.onRoute(route, change, requestedAt);
    } catch (error) {
      this.options.onError(error);
    }
  }
}

function readCachedRoute(key: string): DriverRouteDto | null {
  try {
    const raw = localStorage.getItem(key);
    return raw === null ? null : (JSON.parse(raw) as DriverRouteDto);
  } catch {
    // Unreadable or blocked storage: start as on a new phone, from the first fetch.
    return null;
  }
}

function writeCachedRoute(key: string, route: DriverRouteDto): void {
  try {
    localStorage.setItem(key, JSON.stringify(route));
  } catch {
    // Full or blocked storage costs only the offline start; the route in memory is current.
  }
}
