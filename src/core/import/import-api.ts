import type { ImportJobSummary, ImportPreview, ImportProgress, ImportReport, ImportRequest } from './import-models';

/**
 * The import methods of the engine's public surface (to be merged into EngramApi). Everything crosses a worker
 * boundary: no callbacks or signals in arguments; progress comes through onImportProgress, cancel is its own call.
 */
export interface ImportApi {
  /** What importing the source would do, writing nothing. `chunksPerSecond` skips measuring the model. */
  previewImport(request: ImportRequest, options?: { readonly chunksPerSecond?: number }): Promise<ImportPreview>;
  /** Imports the source (resuming its unfinished job, if any); resolves with the report, also when cancelled. */
  runImport(request: ImportRequest): Promise<ImportReport>;
  /** Stops the running import after its current batch; resolves true when one was running. */
  cancelImport(): Promise<boolean>;
  /** Continues an interrupted import. */
  resumeImport(jobId: number): Promise<ImportReport>;
  /** Imports interrupted by a crash, quit or cancel, newest first. */
  unfinishedImports(): Promise<ImportJobSummary[]>;
  /** Forgets an unfinished import (its notes stay). */
  discardImport(jobId: number): Promise<void>;
  /** Subscribes to import progress; returns the unsubscribe function. */
  onImportProgress(listener: (progress: ImportProgress) => void): () => void;
}
