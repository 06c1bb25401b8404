import type { OutboxAction, OutboxEntry } from "./outbox-action";

/** Where the outbox keeps its entries so they survive a reload or a dead battery. */
export interface OutboxStore {
  /** Every stored entry, oldest (lowest id) first. */
  load(): Promise<OutboxEntry[]>;
  /** Stores an entry and returns it with its id, greater than every id before it. */
  add(entry: Omit<OutboxEntry, "id">): Promise<OutboxEntry>;
  remove(id: number): Promise<void>;
}

/** An {@link OutboxStore} in memory: for tests, and when the browser has no IndexedDB. */
export class MemoryOutboxStore implements OutboxStore {
  private readonly entries: OutboxEntry[] = [];
  private nextId = 1;

  async load(): Promise<OutboxEntry[]> {
    return [...this.entries];
  }

  async add(entry: Omit<OutboxEntry, "id">): Promise<OutboxEntry> {
    const stored = { ...entry, id: this.nextId++ };
    this.entries.push(stored);
    return stored;
  }

  async remove(id: number): Promise<void> {
    const index = this.entries.findIndex((entry) => entry.id === id);
    if (index >= 0) this.entries.splice(index, 1);
  }
}

/** The action of every entry, in queue order. */
export const actionsOf = (entries: readonly OutboxEntry[]): OutboxAction[] =>
  entries.map((entry) => entry.action);
