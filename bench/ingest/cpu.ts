import { readdirSync, readFileSync } from "node:fs";

/** Linux USER_HZ: /proc reports CPU time in 1/100 s on every mainstream kernel. */
const TICK_MICROS = 10_000;

/** CPU time used so far, microseconds, by each part of the bench (see {@link CpuSampler}). */
export interface CpuSnapshot {
  readonly server: number;
  readonly generator: number;
  readonly broker: number;
  /** Every PostgreSQL process of the machine (backends, WAL writer, checkpointer...), by pid. */
  readonly database: ReadonlyMap<number, number>;
  /** Busy time of all cores (user, nice, system, irq, softirq, steal). */
  readonly machine: number;
}

/** CPU per part over a window, microseconds. */
export type CpuUsage = Record<"server" | "generator" | "broker" | "database" | "machine", number>;

/** CPU time of a process from /proc/<pid>/stat (utime + stime), microseconds; 0 once it is gone. */
export function processCpuMicros(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * TICK_MICROS;
  } catch {
    return 0; // the process ended: its CPU can no longer be read
  }
}

/** Busy CPU time of the whole machine since boot, microseconds (/proc/stat). */
export function machineCpuMicros(): number {
  const [, user, nice, system, , , irq, softirq, steal] = readFileSync("/proc/stat", "utf8")
    .split("\n", 1)[0]!
    .trim()
    .split(/\s+/)
    .map(Number);
  return (
    ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) * TICK_MICROS
  );
}

/** CPU so far of every process named `postgres`, by pid. */
export function postgresCpuMicros(): Map<number, number> {
  const cpu = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, "utf8").trim() === "postgres")
        cpu.set(Number(entry), processCpuMicros(Number(entry)));
    } catch {
      // the process ended while we listed /proc: nothing to count
    }
  }
  return cpu;
}

/** This process's CPU (the server runs in it), microseconds. */
export function ownCpuMicros(): number {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
}

/** CPU used between two snapshots; a PostgreSQL process first seen in `end` counts from zero. */
export function cpuBetween(start: CpuSnapshot, end: CpuSnapshot): CpuUsage {
  let database = 0;
  for (const [pid, micros] of end.database) database += micros - (start.database.get(pid) ?? 0);
  return {
    server: end.server - start.server,
    generator: end.generator - start.generator,
    broker: end.broker - start.broker,
    database,
    machine: end.machine - start.machine,
  };
}
