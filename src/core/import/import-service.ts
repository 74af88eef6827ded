import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { ensureFreeSpace } from '../db/free-space';
import { GrowthStatistics } from '../db/growth-statistics';
import type { Database } from '../db/queryable';
import { ImportJobsRepository, type ImportJobRecord } from '../db/repositories/import-jobs-repository';
import { EngramError } from '../errors';
import type { RequestedFormat } from '../importers/source-format';
import { NotesService } from '../notes/notes-service';
import { BatchWriter, type FileRecorder } from './batch-writer';
import { embeddingCounts } from './embedding-counts';
import type { FileOutcome } from './file-outcome';
import type { ImportJobSummary, ImportPreview, ImportProgress, ImportReport, ImportRequest } from './import-models';
import { previewImport, type PreviewOptions } from './import-preview';
import { judgeForget, refuseForget } from './forget-guard';
import { findMissing, liveNotesUnder, settleMissing } from './missing-notes';
import { parseBatches, type FileProgress } from './parse-batches';
import type { ScannedSource } from './scan-source';
import { transactionScope } from './transaction-scope';
import { buildReport, reportLists } from './report-builder';
import { scanSource } from './scan-source';

/** What the import service needs: the database, a hook for queued embeddings, and optionally a throughput probe. */
export interface ImportServiceDeps {
  readonly db: Database;
  /** Called when a run has stored its notes, so the background embedder starts on their chunks. */
  readonly onQueued: () => void;
  /** Measures the active provider's embedding throughput (chunks per second) on sample texts, for the preview. */
  readonly measureThroughput?: (texts: readonly string[]) => Promise<number>;
  /** Base for relative paths (default: the process's working directory). */
  readonly cwd?: string;
  /** Notes per transaction (default 200). */
  readonly batchSize?: number;
  /** The data directory: an import that obviously will not fit on its disk is refused before anything is stored. */
  readonly dataDir?: string;
}

/**
 * A floor on the database growth per byte of source files. Measured: a 2 MB Markdown vault (1,000 notes) grew the
 * database by 28.8 MB before embedding (14.7x, write-ahead log included), and embeddings add more; 4x is low on
 * purpose, so only an import that obviously cannot fit is refused (a PDF's bytes are mostly not text).
 */
export const IMPORT_BYTES_PER_SOURCE_BYTE = 4;

/** Options of a run: cancellation and progress. */
export interface RunImportOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ImportProgress) => void;
  /** Also records each batch's files in its transaction (a connected folder's first pass keeps their state). */
  readonly recordFiles?: FileRecorder;
}

const PROGRESS_COUNTS_EVERY_MS = 5000;
/** Progress inside a long file (a PDF's pages) is reported at most this often. */
const FILE_PROGRESS_EVERY_MS = 100;

/**
 * Imports notes from folders, vaults and export files in two phases: a preview that writes nothing, then a run that
 * stores notes in batches (keyword-searchable as each batch commits; embeddings follow through the durable queue). A run is a job
 * in import_jobs: each batch commits with its files' outcomes, so a crash, quit or cancel resumes where it stopped
 * when the same source is imported again (or resume() is called), without duplicates. Re-importing a source
 * updates changed notes (matched by source kind + path), leaves unchanged ones alone, and reports (and, if asked,
 * forgets, restorably) notes whose files disappeared, within the limits of forget-guard.ts.
 */
export class ImportService {
  private readonly jobs: ImportJobsRepository;
  private readonly writer: BatchWriter;

  constructor(private readonly deps: ImportServiceDeps) {
    this.jobs = new ImportJobsRepository(deps.db);
    this.writer = new BatchWriter(deps.db);
  }

  /** What an import would do, writing nothing (the wizard's preview, `engram import --dry-run`). */
  preview(request: ImportRequest, options: PreviewOptions = {}): Promise<ImportPreview> {
    return previewImport({ db: this.deps.db, cwd: this.cwd, measureThroughput: this.deps.measureThroughput }, request, options);
  }

