import type { ScopedPosition } from "../../ports/position-broadcaster";

/**
 * Positions waiting to be handed to the instance that owns their vehicle, per owner, in arrival
 * order. Bounded: past `maxPositions` the oldest position of the owner being added to is dropped
 * (and reported), so an unreachable relay costs memory up to a limit, not without end.
 */
export class ForwardBuffer {
  private byOwner = new Map<string, ScopedPosition[]>();
  private count = 0;

  constructor(
    private readonly maxPositions: number,
    private readonly onDropped: (positions: number) => void,
  ) {}

  /** Positions waiting, every owner together. */
  get size(): number {
    return this.count;
  }

  add(owner: string, positions: readonly ScopedPosition[]): void {
    let list = this.byOwner.get(owner);
    if (!list) {
      list = [];
      this.byOwner.set(owner, list);
    }
    list.push(...positions);
    this.count += positions.length;
    const excess = Math.min(this.count - this.maxPositions, list.length);
    if (excess > 0) {
      list.splice(0, excess);
      this.count -= excess;
      this.onDropped(excess);
    }
  }

  /** Takes every waiting position out, by owner. */
  takeAll(): Map<string, ScopedPosition[]> {
    const taken = this.byOwner;
    this.byOwner = new Map();
    this.count = 0;
    return taken;
  }

  /** Puts positions that could not be sent back in front of those that came meanwhile. */
  putBack(owner: string, positions: readonly ScopedPosition[]): void {
    const later = this.byOwner.get(owner) ?? [];
    this.count -= later.length;
    this.byOwner.delete(owner);
    this.add(owner, [...positions, ...later]);
  }
}
