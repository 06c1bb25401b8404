import type { MessageWork } from "./message-work";

/**
 * One step of the ingest pipeline. Synchronous on the hot path; a stage returns a promise only
 * when it must wait (a device not yet cached). Stages never throw for bad input: they record a
 * rejection on the work and the pipeline moves on.
 */
export interface PipelineStage {
  readonly name: string;
  run(work: MessageWork): void | Promise<void>;
}
