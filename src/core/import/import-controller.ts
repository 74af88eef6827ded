import { EngramError } from '../errors';
import type { ImportApi } from './import-api';
import type { ImportJobSummary, ImportPreview, ImportProgress, ImportReport, ImportRequest } from './import-models';
import type { ImportService, RunImportOptions } from './import-service';

/**
 * ImportApi over an ImportService for one engine: one import at a time, cancel by call (an AbortController inside),
 * progress fanned out to subscribers. stop() (on close) cancels and waits for the current batch to commit.
 */
export class ImportController implements ImportApi {
  private current: { controller: AbortController; done: Promise<unknown> } | null = null;
  private readonly listeners = new Set<(progress: ImportProgress) => void>();

  constructor(private readonly service: ImportService) {}

  previewImport(request: ImportRequest, options?: { readonly chunksPerSecond?: number }): Promise<ImportPreview> {
    return this.service.preview(request, options);
  }

  runImport(request: ImportRequest): Promise<ImportReport> {
    return this.runRecording(request);
  }

  /** runImport that also records each batch's files (a connected folder's first pass); not part of the public API. */
  runRecording(request: ImportRequest, recordFiles?: RunImportOptions['recordFiles']): Promise<ImportReport> {
    return this.exclusive((signal) => this.service.run(request, { signal, onProgress: (p) => this.emit(p), recordFiles }));
  }

  resumeImport(jobId: number): Promise<ImportReport> {
    return this.exclusive((signal) => this.service.resume(jobId, { signal, onProgress: (p) => this.emit(p) }));
  }

  async cancelImport(): Promise<boolean> {
    if (!this.current) return false;
    this.current.controller.abort();
    return true;
  }

  unfinishedImports(): Promise<ImportJobSummary[]> {
    return this.service.unfinished();
  }

  async discardImport(jobId: number): Promise<void> {
    if (this.current) throw new EngramError('INVALID_INPUT', 'An import is running; cancel it before discarding one.');
    await this.service.discard(jobId);
  }

  onImportProgress(listener: (progress: ImportProgress) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Cancels the running import and waits until its last batch is committed (call before closing the database). */
  async stop(): Promise<void> {
    const current = this.current;
    if (!current) return;
    current.controller.abort();
    await current.done.catch(() => undefined);
  }

  private async exclusive(work: (signal: AbortSignal) => Promise<ImportReport>): Promise<ImportReport> {
    if (this.current) throw new EngramError('INVALID_INPUT', 'An import is already running; wait for it or cancel it first.');
    const controller = new AbortController();
    const done = work(controller.signal);
    this.current = { controller, done };
    try {
      return await done;
    } finally {
      this.current = null;
    }
  }

  private emit(progress: ImportProgress): void {
    for (const listener of this.listeners) listener(progress);
  }
}