  /** Imports a source, resuming its unfinished job if there is one; resolves with the report (also when cancelled). */
  async run(request: ImportRequest, options: RunImportOptions = {}): Promise<ImportReport> {
    const started = new Date();
    const emit = this.emitter(null, options.onProgress);
    await emit({ phase: 'scanning', filesTotal: 0, filesParsed: 0, notesStored: 0 });
    const source = await scanSource(request, this.cwd, options.signal).catch((error: unknown) => {
      // cancelled before any job existed: nothing was stored, so there is no report to give
      if (options.signal?.aborted) throw new EngramError('CANCELLED', 'The import was cancelled while its files were being listed; nothing was imported.');
      throw error;
    });
    if (request.deleteMissing === true) await this.refuseEmptySource(source);
    if (this.deps.dataDir) {
      const sourceBytes = source.files.reduce((sum, file) => sum + file.size, 0);
      ensureFreeSpace(this.deps.dataDir, sourceBytes * IMPORT_BYTES_PER_SOURCE_BYTE, `Importing ${source.files.length} file${source.files.length === 1 ? '' : 's'}`);
    }
    const unfinished = await this.jobs.findUnfinished(source.root, source.format);
    const job =
      unfinished ??
      (await this.jobs.create(source.root, source.format, {
        deleteMissing: request.deleteMissing === true,
        exclude: request.exclude ?? [],
        maxFileBytes: request.maxFileBytes ?? null,
        followLinks: request.followLinks === true,
      }));
    if (unfinished) await this.jobs.markRunning(job.id);
    const progress = this.emitter(job.id, options.onProgress);
    // An error (the engine closing at quit, a full disk) leaves the job 'running': the next import resumes it.
    const earlier = await this.jobs.outcomes<FileOutcome>(job.id);
    const done = new Set(earlier.map((o) => o.path));
    const seen = new Set(earlier.flatMap((o) => o.notes.map((n) => n.path)));
    const pending = source.files.filter((f) => !done.has(f.absPath));
    let filesParsed = source.files.length - pending.length;
    let notesStored = earlier.reduce((sum, o) => sum + o.notes.filter((n) => n.action !== 'unchanged').length, 0);
    await progress({ phase: 'importing', filesTotal: source.files.length, filesParsed, notesStored }, true);
    const statistics = new GrowthStatistics(this.deps.db);
    const onFileProgress = this.fileProgress((file) => void progress({ phase: 'importing', filesTotal: source.files.length, filesParsed, notesStored, file }));
    for await (const batch of parseBatches(pending, source, this.deps.batchSize ?? 200, { signal: options.signal, onFileProgress })) {
      const outcomes = await this.writer.write(job.id, batch, seen, options.recordFiles);
      const stored = outcomes.reduce((sum, o) => sum + o.notes.filter((n) => n.action !== 'unchanged').length, 0);
      filesParsed += batch.length;
      notesStored += stored;
      await statistics.stored(stored);
      await progress({ phase: 'importing', filesTotal: source.files.length, filesParsed, notesStored });
      await yieldToEventLoop(); // let the embedder, IPC and other callers in between batches
    }
    // embedding starts once the notes are stored, so the model does not compete with storing for the CPU
    this.deps.onQueued();
    const cancelled = options.signal?.aborted === true;
    await progress({ phase: 'finishing', filesTotal: source.files.length, filesParsed, notesStored }, true);
    const outcomes = await this.jobs.outcomes<FileOutcome>(job.id);
    const found = cancelled ? { missing: [], sourceNotes: 0 } : await findMissing(this.deps.db, source, outcomes);
    const verdict = judgeForget({ root: source.root, sourceNotes: found.sourceNotes, missing: found.missing.length, rootEmpty: false, confirmed: request.confirmForget === true });
    const forgetting = request.deleteMissing === true && verdict.action === 'forget';
    const missing = await settleMissing(found.missing, forgetting ? (ids) => this.forgetAll(ids) : null);
    const forgetHeld = request.deleteMissing === true && verdict.action !== 'forget' ? `${verdict.reason} Nothing was forgotten: check the folder, then confirm to forget them (they stay restorable).` : null;
    const finished = new Date();
    const report = buildReport(
      {
        jobId: job.id,
        source: { path: source.root, format: source.format },
        state: cancelled ? 'cancelled' : 'completed',
        resumed: unfinished !== null,
        startedAt: started.toISOString(),
        finishedAt: finished.toISOString(),
        tookMs: finished.getTime() - started.getTime(),
        forgetHeld,
        embeddingsPending: (await embeddingCounts(this.deps.db)).pending,
      },
      source.files.length,
      reportLists(outcomes, source.skipped),
      missing,
    );
    await this.jobs.finish(job.id, report.state, report);
    await progress({ phase: 'done', filesTotal: source.files.length, filesParsed, notesStored }, true);
    return report;
  }

