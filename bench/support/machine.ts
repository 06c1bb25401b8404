import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";

/** What the bench ran on. */
export interface MachineInfo {
  readonly cores: number;
  readonly cpuModel: string;
  readonly node: string;
  readonly mosquitto: string;
}

/** Cores, CPU model (/proc/cpuinfo), Node and Mosquitto versions. */
export function describeMachine(): MachineInfo {
  const cpuinfo = readFileSync("/proc/cpuinfo", "utf8");
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? "unknown";
  // `mosquitto -h` prints its version first and exits with 3.
  const help = spawnSync("/usr/sbin/mosquitto", ["-h"], { encoding: "utf8" });
  const mosquitto = /version (\S+)/.exec(`${help.stdout}${help.stderr}`)?.[1] ?? "unknown";
  return { cores: availableParallelism(), cpuModel: model.trim(), node: process.version, mosquitto };
}
