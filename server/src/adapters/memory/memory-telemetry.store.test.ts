import { CONTRACT_FIXTURE, describeTelemetryStoreContract } from "../../ports/telemetry-store.contract";
import { MemoryTelemetryStore } from "./memory-telemetry.store";

describeTelemetryStoreContract(
  "memory",
  async () => new MemoryTelemetryStore(new Set(CONTRACT_FIXTURE.vehicles.map((v) => v.id))),
);
