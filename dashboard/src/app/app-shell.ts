import type { SessionDto } from "@waybill/shared";
import { ApiError } from "../api/api-error";
import { createHttpClient } from "../api/http-client";
import { createWaybillApi, type WaybillApi } from "../api/waybill-api";
import type { AuthFailureCode } from "../realtime/dispatch-socket";
import { clearSession, loadSession, saveSession } from "../state/session.store";
import { renderDispatchPage } from "./dispatch/dispatch-page";
import { renderSignInPage } from "./sign-in/sign-in-page";

const NOTICES = {
  driver: "This console is for dispatchers. Drivers use the Waybill driver app.",
  forbidden: "Your account cannot open the dispatch console; it is for dispatchers and admins.",
  expired: "Your session has expired. Please sign in again.",
  signedOut: "You have signed out.",
} as const;

/** Why the user is back on the sign-in page. */
type LeaveReason = keyof typeof NOTICES;

/**
 * Boots the dashboard in `root`: the dispatch console for a stored, valid session, else the
 * sign-in page.
 *
 * @example
 * startApp(document.getElementById("app")!);
 */
export function startApp(root: HTMLElement): void {
  new AppShell(root).boot();
}

/** Owns the session and switches pages; each page returns its own teardown. */
class AppShell {
  private session: SessionDto | null = loadSession();
  private teardown: () => void = () => undefined;
  private signingOut = false;
  private readonly api: WaybillApi;

  constructor(private readonly root: HTMLElement) {
    const http = createHttpClient({
      getToken: () => this.session?.token ?? null,
      onUnauthenticated: () => this.leave("expired"),
    });
    this.api = createWaybillApi(http);
  }

  boot(): void {
    if (this.session === null) this.showSignIn(null);
    else void this.enter(this.session);
  }

  private showSignIn(notice: string | null): void {
    this.teardown();
    this.teardown = renderSignInPage(this.root, {
      api: this.api,
      notice,
      onSignedIn: (session) => void this.enter(session),
    });
  }

  private async enter(session: SessionDto): Promise<void> {
    this.session = session;
    if (session.user.role === "driver") return this.signOut("driver");
    saveSession(session);
    try {
      const me = await this.api.getMe();
      this.teardown();
      this.teardown = renderDispatchPage(this.root, {
        api: this.api,
        session,
        me,
        onSignOut: () => void this.signOut("signedOut"),
        onAuthFailure: (code: AuthFailureCode) => this.leave(code === "forbidden" ? "forbidden" : "expired"),
      });
    } catch (error) {
      // A 401 already went through onUnauthenticated; anything else is shown on the sign-in page.
      if (!(error instanceof ApiError && error.status === 401)) this.showSignIn(describe(error));
    }
  }

  /** Ends the session on the server (best effort), then locally. */
  private async signOut(reason: LeaveReason): Promise<void> {
    this.signingOut = true;
    try {
      await this.api.signOut();
    } catch (error) {
      // Dropping the token locally is what signs the user out; the server expires it on its own.
      console.warn("Waybill: server-side sign-out failed", error);
    } finally {
      this.signingOut = false;
    }
    this.leave(reason);
  }

  /** Forgets the session and returns to sign-in with the reason shown. */
  private leave(reason: LeaveReason): void {
    if (this.session === null || (this.signingOut && reason === "expired")) return;
    this.session = null;
    clearSession();
    this.showSignIn(NOTICES[reason]);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
