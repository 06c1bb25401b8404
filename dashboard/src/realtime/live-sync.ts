import type { VehicleDto, VehiclePositionUpdate } from "@waybill/shared";
import { ApiError } from "../api/api-error";
import { type AuthFailureCode, type DispatchSocket, readAuthFailure } from "./dispatch-socket";

/** What the connection indicator shows. */
export type ConnectionStatus = "connecting" | "live" | "reconnecting" | "offline";

/** Collaborators of {@link LiveSync}; the sync owns no data, it only orders calls. */
export interface LiveSyncDeps {
  readonly socket: DispatchSocket;
  readonly fetchSnapshot: () => Promise<readonly VehicleDto[]>;
  readonly onSnapshot: (vehicles: readonly VehicleDto[]) => void;
  readonly onPositions: (batch: readonly VehiclePositionUpdate[]) => void;
  readonly onStatus: (status: ConnectionStatus, detail: string) => void;
  readonly onAuthFailure: (code: AuthFailureCode) => void;
}

/** Failed connection attempts in a row after which the indicator says offline (retries go on). */
const OFFLINE_AFTER_FAILURES = 3;
const SNAPSHOT_RETRY_MS = 3_000;
/** Without a live socket this soon, load a snapshot anyway so the map is not empty. */
const FIRST_SNAPSHOT_FALLBACK_MS = 2_000;

/**
 * Keeps the fleet in step with the server, after traccar-web's SocketController: on every
 * (re)connect, fetch a fresh REST snapshot, hold live frames back until it is applied, then replay
 * them (older fixes are discarded downstream). No frame is lost between snapshot and stream.
 */
export class LiveSync {
  private syncing = true;
  private held: (readonly VehiclePositionUpdate[])[] = [];
  private generation = 0;
  private failures = 0;
  private hasSnapshot = false;
  private stopped = false;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(private readonly deps: LiveSyncDeps) {}

  /** Connects and starts syncing. */
  start(): void {
    const { socket } = this.deps;
    socket.on("connect", () => this.onConnect());
    socket.on("disconnect", (reason) => this.onDisconnect(reason));
    socket.on("connect_error", (err) => this.onConnectError(readAuthFailure(err), socket.active));
    socket.on("vehicle:positions", (batch) => this.onFrame(batch));
    window.addEventListener("offline", this.onBrowserOffline);
    this.deps.onStatus("connecting", "Connecting to the live feed…");
    socket.connect();
    this.later(FIRST_SNAPSHOT_FALLBACK_MS, () => this.hasSnapshot || void this.loadSnapshotOnly());
  }

  /** Re-reads the snapshot while connected (say, a frame named a vehicle the table lacks). */
  resync(): void {
    if (this.deps.socket.connected && !this.syncing) void this.resyncAndReplay();
  }

  /** Disconnects and drops every timer and listener. */
  stop(): void {
    this.stopped = true;
    this.generation++;
    for (const timer of this.timers) clearTimeout(timer);
    window.removeEventListener("offline", this.onBrowserOffline);
    this.deps.socket.removeAllListeners();
    this.deps.socket.disconnect();
  }

  private onConnect(): void {
    this.failures = 0;
    void this.resyncAndReplay();
  }

  private onFrame(batch: readonly VehiclePositionUpdate[]): void {
    if (this.syncing) this.held.push(batch);
    else this.deps.onPositions(batch);
  }

  private async resyncAndReplay(): Promise<void> {
    const generation = ++this.generation;
    this.syncing = true;
    this.deps.onStatus(this.hasSnapshot ? "reconnecting" : "connecting", "Loading the latest positions…");
    try {
      const vehicles = await this.deps.fetchSnapshot();
      if (generation !== this.generation) return;
      this.deps.onSnapshot(vehicles);
      this.hasSnapshot = true;
      const held = this.held;
      this.held = [];
      this.syncing = false;
      for (const batch of held) this.deps.onPositions(batch);
      this.deps.onStatus("live", "Live: positions stream in as vehicles report.");
    } catch (error) {
      if (generation !== this.generation || isUnauthenticated(error)) return;
      this.deps.onStatus("reconnecting", `Could not load positions (${describe(error)}); retrying.`);
      this.later(SNAPSHOT_RETRY_MS, () => generation === this.generation && void this.resyncAndReplay());
    }
  }

  private async loadSnapshotOnly(): Promise<void> {
    try {
      const vehicles = await this.deps.fetchSnapshot();
      if (this.hasSnapshot || this.stopped) return;
      this.deps.onSnapshot(vehicles);
      this.hasSnapshot = true;
    } catch (error) {
      // Shown through the connection status; the socket's own retries will resync when it connects.
      console.warn("Waybill: snapshot without live feed failed", error);
    }
  }

  private onDisconnect(reason: string): void {
    this.generation++;
    this.syncing = true;
    this.held = [];
    if (this.stopped) return;
    this.deps.onStatus("reconnecting", "Live feed lost; reconnecting…");
    // After a server-side disconnect socket.io does not retry on its own.
    if (reason === "io server disconnect") this.later(1_000, () => this.deps.socket.connect());
  }

  private onConnectError(authFailure: AuthFailureCode | null, willRetry: boolean): void {
    if (authFailure !== null) {
      this.stop();
      this.deps.onAuthFailure(authFailure);
      return;
    }
    this.failures++;
    const offline = this.failures >= OFFLINE_AFTER_FAILURES || !navigator.onLine;
    this.deps.onStatus(offline ? "offline" : "reconnecting", "Cannot reach the live feed; retrying…");
    if (!this.hasSnapshot) void this.loadSnapshotOnly();
    if (!willRetry) this.later(5_000, () => this.deps.socket.connect());
  }

  private readonly onBrowserOffline = (): void => {
    this.deps.onStatus("offline", "This device is offline.");
  };

  private later(delayMs: number, run: () => unknown): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.stopped) run();
    }, delayMs);
    this.timers.add(timer);
  }
}

function isUnauthenticated(error: unknown): boolean {
  // The HTTP client already signed the user out; nothing to retry.
  return error instanceof ApiError && error.status === 401;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message.replace(/\.$/, "") : String(error);
}
