import type { PositionReport } from "@waybill/shared";
import { filterPosition, type PositionFilterRules } from "../../domain/telemetry/position-filter";
import type { LastFixes } from "../last-fixes";
import type { AcceptedPosition } from "../message-work";
import type { PipelineStage } from "../position-stage";

/**
 * Filter: drops future fixes, duplicates and implausible jumps (domain rules), records each as a
 * rejection, and turns the survivors into positions to store.
 */
export function filterStage(rules: PositionFilterRules, lastFixes: LastFixes): PipelineStage {
  return {
    name: "filter",
    run(work) {
      const binding = work.binding;
      const vehicleId = binding?.vehicleId;
      if (!binding || !vehicleId || work.wholeMessageRejected) return;
      const { receivedAt } = work.message;
      for (const report of work.reports) {
        const last = lastFixes.get(vehicleId);
        const candidate = { fixAt: report.fixAt, lat: report.lat, lng: report.lng, receivedAt };
        const verdict = filterPosition(candidate, last, rules);
        if (verdict !== null) {
          work.reject(verdict, explain(verdict, report.fixAt, last?.fixAt), null);
          continue;
        }
        if (last === null || report.fixAt > last.fixAt) lastFixes.set(vehicleId, candidate);
        work.accepted.push(acceptedPosition(report, vehicleId, binding.organisationId, receivedAt));
      }
    },
  };
}

/**
 * Every field named, not `{ ...report, vehicleId }`: one object shape for every position, built
 * once at ingest rate and shared by the store, the live channel and live tracking (the filter's
 * two spreads per report were its largest cost in a profile of the bench).
 */
function acceptedPosition(
  report: PositionReport,
  vehicleId: string,
  organisationId: string,
  receivedAt: number,
): AcceptedPosition {
  return {
    organisationId,
    vehicleId,
    deviceId: report.deviceId,
    fixAt: report.fixAt,
    receivedAt,
    lat: report.lat,
    lng: report.lng,
    speedKmh: report.speedKmh,
    headingDeg: report.headingDeg,
    accuracyM: report.accuracyM,
    altitudeM: report.altitudeM,
    odometerKm: report.odometerKm,
    ignition: report.ignition,
    batteryPct: report.batteryPct,
    attrs: report.attrs,
  };
}

function explain(verdict: string, fixAt: number, lastAt: number | undefined): string {
  const at = new Date(fixAt).toISOString();
  if (verdict === "future_fix") return `fixAt ${at} is ahead of the server clock`;
  if (verdict === "duplicate") return `fixAt ${at} was already received for this vehicle`;
  return `fixAt ${at}: implausible speed since the fix at ${lastAt === undefined ? "?" : new Date(lastAt).toISOString()}`;
}
