import type { AnalyzeFileOptions } from '../core/analyze-file';
import type { FileOutcome } from '../analyzer';

/** What every worker gets at start-up (`workerData`): the per-file options, without functions. */
export interface WorkerSetup {
  options: AnalyzeFileOptions & { cwd: string; prefilter?: boolean };
}

/** Main thread -> worker: analyse `paths`, which are files `start`, `start + 1`, ... of the run. */
export interface BatchRequest {
  id: number;
  paths: string[];
}

/** Worker -> main thread: the outcomes of a batch that hold a finding or an error, by offset in the batch. */
export interface BatchResult {
  id: number;
  outcomes: [offset: number, outcome: FileOutcome][];
}