  /** Continues an unfinished job (after a crash or quit: the app offers this on start). */
  async resume(jobId: number, options: RunImportOptions = {}): Promise<ImportReport> {
    const job = await this.jobs.get(jobId);
    if (!job) throw new EngramError('NOT_FOUND', `There is no import ${jobId}.`);
    if (job.state !== 'running' && job.state !== 'cancelled') throw new EngramError('INVALID_INPUT', `Import ${jobId} is ${job.state}; there is nothing to resume.`);
    return this.run(requestOf(job), options);
  }

  /** Imports that were interrupted (crash, quit, cancel) and can be resumed, newest first. */
  async unfinished(): Promise<ImportJobSummary[]> {
    return (await this.jobs.listUnfinished()).map((job) => ({
      jobId: job.id,
      path: job.root,
      format: job.format,
      state: job.state as 'running' | 'cancelled',
      filesDone: job.filesDone,
      startedAt: job.startedAt,
      updatedAt: job.updatedAt,
    }));
  }

  /** Forgets an unfinished job: the next import of its source starts afresh (notes already stored stay). */
  async discard(jobId: number): Promise<void> {
    await this.jobs.delete(jobId);
  }

  /** The saved report of a finished job, or null. */
  report(jobId: number): Promise<ImportReport | null> {
    return this.jobs.report<ImportReport>(jobId);
  }

  private get cwd(): string {
    return this.deps.cwd ?? process.cwd();
  }

  /**
   * Refuses to forget everything because a folder is empty: an unmounted drive or a sync client mid-way looks exactly
   * like a folder whose files were all deleted. Checked before anything is stored.
   */
  private async refuseEmptySource(source: ScannedSource): Promise<void> {
    if (!source.isDirectory || source.files.length > 0) return;
    const live = await liveNotesUnder(this.deps.db, source);
    refuseForget(judgeForget({ root: source.root, sourceNotes: live, missing: live, rootEmpty: true, confirmed: false }));
  }

  /** Forgets notes softly (restorable, as `forget` does), all in one transaction. */
  private async forgetAll(ids: readonly number[]): Promise<void> {
    await this.deps.db.transaction(async (tx) => {
      const notes = new NotesService({ db: transactionScope(tx), onQueued: () => undefined });
      for (const id of ids) await notes.forget(id);
    });
  }

  /** Passes progress inside a long file on, at most every FILE_PROGRESS_EVERY_MS (and always a file's last page). */
  private fileProgress(emit: (file: NonNullable<ImportProgress['file']>) => void): (progress: FileProgress) => void {
    let last = 0;
    return ({ path, done, total }) => {
      const now = Date.now();
      if (done < total && now - last < FILE_PROGRESS_EVERY_MS) return;
      last = now;
      emit({ path, done, total, unit: 'pages' });
    };
  }

  /** A progress callback that adds the embedding counts (refreshed at most every 5 s unless forced). */
  private emitter(jobId: number | null, listener?: (progress: ImportProgress) => void) {
    let last = 0;
    let counts = { done: 0, pending: 0 };
    return async (fields: Pick<ImportProgress, 'phase' | 'filesTotal' | 'filesParsed' | 'notesStored' | 'file'>, force = false): Promise<void> => {
      if (!listener) return;
      if (force || Date.now() - last >= PROGRESS_COUNTS_EVERY_MS) {
        counts = await embeddingCounts(this.deps.db);
        last = Date.now();
      }
      const value = fields.phase === 'done' ? 1 : fields.filesTotal ? fields.filesParsed / fields.filesTotal : 0;
      listener({ kind: 'import', jobId, ...fields, embeddings: counts, value });
    };
  }
}

/** The request that started a job, from what the job recorded. */
function requestOf(job: ImportJobRecord): ImportRequest {
  const options = job.options as { deleteMissing?: boolean; exclude?: string[]; maxFileBytes?: number | null; followLinks?: boolean };
  return {
    path: job.root,
    format: (job.format === 'mixed' ? 'auto' : job.format) as RequestedFormat,
    deleteMissing: options.deleteMissing === true,
    exclude: options.exclude ?? [],
    maxFileBytes: options.maxFileBytes ?? undefined,
    followLinks: options.followLinks === true,
  };
}
