// Connected folders for one engine: connect (the first pass is an import), list, sync, remove, and keep every folder
// current while the memory is open.
import path from 'node:path';
import type { Database } from '../db/queryable';
import { SourcesRepository, type SourceRecord } from '../db/repositories/sources-repository';
import { EngramError } from '../errors';
import type { ImportController } from '../import/import-controller';
import type { ImportPreview } from '../import/import-models';
import { transactionScope } from '../import/transaction-scope';
import { resolveFormat } from '../importers/source-format';
import { NotesService } from '../notes/notes-service';
import { folderExcludes, folderRequest } from './disk-view';
import { checkConnectable, isInside } from './folder-paths';
import type { AddSourceRequest, AddSourceResult, RemoveSourceResult, SourceEvent, SourceSummary, SourceSyncReport } from './source-models';
import { fileRecorder, SourceSync } from './source-sync';
import { SourceWatch } from './source-watch';

/** What the sources service needs from the engine. */
export interface SourcesServiceDeps {
  readonly db: Database;
  readonly imports: ImportController;
  readonly onQueued: () => void;
  readonly foregroundQuiet: () => Promise<void>;
  /** Base for relative paths (default: the process's working directory). */
  readonly cwd?: string;
  /** Quiet time before a folder's changes are read (tests and benchmarks may shorten it). */
  readonly settleMs?: number;
}

/**
 * Connected folders: each is a SourceWatch. Started live (`start(true)`: the app, `engram sources watch`, `engram mcp`)
 * every folder is watched and caught up at once, in the background; otherwise (a short CLI command) folders are only
 * synced when asked.
 */
export class SourcesService {
  private readonly repo: SourcesRepository;
  private readonly sync: SourceSync;
  private readonly watches = new Map<number, SourceWatch>();
  private readonly listeners = new Set<(event: SourceEvent) => void>();
  private live = false;
  private loaded: Promise<void> | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(private readonly deps: SourcesServiceDeps) {
    this.repo = new SourcesRepository(deps.db);
    this.sync = new SourceSync({ db: deps.db, onQueued: deps.onQueued, foregroundQuiet: deps.foregroundQuiet });
  }

  /** Watches every connected folder and catches each up in the background (resolves once they are all loaded). */
  async start(): Promise<void> {
    this.live = true;
    await this.load();
    for (const watch of this.watches.values()) void watch.start().catch(() => undefined);
  }

  /** Every connected folder with its state. */
  async list(): Promise<SourceSummary[]> {
    await this.load();
    return Promise.all([...this.watches.values()].map((w) => w.summary()));
  }

  /** What connecting a folder would import, after checking it can be connected. */
  async preview(request: AddSourceRequest): Promise<ImportPreview> {
    const root = await this.connectable(request);
    return this.deps.imports.previewImport({ ...request, path: root, exclude: folderExcludes(request.exclude) });
  }

  /**
   * Connects a folder: records it, runs its first pass (the import, with its report), then keeps it current. A first
   * pass the person cancels disconnects the folder again (the notes imported so far stay, as with any import); one
   * cut short by the memory closing resumes when it opens again.
   */
  async add(request: AddSourceRequest): Promise<AddSourceResult> {
    const root = await this.connectable(request);
    const format = await resolveFormat(root, true, request.format ?? 'auto');
    if (!format) throw new EngramError('INVALID_INPUT', `Cannot tell how to read ${root}.`);
    let record = await this.repo.create(root, format, { exclude: request.exclude ?? [], maxFileBytes: request.maxFileBytes ?? null });
    let report: AddSourceResult['report'];
    try {
      report = await this.exclusive(() => this.runFirstPass(record));
    } catch (error) {
      if (!this.closed) await this.repo.delete(record.id);
      throw error;
    }
    if (report.state === 'completed') {
      await this.repo.markFirstPassDone(record.id);
      record = { ...record, firstPassDone: true };
      await this.restorePresent(record); // the files are the truth: a note whose file is there is not forgotten
    } else if (!this.closed) {
      await this.repo.delete(record.id);
      const summary = { ...(await this.watchFor(record).summary()), state: 'idle' as const, reason: 'Connecting was cancelled; the notes read so far stay.' };
      return { source: summary, report };
    }
    const watch = this.watchFor(record);
    this.watches.set(record.id, watch);
    // catch up with what changed during the first pass, then watch (live) or stay current until the next sync
    if (this.live) void watch.start().catch(() => undefined);
    return { source: await watch.summary(), report };
  }

