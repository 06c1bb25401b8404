import type { SessionDto } from "@waybill/shared";
import { ApiError, NETWORK_ERROR_STATUS } from "../api/api-error";
import { createDriverSocket, type DriverSocket } from "../realtime/driver-socket";
import type { DriverApi } from "./api/driver-api";
import { DirectionsFinder } from "./directions-finder";
import { openOutboxStore } from "./outbox/indexeddb-outbox-store";
import { Outbox } from "./outbox/outbox";
import type { OutboxAction, PositionFix } from "./outbox/outbox-action";
import { actionsOf } from "./outbox/outbox-store";
import { sendAction } from "./outbox/send-action";
import { PositionSharing } from "./position/position-sharing";
import { routeVehicleId, selectNextStop } from "./route/next-stop";
import { applyPending, type DriverView } from "./route/pending-overlay";
import { RouteSync } from "./route/route-sync";
import { RouteScreen } from "./screen/route-screen";
import type { ScreenActions, ScreenState } from "./screen/screen-state";
import { StopActionSheets } from "./stop-action-sheets";

/**
 * The driver's signed-in app: the route kept in sync (and fetched at once when the live channel
 * says dispatch changed it), the outbox that sends every action in order, position sharing while on shift, directions to the next stop, and the screen. The
 * screen always shows the last route from the server with the unsent actions applied.
 */
export class DriverController {
  private readonly outbox: Outbox;
  private readonly routeSync: RouteSync;
  private readonly live: DriverSocket;
  private readonly sharing: PositionSharing;
  private readonly directions: DirectionsFinder;
  private readonly screen: RouteScreen;
  private readonly sheets: StopActionSheets;
  /** Actions the server took since the route was last asked for: the route does not show them yet. */
  private sentSinceFetch: { readonly action: OutboxAction; readonly sentAt: number }[] = [];
  private position: PositionFix | null = null;
  private notice: string | null = null;
  private gpsMessage: string | null = null;
  private loadError: string | null = null;
  /** False once a request got no answer, until one gets through: phones on a dead network often still say they are online. */
  private reachable = true;
  private readonly onConnectivity = () => {
    if (navigator.onLine) {
      this.outbox.retryNow();
      this.reconnectLive();
    }
    this.render();
  };

  constructor(
    root: HTMLElement,
    api: DriverApi,
    session: SessionDto,
    private readonly onSignOut: () => void,
  ) {
    this.outbox = new Outbox({
      store: openOutboxStore(session.user.id),
      send: (action) => this.reach(sendAction(api, action)),
      onChange: () => this.render(),
      onSent: (action) => this.afterSent(action),
    });
    this.routeSync = new RouteSync({
      fetchRoute: () => this.reach(api.getRoute()),
      cacheKey: `waybill.driver.route.${session.user.id}`,
      onRoute: (_route, change, requestedAt) => {
        this.sentSinceFetch = this.sentSinceFetch.filter((sent) => sent.sentAt >= requestedAt);
        this.loadError = null;
        if (change !== null) {
          this.notice = change;
          // A buzz, for a phone in its holder: the driver is looking at the road.
          navigator.vibrate?.([150, 80, 150]);
        }
        this.render();
      },
      onError: (error) => {
        this.loadError = `Your route could not be loaded: ${error instanceof Error ? error.message : String(error)}`;
        this.render();
      },
    });
    this.live = createDriverSocket(session.token);
    this.live.on("route:changed", (change) => void this.routeSync.changed(change.notice));
    // (Re)connected: changes made while the channel was down were not heard, so fetch once.
    // `data-live` on the root says whether the channel is up (for tests and styles).
    this.live.on("connect", () => {
      root.dataset.live = "on";
      void this.routeSync.refresh();
    });
    this.live.on("disconnect", () => {
      root.dataset.live = "off";
    });
    this.sharing = new PositionSharing({
      onBatch: (fixes) => void this.outbox.enqueue({ kind: "positions", fixes }, `${fixes.length} positions`),
      onFix: (fix) => {
        this.position = fix;
        this.gpsMessage = null;
        this.render();
      },
      onError: (message) => {
        this.gpsMessage = message;
        this.render();
      },
    });
    this.directions = new DirectionsFinder(
      (from, to) => this.reach(api.getDirections(from, to)),
      () => this.render(),
    );
    this.sheets = new StopActionSheets(
      (action, label) => this.outbox.enqueue(action, label),
      () => this.position,
    );
    this.screen = new RouteScreen(root, {
      actions: this.screenActions(),
      loadStreets: () => api.getStreets(),
      vehicleIdOf: (state) => routeVehicleId(state.view?.stops ?? []),
    });
  }

