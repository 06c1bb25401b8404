import { filterPosition, type PositionFilterRules } from "../../domain/telemetry/position-filter";
import type { LastFixes } from "../last-fixes";
import type { PipelineStage } from "../position-stage";

/**
 * Filter: drops future fixes, duplicates and implausible jumps (domain rules), records each as a
 * rejection, and turns the survivors into positions to store.
 */
export function filterStage(rules: PositionFilterRules, lastFixes: LastFixes): PipelineStage {
  return {
    name: "filter",
    run(work) {
      const vehicleId = work.binding?.vehicleId;
      if (!vehicleId || work.wholeMessageRejected) return;
      const { receivedAt } = work.message;
      for (const report of work.reports) {
        const last = lastFixes.get(vehicleId);
        const verdict = filterPosition({ ...report, receivedAt }, last, rules);
        if (verdict !== null) {
          work.reject(verdict, explain(verdict, report.fixAt, last?.fixAt), null);
          continue;
        }
        if (last === null || report.fixAt > last.fixAt) lastFixes.set(vehicleId, report);
        work.accepted.push({ ...report, vehicleId, receivedAt });
      }
    },
  };
}

function explain(verdict: string, fixAt: number, lastAt: number | undefined): string {
  const at = new Date(fixAt).toISOString();
  if (verdict === "future_fix") return `fixAt ${at} is ahead of the server clock`;
  if (verdict === "duplicate") return `fixAt ${at} was already received for this vehicle`;
  return `fixAt ${at}: implausible speed since the fix at ${lastAt === undefined ? "?" : new Date(lastAt).toISOString()}`;
}
