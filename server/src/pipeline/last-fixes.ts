import type { LastFix } from "../domain/telemetry/position-filter";
import type { TelemetryStore } from "../ports/telemetry-store";

/**
 * The last accepted fix of each vehicle this process has seen, for the filter. Loaded from the
 * latest state on first sight of a vehicle, then kept current by the filter stage.
 */
export class LastFixes {
  private readonly fixes = new Map<string, LastFix | null>();
  private readonly loading = new Map<string, Promise<void>>();

  constructor(private readonly store: TelemetryStore) {}

  get(vehicleId: string): LastFix | null {
    return this.fixes.get(vehicleId) ?? null;
  }

  set(vehicleId: string, fix: LastFix): void {
    this.fixes.set(vehicleId, fix);
  }

  /** Nothing when known; otherwise a promise that loads it (one query per vehicle). */
  ensure(vehicleId: string): void | Promise<void> {
    if (this.fixes.has(vehicleId)) return;
    let pending = this.loading.get(vehicleId);
    if (!pending) {
      pending = this.store.latestStates([vehicleId]).then(([state]) => {
        if (!this.fixes.has(vehicleId)) this.fixes.set(vehicleId, state ?? null);
        this.loading.delete(vehicleId);
      });
      this.loading.set(vehicleId, pending);
    }
    return pending;
  }
}