  /** Loads the outbox and the route and starts syncing. */
  async start(): Promise<void> {
    window.addEventListener("online", this.onConnectivity);
    window.addEventListener("offline", this.onConnectivity);
    this.render();
    await this.outbox.start();
    this.routeSync.start();
    this.live.connect();
  }

  /** Stops syncing and sharing; what is queued stays stored for the next sign-in. */
  stop(): void {
    window.removeEventListener("online", this.onConnectivity);
    window.removeEventListener("offline", this.onConnectivity);
    this.live.close();
    this.routeSync.stop();
    this.sharing.stop();
    this.outbox.stop();
    this.screen.destroy();
  }

  /** Back online: the live channel connects now rather than at the end of its backoff. */
  private reconnectLive(): void {
    if (!this.live.connected) this.live.disconnect().connect();
  }

  /** The last route fetched, with what was sent after that fetch and what waits to be sent. */
  private view(): DriverView | null {
    const route = this.routeSync.current;
    if (route === null) return null;
    const sent = this.sentSinceFetch.map((entry) => entry.action);
    return applyPending(route, [...sent, ...actionsOf(this.outbox.pending())]);
  }

  /** Follows whether the server answers: any answer (even a refusal) means the network works. */
  private async reach<T>(request: Promise<T>): Promise<T> {
    try {
      const result = await request;
      this.setReachable(true);
      return result;
    } catch (error) {
      this.setReachable(!(error instanceof ApiError && error.status === NETWORK_ERROR_STATUS));
      throw error;
    }
  }

  private setReachable(reachable: boolean): void {
    if (reachable === this.reachable) return;
    this.reachable = reachable;
    this.render();
  }

  /** Keeps showing what the server took until a fetch shows it, and fetches once the queue is empty. */
  private afterSent(action: OutboxAction): void {
    if (action.kind === "positions") return;
    this.sentSinceFetch.push({ action, sentAt: Date.now() });
    if (this.outbox.pending().length === 0) void this.routeSync.refresh();
  }

  /** Draws the current state, and shares the position exactly while (optimistically) on shift. */
  private render(): void {
    const view = this.view();
    if (view?.onShift) this.sharing.start();
    else if (view !== null) this.sharing.stop();
    const next = view === null ? null : selectNextStop(view.stops);
    const online = navigator.onLine && this.reachable;
    const state: ScreenState = {
      view,
      loadError: this.loadError,
      online,
      pending: this.outbox.pending(),
      rejections: this.outbox.rejections(),
      notice: this.notice,
      gpsMessage: this.gpsMessage,
      directions: this.directions.find(view?.stops ?? [], next, this.position, online),
      position: this.position,
    };
    this.screen.render(state);
  }

  private screenActions(): ScreenActions {
    const stopOf = (stopId: string) => this.view()?.stops.find((stop) => stop.id === stopId);
    return {
      startShift: () => {
        const vehicleId = routeVehicleId(this.view()?.stops ?? []);
        if (vehicleId !== null)
          void this.outbox.enqueue({ kind: "shift-start", vehicleId }, "Start of shift");
      },
      endShift: () => {
        // Hands over the last fixes first: they belong to the shift that is ending.
        this.sharing.stop();
        void this.outbox.enqueue({ kind: "shift-end" }, "End of shift");
      },
      reportIncident: () => this.sheets.reportIncident(),
      onMyWay: (stopId) => this.sheets.report(stopOf(stopId), "en_route"),
      arrived: (stopId) => this.sheets.report(stopOf(stopId), "arrived"),
      deliver: (stopId) => this.sheets.deliver(stopOf(stopId)),
      fail: (stopId) => this.sheets.fail(stopOf(stopId)),
      dismissNotice: () => {
        this.notice = null;
        this.render();
      },
      dismissRejection: (entryId) => this.outbox.dismiss(entryId),
      signOut: () => this.onSignOut(),
    };
  }
}
