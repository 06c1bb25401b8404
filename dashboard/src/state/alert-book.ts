import type { AlertDto } from "@waybill/shared";

/**
 * The open alerts the console shows, newest first. Live `alert:raised` / `alert:cleared` events
 * and REST snapshots all go through {@link AlertBook.apply}, so an event that overtakes a snapshot
 * (or arrives twice) never duplicates or resurrects an alert.
 */
export class AlertBook {
  private readonly byId = new Map<string, AlertDto>();
  private sorted: AlertDto[] = [];

  /** Replaces everything with a snapshot of the open alerts. */
  reset(alerts: readonly AlertDto[]): void {
    this.byId.clear();
    for (const alert of alerts) this.byId.set(alert.id, alert);
    this.resort();
  }

  /** Adds, updates (acknowledged) or drops (cleared) one alert. True when the list changed. */
  apply(alert: AlertDto): boolean {
    if (alert.clearedAt !== null) {
      if (!this.byId.delete(alert.id)) return false;
    } else {
      const known = this.byId.get(alert.id);
      if (known && known.acknowledgedAt !== null && alert.acknowledgedAt === null) return false;
      this.byId.set(alert.id, alert);
    }
    this.resort();
    return true;
  }

  /** Open alerts, newest first. */
  list(): readonly AlertDto[] {
    return this.sorted;
  }

  /** Open alerts nobody has acknowledged yet (the tab's badge). */
  unacknowledgedCount(): number {
    return this.sorted.filter((alert) => alert.acknowledgedAt === null).length;
  }

  private resort(): void {
    this.sorted = [...this.byId.values()].sort((a, b) => Date.parse(b.raisedAt) - Date.parse(a.raisedAt));
  }
}
