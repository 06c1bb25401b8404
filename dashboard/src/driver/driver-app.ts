import type { SessionDto } from "@waybill/shared";
import { createHttpClient } from "../api/http-client";
import { createWaybillApi } from "../api/waybill-api";
import { clearSession, loadSession, saveSession } from "../state/session.store";
import { createDriverApi } from "./api/driver-api";
import { DriverController } from "./driver-controller";
import { renderDriverSignIn } from "./sign-in/driver-sign-in";

const NOTICES = {
  notDriver: "This app is for drivers. Sign in with your driver account.",
  expired: "Your session has expired. Please sign in again.",
  signedOut: "You have signed out.",
} as const;

/**
 * Boots the driver app in `root`: the route for a stored driver session (it opens offline with
 * the last route known), else the sign-in.
 *
 * @example
 * startDriverApp(document.getElementById("app")!);
 */
export function startDriverApp(root: HTMLElement): void {
  new DriverShell(root).boot();
}

/** Owns the session and switches between sign-in and the signed-in app. */
class DriverShell {
  private session: SessionDto | null = loadSession();
  private controller: DriverController | null = null;
  private readonly http = createHttpClient({
    getToken: () => this.session?.token ?? null,
    onUnauthenticated: () => this.leave(NOTICES.expired),
  });
  private readonly api = createWaybillApi(this.http);

  constructor(private readonly root: HTMLElement) {}

  boot(): void {
    if (this.session?.user.role === "driver") this.enter(this.session);
    // Another role's session (a dispatcher on this browser) is left alone for the console.
    else this.showSignIn(this.session === null ? null : NOTICES.notDriver);
  }

  private showSignIn(notice: string | null): void {
    renderDriverSignIn(this.root, {
      signIn: (credentials) => this.api.signIn(credentials),
      notice,
      onSignedIn: (session) => {
        if (session.user.role !== "driver") return this.showSignIn(NOTICES.notDriver);
        saveSession(session);
        this.enter(session);
      },
    });
  }

  private enter(session: SessionDto): void {
    this.session = session;
    const driverApi = createDriverApi(this.http, () => this.session?.token ?? null);
    this.controller = new DriverController(this.root, driverApi, session, () => void this.signOut());
    void this.controller.start();
  }

  /** Ends the session on the server (best effort), then here. Unsent actions stay for the next sign-in. */
  private async signOut(): Promise<void> {
    try {
      await this.api.signOut();
    } catch (error) {
      // Dropping the token here is what signs the driver out; the server expires it on its own.
      console.warn("Waybill: server-side sign-out failed", error);
    }
    this.leave(NOTICES.signedOut);
  }

  private leave(notice: string): void {
    if (this.session === null) return;
    this.controller?.stop();
    this.controller = null;
    this.session = null;
    clearSession();
    this.showSignIn(notice);
  }
}
