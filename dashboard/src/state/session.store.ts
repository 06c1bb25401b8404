import type { SessionDto } from "@waybill/shared";

const STORAGE_KEY = "waybill.session";

/**
 * Reads the signed-in session from localStorage; null when absent, unreadable or expired.
 *
 * @example
 * const token = loadSession()?.token ?? null;
 */
export function loadSession(nowMs: number = Date.now()): SessionDto | null {
  const raw = readStorage();
  if (raw === null) return null;
  try {
    const session = JSON.parse(raw) as SessionDto;
    if (typeof session.token !== "string" || Date.parse(session.expiresAt) <= nowMs) return null;
    return session;
  } catch {
    // A corrupt entry (hand-edited, older format) is treated as signed out and replaced on next sign-in.
    return null;
  }
}

/** Keeps the session (token, user, organisation) in localStorage so a reload stays signed in. */
export function saveSession(session: SessionDto): void {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
}

/** Forgets the stored session. */
export function clearSession(): void {
  localStorage.removeItem(STORAGE_KEY);
}

function readStorage(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage disabled (privacy mode): behave as signed out rather than crash the page.
    return null;
  }
}
