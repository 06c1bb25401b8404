import { ownerOf } from "./vehicle-owner";

/**
 * The member lists one instance has seen, oldest first (the last `keep` of them), to tell
 * whether it owns a vehicle and whether it has owned it without a break since it started alone
 * (it holds the vehicle's state) or gained it from another instance (the state was elsewhere).
 *
 * @example
 * const history = new OwnershipHistory("a");
 * history.record(["a"]); // started alone
 * history.record(["a", "b"]); // b joined
 * history.gained("veh_1"); // false: a has owned veh_1 throughout, if it owns it now
 */
export class OwnershipHistory {
  private readonly views: (readonly string[])[] = [];
  private trimmed = false;

  constructor(
    private readonly self: string,
    private readonly keep = 16,
  ) {}

  /** The members now: this instance alone until the first list is recorded. */
  get members(): readonly string[] {
    return this.views.at(-1) ?? [this.self];
  }

  /** Records the members as read now; false when they are the ones recorded last. */
  record(members: readonly string[]): boolean {
    const current = this.views.at(-1);
    if (current && current.join() === members.join()) return false;
    this.views.push([...members]);
    if (this.views.length > this.keep) {
      this.views.shift();
      this.trimmed = true;
    }
    return true;
  }

  /** Whether this instance owns the vehicle now. */
  owns(vehicleId: string): boolean {
    return ownerOf(vehicleId, this.members) === this.self;
  }

  /**
   * Whether the vehicle came to this instance from another one: true unless this instance owned
   * it in every list recorded, the first of which had it alone (a start with no peers, when no
   * other instance can have held the vehicle). True too when older lists were forgotten.
   */
  gained(vehicleId: string): boolean {
    if (this.views.some((members) => ownerOf(vehicleId, members) !== this.self)) return true;
    return this.trimmed || (this.views[0]?.length ?? 1) > 1;
  }
}
