import type { PipelineStage } from "../position-stage";

/**
 * Per-vehicle ordering: a message's reports are handled oldest fix first. Across messages the
 * pipeline keeps arrival order per device, and the latest state moves only to newer fixes, so
 * late fixes join the history without moving a vehicle backwards.
 */
export function orderStage(): PipelineStage {
  return {
    name: "order",
    run(work) {
      if (work.reports.length > 1) work.reports.sort((a, b) => a.fixAt - b.fixAt);
    },
  };
}
