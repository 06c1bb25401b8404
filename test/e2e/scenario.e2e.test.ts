import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadScenarioWorld } from "@waybill/server/cli/scenario-world";
import type { OrderDto, PageDto, ProposalDto } from "@waybill/shared";
import { runSimulateCommand } from "@waybill/telematics/simulator/simulate.command";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, startTestSystem, type TestSystem, uniqueDeviceId } from "../support/system";

/*
 * `waybill simulate --scenario` against the whole system on Monaco's roads (../shared/data/osm;
 * © OpenStreetMap contributors, ODbL): the fleet is provisioned through the API, a van breaks
 * down and its driver reports it, Pont Sainte-Dévote is closed through the road-closure API and
 * urgent orders arrive as orders ready for dispatch.
 */
const MONACO = fileURLToPath(new URL("../../../shared/data/osm/monaco.osm.pbf", import.meta.url));
const missing = !existsSync(MONACO);
const PASSWORD = "a long enough password";

let system: TestSystem;

describe.skipIf(missing)(
  `waybill simulate --scenario${missing ? ` (skipped: ${MONACO} not found)` : ""}`,
  () => {
    beforeAll(async () => {
      system = await startTestSystem({ env: { OSM_FILE: MONACO } });
    }, 120_000);
    afterAll(() => system?.stop());

    it("halts the broken van and reports it through its driver, posts the closure and the urgent orders", async () => {
      const dir = mkdtempSync(join(tmpdir(), "waybill-scenario-"));
      const scenarioPath = join(dir, "scenario.json");
      writeFileSync(
        scenarioPath,
        JSON.stringify({
          name: "e2e-scenario",
          extract: "monaco.osm.pbf",
          seed: 5,
          day: { start: "08:00", end: "16:00" },
          fleet: { vehicles: 3, capacityKg: 200, depot: [7.4163, 43.7283] },
          orders: { count: 10, radiusM: 2000, weightKg: [1, 5], serviceMinutes: [2, 4], windowMinutes: 60 },
          events: [
            { kind: "breakdown", vehicle: 2, at: "10:00" },
            {
              kind: "closure",
              road: { wayIds: [4229329, 120113156], label: "Pont Sainte-Dévote" },
              from: "10:00",
              to: "12:00",
              reason: "bridge closed for inspection",
            },
            { kind: "urgentOrders", at: "10:00", count: 3, withinMinutes: 60 },
          ],
        }),
      );
      const email = `${uniqueDeviceId("drv")}@example.com`;
      await system.api("/api/v1/users", {
        method: "POST",
        json: { email, name: "Bo", password: PASSWORD, role: "driver" },
      });
      const driversPath = join(dir, "drivers.json");
      writeFileSync(driversPath, JSON.stringify([{ vehicle: 2, email, password: PASSWORD }]));
      const prefix = uniqueDeviceId("scn");
      const lines: string[] = [];
      const log = (line: string) => lines.push(line);
      const argv = ["--broker", system.mqttUrl, "--api", system.url, "--key", system.adminKey];
      argv.push("--prefix", prefix, "--interval-ms", "200", "--duration-s", "3", "--dropout-rate", "0");
      argv.push("--scenario", scenarioPath, "--scenario-clock", "10:00", "--drivers", driversPath);
      await runSimulateCommand(argv, {
        log,
        scenarioWorld: (scenario) =>
          loadScenarioWorld(scenario, { OSM_FILE: MONACO, dataDir: system.storage.dataDir }, log),
      });

      expect(lines.filter((line) => line.startsWith("scenario:") && line.includes("failed"))).toEqual([]);
      expect(lines).toContain(
        `scenario: driver ${email} reported a breakdown of ${await vehicleIdOf(`${prefix}-2`)}`,
      );
      const closures = (await (await system.api("/api/v1/road-closures")).json()) as {
        reason: string;
        edgesClosed: number;
        kind: string;
      }[];
      const bridge = closures.filter((c) => c.reason === "bridge closed for inspection");
      expect(bridge).toHaveLength(2);
      for (const closure of bridge)
        expect(closure).toMatchObject({ kind: "closed", edgesClosed: expect.any(Number) });
      expect(bridge.every((closure) => closure.edgesClosed > 0)).toBe(true);
      const page = (await (await system.api("/api/v1/orders?limit=100")).json()) as PageDto<OrderDto>;
      const urgent = page.items.filter((order) => order.externalRef?.includes("-u3-"));
      expect(urgent).toHaveLength(3);
      expect(urgent.every((order) => order.status === "ready")).toBe(true);
      const brokenId = await vehicleIdOf(`${prefix}-2`);
      const proposal = await eventually(async () => {
        const all = (await (await system.api("/api/v1/proposals")).json()) as ProposalDto[];
        return all.find((p) => p.trigger.kind === "breakdown" && p.trigger.vehicleId === brokenId);
      }, 20_000);
      expect(proposal.trigger.vehicleId).toBe(brokenId);
    });
  },
);

async function vehicleIdOf(deviceId: string): Promise<string> {
  const vehicles = (await (await system.api("/api/v1/vehicles")).json()) as {
    id: string;
    deviceId: string;
  }[];
  return vehicles.find((vehicle) => vehicle.deviceId === deviceId)!.id;
}
