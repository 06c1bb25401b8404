import type {
  LatestState,
  RejectScope,
  StoredPosition,
  StoredReject,
  TelemetryBatch,
  TelemetryStore,
} from "../../ports/telemetry-store";

/**
 * In-memory {@link TelemetryStore} for unit tests and simulator runs. Holds the same invariants as
 * the database (known vehicles only, (vehicle, fixAt) unique, atomic batches).
 */
export class MemoryTelemetryStore implements TelemetryStore {
  private readonly positions = new Map<string, StoredPosition>();
  private readonly latest = new Map<string, LatestState>();
  private readonly rejects: StoredReject[] = [];

  constructor(private readonly vehicleIds: ReadonlySet<string>) {}

  async writeBatch(batch: TelemetryBatch): Promise<{ positionsInserted: number }> {
    const unknown = batch.positions.find((p) => !this.vehicleIds.has(p.vehicleId));
    if (unknown) throw new Error(`writeBatch: vehicle ${unknown.vehicleId} does not exist`);
    let positionsInserted = 0;
    for (const p of batch.positions) {
      const key = `${p.vehicleId}@${p.fixAt}`;
      if (this.positions.has(key)) continue;
      this.positions.set(key, p);
      positionsInserted++;
    }
    for (const state of batch.latest) {
      const current = this.latest.get(state.vehicleId);
      if (!current || current.fixAt < state.fixAt) this.latest.set(state.vehicleId, state);
    }
    for (const r of batch.rejects) this.rejects.push({ ...r, id: this.rejects.length + 1 });
    return { positionsInserted };
  }

  async latestStates(vehicleIds?: readonly string[]): Promise<LatestState[]> {
    const all = [...this.latest.values()];
    return vehicleIds ? all.filter((s) => vehicleIds.includes(s.vehicleId)) : all;
  }

  async track(vehicleId: string, fromAt: number, toAt: number, limit: number): Promise<StoredPosition[]> {
    return [...this.positions.values()]
      .filter((p) => p.vehicleId === vehicleId && p.fixAt >= fromAt && p.fixAt <= toAt)
      .sort((a, b) => a.fixAt - b.fixAt)
      .slice(0, limit);
  }

  async rejected(scope: RejectScope, limit: number, beforeId?: number): Promise<StoredReject[]> {
    return this.rejects
      .filter(
        (r) =>
          r.organisationId === scope.organisationId ||
          (scope.includeUnattributed && r.organisationId === null),
      )
      .filter((r) => beforeId === undefined || r.id < beforeId)
      .sort((a, b) => b.id - a.id)
      .slice(0, limit);
  }
}
