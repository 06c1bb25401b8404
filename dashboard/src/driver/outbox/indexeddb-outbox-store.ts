import type { OutboxEntry } from "./outbox-action";
import { MemoryOutboxStore, type OutboxStore } from "./outbox-store";

const STORE = "entries";

/**
 * The outbox in IndexedDB, one database per driver (a shared phone never sends one driver's
 * actions with another's session). Entries keep their photo and signature blobs as they are;
 * the auto-increment key is the queue order.
 */
export class IndexedDbOutboxStore implements OutboxStore {
  private constructor(private readonly db: IDBDatabase) {}

  /** Opens (creating on first use) the outbox of one driver. */
  static async open(driverId: string): Promise<IndexedDbOutboxStore> {
    const request = indexedDB.open(`waybill-driver-outbox-${driverId}`, 1);
    request.onupgradeneeded = () =>
      request.result.createObjectStore(STORE, { keyPath: "id", autoIncrement: true });
    return new IndexedDbOutboxStore(await settled(request));
  }

  async load(): Promise<OutboxEntry[]> {
    return settled(this.store("readonly").getAll() as IDBRequest<OutboxEntry[]>);
  }

  async add(entry: Omit<OutboxEntry, "id">): Promise<OutboxEntry> {
    const id = await settled(this.store("readwrite").add(entry));
    return { ...entry, id: id as number };
  }

  async remove(id: number): Promise<void> {
    await settled(this.store("readwrite").delete(id));
  }

  private store(mode: IDBTransactionMode): IDBObjectStore {
    return this.db.transaction(STORE, mode).objectStore(STORE);
  }
}

function settled<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error("IndexedDB request failed"));
  });
}

/**
 * The outbox store of one driver: IndexedDB, or memory when the browser has none (private
 * modes of some browsers). Usable at once; calls wait for the database to open.
 *
 * @example
 * new Outbox({ store: openOutboxStore(session.user.id), send, onChange });
 */
export function openOutboxStore(driverId: string): OutboxStore {
  const opened: Promise<OutboxStore> = IndexedDbOutboxStore.open(driverId).catch((error: unknown) => {
    console.warn("Waybill: IndexedDB is not available; unsent actions will not survive a reload", error);
    return new MemoryOutboxStore();
  });
  return {
    load: async () => (await opened).load(),
    add: async (entry) => (await opened).add(entry),
    remove: async (id) => (await opened).remove(id),
  };
}
