import type { DriverApi } from "../api/driver-api";
import type { OutboxAction } from "./outbox-action";

/**
 * Sends one outbox action with the matching endpoint; resolves once the server accepted it.
 *
 * @example
 * new Outbox({ store, send: (action) => sendAction(api, action), onChange });
 */
export async function sendAction(api: DriverApi, action: OutboxAction): Promise<void> {
  switch (action.kind) {
    case "shift-start":
      await api.startShift(action.vehicleId);
      return;
    case "shift-end":
      await api.endShift();
      return;
    case "stop-status":
      await api.reportStop(action.stopId, action.body);
      return;
    case "proof":
      await api.recordProof(action.stopId, action.proof);
      return;
    case "incident":
      await api.reportIncident(action.body);
      return;
    case "positions":
      await api.sendPositions(action.fixes);
      return;
  }
}