  /** Disconnects a folder: stops watching; its notes are forgotten (restorable) unless keepNotes. Files are not touched. */
  async remove(id: number, options: { readonly keepNotes?: boolean } = {}): Promise<RemoveSourceResult> {
    const watch = await this.require(id);
    const source = await watch.summary();
    await watch.close();
    this.watches.delete(id);
    const notes = (await this.repo.notesUnder(watch.source.root, path.sep)).filter((n) => !n.forgotten);
    await this.deps.foregroundQuiet();
    await this.deps.db.transaction(async (tx) => {
      if (!options.keepNotes) {
        const service = new NotesService({ db: transactionScope(tx), onQueued: () => undefined });
        for (const note of notes) await service.forget(note.id);
      }
      await this.repo.with(tx).delete(id);
    });
    return { source: { ...source, state: 'idle', reason: null }, forgottenNotes: options.keepNotes ? 0 : notes.length, keptNotes: options.keepNotes ? notes.length : 0 };
  }

  /** Brings one folder, or every one, up to date now. */
  async syncNow(id?: number, options: { readonly confirmForget?: boolean } = {}): Promise<SourceSyncReport[]> {
    await this.load();
    const watches = id === undefined ? [...this.watches.values()] : [await this.require(id)];
    const reports: SourceSyncReport[] = [];
    for (const watch of watches) reports.push(await watch.syncNow(options.confirmForget === true));
    return reports;
  }

  /** The connected folder a file lies in, or null. */
  async folderOf(absPath: string): Promise<SourceWatch | null> {
    await this.load();
    return [...this.watches.values()].find((w) => isInside(w.source.root, absPath) && absPath !== w.source.root) ?? null;
  }

  /** A connected folder by id (NOT_FOUND otherwise). */
  async require(id: number): Promise<SourceWatch> {
    await this.load();
    const watch = this.watches.get(id);
    if (!watch) throw new EngramError('NOT_FOUND', `There is no connected folder ${id}. List them with \`engram sources list\`.`);
    return watch;
  }

  /** Subscribes to folder events; returns the unsubscribe function. */
  onEvent(listener: (event: SourceEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops every watcher and waits for syncs in progress to commit. */
  async close(): Promise<void> {
    this.closed = true;
    await this.loaded?.catch(() => undefined);
    await Promise.all([...this.watches.values()].map((w) => w.close()));
    this.watches.clear();
  }

  private load(): Promise<void> {
    this.loaded ??= (async () => {
      for (const record of await this.repo.list()) {
        if (!this.watches.has(record.id)) this.watches.set(record.id, this.watchFor(record));
      }
    })();
    return this.loaded;
  }

  private watchFor(record: SourceRecord): SourceWatch {
    return new SourceWatch(record, {
      sync: this.sync,
      live: this.live,
      emit: (event) => {
        for (const listener of this.listeners) listener(event);
      },
      exclusive: (work) => this.exclusive(work),
      firstPass: async (r) => {
        const done = (await this.runFirstPass(r)).state === 'completed';
        if (done) await this.repo.markFirstPassDone(r.id);
        return done;
      },
      noteCount: (r) => this.repo.liveNoteCount(r.root, path.sep),
      settleMs: this.deps.settleMs,
    });
  }

  /** The first pass: the import itself (resuming it after a crash), recording each file's state as it goes. */
  private runFirstPass(record: SourceRecord) {
    return this.deps.imports.runRecording(folderRequest(record), fileRecorder(record.id));
  }

  /** Restores forgotten notes of files that are in the folder (a folder removed earlier and connected again). */
  private async restorePresent(record: SourceRecord): Promise<void> {
    const paths = [...(await this.repo.liveFiles(record.id)).keys()];
    const forgotten = (await this.repo.notesOfFiles(paths)).filter((n) => n.forgotten);
    if (forgotten.length === 0) return;
    await this.deps.foregroundQuiet();
    await this.deps.db.transaction(async (tx) => {
      const service = new NotesService({ db: transactionScope(tx), onQueued: () => undefined });
      for (const note of forgotten) await service.restore(note.id);
    });
    this.deps.onQueued();
  }

  /** One sync at a time across folders. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.chain.then(work, work);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async connectable(request: AddSourceRequest): Promise<string> {
    if (this.closed) throw new EngramError('CLOSED', 'This memory has been closed; open it again.');
    if (typeof request?.path !== 'string' || !request.path.trim()) throw new EngramError('INVALID_INPUT', 'Say which folder to connect.');
    await this.load();
    const root = path.resolve(this.deps.cwd ?? process.cwd(), request.path);
    return checkConnectable(root, [...this.watches.values()].map((w) => ({ id: w.id, root: w.source.root })));
  }
}
