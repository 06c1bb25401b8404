import { DrizzleTelemetryStore } from "../../server/src/adapters/db/repositories/telemetry.repository";
import type { TelemetryBatch } from "../../server/src/ports/telemetry-store";

/**
 * Called after each store transaction commits, with the batch, the commit time and the time its
 * statement was sent (epoch ms).
 */
export type CommitListener = (batch: TelemetryBatch, committedAt: number, startedAt: number) => void;

/**
 * Observes every committed store transaction of the in-process server, without changing server
 * code: wraps `DrizzleTelemetryStore.prototype.writeBatch` (the module instance the server uses,
 * since ES modules are shared by URL). The pipeline acknowledges a message to the broker right
 * after this commit, so commit time minus `fixAt` (the publish time) is the publish→stored
 * latency of each position. Costs one loop over the batch per transaction. Returns the undo.
 */
export function observeCommits(listener: CommitListener): () => void {
  const prototype = DrizzleTelemetryStore.prototype;
  const original = prototype.writeBatch;
  prototype.writeBatch = async function writeBatchObserved(this: DrizzleTelemetryStore, batch) {
    const startedAt = Date.now();
    const result = await original.call(this, batch);
    listener(batch, Date.now(), startedAt);
    return result;
  };
  return () => {
    prototype.writeBatch = original;
  };
}
