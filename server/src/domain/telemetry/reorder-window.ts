/** What the window orders: fixes of vehicles. */
export interface WindowedFix {
  readonly vehicleId: string;
  readonly fixAt: number;
}

interface Held<T> {
  readonly fix: T;
  readonly heldSinceMs: number;
}

/**
 * Holds fixes for a moment so that a vehicle's fixes that reach this process by different paths
 * (stored here, or stored by another instance and handed over a little later) still come out in
 * fix order. A fix leaves once it has waited `waitMs`, together with every fix of the same
 * vehicle held with an earlier or equal fix time (whatever their own wait), oldest fix first. So
 * a fix that arrives less than `waitMs` after a newer one of its vehicle still goes out before it.
 *
 * @example
 * const window = new ReorderWindow(300);
 * window.add([{ vehicleId: "v", fixAt: 2000 }], 0);
 * window.add([{ vehicleId: "v", fixAt: 1000 }], 100);
 * window.release(300); // [{ fixAt: 1000 }, { fixAt: 2000 }]
 */
export class ReorderWindow<T extends WindowedFix> {
  private held: Held<T>[] = [];

  constructor(private readonly waitMs: number) {}

  /** Fixes held now. */
  get size(): number {
    return this.held.length;
  }

  /** When the oldest held fix is due (epoch of `nowMs`), or null when nothing is held. */
  get nextDueMs(): number | null {
    const first = this.held[0];
    return first ? first.heldSinceMs + this.waitMs : null;
  }

  add(fixes: readonly T[], nowMs: number): void {
    for (const fix of fixes) this.held.push({ fix, heldSinceMs: nowMs });
  }

  /** The fixes due at `nowMs` (see the class), oldest fix first; the others stay held. */
  release(nowMs: number): T[] {
    const watermark = new Map<string, number>();
    for (const { fix, heldSinceMs } of this.held)
      if (nowMs - heldSinceMs >= this.waitMs)
        watermark.set(fix.vehicleId, Math.max(watermark.get(fix.vehicleId) ?? fix.fixAt, fix.fixAt));
    if (watermark.size === 0) return [];
    const due: T[] = [];
    const kept: Held<T>[] = [];
    for (const entry of this.held)
      if (entry.fix.fixAt <= (watermark.get(entry.fix.vehicleId) ?? Number.NEGATIVE_INFINITY))
        due.push(entry.fix);
      else kept.push(entry);
    this.held = kept;
    return due.sort((a, b) => a.fixAt - b.fixAt);
  }

  /** Everything held, oldest fix first (on shutdown). */
  releaseAll(): T[] {
    const all = this.held.map((entry) => entry.fix).sort((a, b) => a.fixAt - b.fixAt);
    this.held = [];
    return all;
  }
}
