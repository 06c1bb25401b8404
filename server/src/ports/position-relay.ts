import type { ScopedPosition } from "./position-broadcaster";

/**
 * The instances of a cluster and a way to hand positions from one to another. Implemented over
 * PostgreSQL LISTEN/NOTIFY (adapters/db/position-relay.ts).
 */
export interface PositionRelay {
  /** This instance's id among the members. */
  readonly self: string;
  /** The ids of the live instances, this one included, sorted; rejects while the relay is down. */
  members(): Promise<string[]>;
  /** Hands positions to one instance; rejects when they could not be sent (the caller keeps them). */
  send(member: string, positions: readonly ScopedPosition[]): Promise<void>;
  /** Where positions other instances hand to this one go. */
  onPositions(listener: (positions: ScopedPosition[]) => void): void;
  close(): Promise<void>;
}
