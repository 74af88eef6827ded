import type { AskEvent, AskRequest, ModelPullEvent } from '../../shared/ask-models';
import { AgentsService } from '../agents/agents-service';
import { AskService } from '../ask/ask-service';
import { AskSettingsStore } from '../ask/ask-settings';
import { AskThreadsRepository } from '../db/repositories/ask-threads-repository';
import { resolveOllamaHost } from '../embedding/ollama/ollama-host';
import { ModelPullController } from '../embedding/ollama/pull-controller';
import type { AgentAccess, EmbeddingChoice, EmbeddingProgress, EngramSettings, EngramStatus, NewNote, Note, NoteChanges, NoteFilter, RecallOptions } from '../../shared/models';
import { AutomaticBackups } from '../backup/automatic-backups';
import { BackupService } from '../backup/backup-service';
import type { MarkdownExportOptions } from '../export/markdown-export';
import type { FatalGuardState } from '../db/pglite-fatal-guard';
import { storageError } from '../db/storage-errors';
import { EmbeddingSetupService } from '../embedding/embedding-setup-service';
import { databaseDir } from '../db/data-dir';
import type { DataDirLock } from '../db/data-dir-lock';
import { directorySize } from '../db/open-database';
import type { Database } from '../db/queryable';
import { GrowthStatistics } from '../db/growth-statistics';
import { TableStatistics } from '../db/table-statistics';
import { ChunksRepository } from '../db/repositories/chunks-repository';
import { EmbeddingQueueRepository } from '../db/repositories/embedding-queue-repository';
import { NotesRepository } from '../db/repositories/notes-repository';
import { SearchRepository } from '../db/repositories/search-repository';
import { SettingsRepository } from '../db/repositories/settings-repository';
import { publicSpace, SpacesRepository, type SpaceRecord } from '../db/repositories/spaces-repository';
import type { ProviderRegistry } from '../embedding/provider-registry';
import { EngramError } from '../errors';
import { ImportController } from '../import/import-controller';
import type { ImportProgress, ImportRequest } from '../import/import-models';
import { ImportService } from '../import/import-service';
import { measureThroughput } from '../import/throughput-probe';
import { EmbeddingQueueRunner } from '../jobs/embedding-queue-runner';
import { ForegroundGate } from '../jobs/foreground-gate';
import { LinkBackfill } from '../links/link-backfill';
import { LinksRepository } from '../db/repositories/links-repository';
import { LinksService } from '../links/links-service';
import { NotesService } from '../notes/notes-service';
import type { Fusion } from '../recall/fusion-defaults';
import { RecallService } from '../recall/recall-service';
import { RelatedRepository } from '../db/repositories/related-repository';
import { RelatedService, type RelatedOptions } from '../related/related-service';
import { ReembedService } from '../reembed/reembed-service';
import { NoteFiles } from '../sources/note-files';
import type { AddSourceRequest, ConflictChoice, NewFileNote, SaveNoteFileRequest, SourceEvent } from '../sources/source-models';
import { SourcesService } from '../sources/sources-service';
import type { DrainOptions, EngramApi } from './engram-api';

/** The parts an Engram is assembled from (see open-engram.ts). */
export interface EngramParts {
  readonly dataDir: string;
  readonly db: Database;
  readonly lock: DataDirLock;
  readonly providers: ProviderRegistry;
  readonly schemaVersion: number;
  readonly fusion?: Fusion;
  /** How many recent query vectors recall keeps (see OpenEngramOptions). */
  readonly queryVectorCacheSize?: number;
  /** How long a replaced embedding space is kept for undo (default 7 days). */
  readonly undoPeriodMs?: number;
  /** Quiet time before a connected folder's changes are read (default 150 ms). */
  readonly settleMs?: number;
  /** What the guard on PGlite saw (a stopped database, a full disk); null when the guard could not be installed. */
  readonly guard?: FatalGuardState | null;
}

/** Notes per page when walking every note (exports). */
const EXPORT_PAGE = 200;

/**
 * The memory engine in one process: wires repositories into the notes, recall and queue services and exposes
 * them as EngramApi. It owns the database handle and the data-directory lock until close().
 */
export class Engram implements EngramApi {
  readonly spaces: SpacesRepository;
  readonly queue: EmbeddingQueueRepository;
  readonly search: SearchRepository;
  private readonly notesService: NotesService;
  /** Links and backlinks, resolved at read time. */
  private readonly linksService: LinksService;
  /** Indexes the links of notes stored before links were (an older memory), in the background. */
  private readonly linkBackfill: LinkBackfill;
  private readonly recallService: RecallService;
  private readonly relatedService: RelatedService;
  private readonly runner: EmbeddingQueueRunner;
  /** Settings, model choice and provider health. */
  readonly setup: EmbeddingSetupService;
  /** Model switches without search downtime. */
  readonly reembed: ReembedService;
  /** Per-agent MCP permissions. */
  readonly agents: AgentsService;
  /** Imports from folders, vaults and other apps' exports. */
  private readonly imports: ImportController;
  /** Connected folders, kept current while the memory is open. */
  private readonly sources: SourcesService;
  /** Folder notes' files: write-back, new files, sync conflicts. */
  private readonly noteFiles: NoteFiles;
  /** Answers from the notes with a local chat model, and its threads. */
  private readonly askService: AskService;
  private readonly askSettings: AskSettingsStore;
  private readonly askListeners = new Set<(event: AskEvent) => void>();
  /** Model pulls into Ollama started from the app. */
  private readonly pulls: ModelPullController;
  private readonly listeners = new Set<(progress: EmbeddingProgress) => void>();
  /** What the window (or an agent) asks goes before background writes (see ForegroundGate). */
  private readonly foreground = new ForegroundGate();
  /** Planner statistics (PGlite has no autovacuum to keep them fresh). */
  readonly statistics: TableStatistics;
  /** Refreshes them as single adds grow the tables (imports keep their own). */
  private readonly growth: GrowthStatistics;
  /** Backups of this memory (snapshots in the data directory's backups folder). */
  readonly backups: BackupService;
  private automaticBackups: AutomaticBackups | null = null;
  private closed = false;
  private sizeCache: { at: number; bytes: number } | null = null;

  /** The embedding providers handed out so far, one per space. */
  get providers(): ProviderRegistry {
    return this.parts.providers;
  }

  constructor(private readonly parts: EngramParts) {
    const { db, providers } = parts;
    this.statistics = new TableStatistics(db);
    this.growth = new GrowthStatistics(db);
    this.spaces = new SpacesRepository(db);
    this.queue = new EmbeddingQueueRepository(db);
    this.search = new SearchRepository(db);
    const providerFor = (space: SpaceRecord) => providers.forSpace(space);
    this.setup = new EmbeddingSetupService({ db, registry: providers, liveChunkCount: () => new ChunksRepository(db).countLive() });
    this.reembed = new ReembedService({
      db,
      dataDir: parts.dataDir,
      search: this.search,
      ollamaHost: () => this.setup.ollamaHostSetting(),
      notify: () => this.runner.notify(),
      onSwitched: () => this.setup.forgetHealth(),
      undoPeriodMs: parts.undoPeriodMs,
      foregroundQuiet: () => this.foreground.quiet(),
    });
    this.runner = new EmbeddingQueueRunner({
      db,
      queue: this.queue,
      spaces: this.spaces,
      providerFor,
      onProgress: (p) => this.emit(p),
      afterDrain: async (embedded) => {
        await this.statistics.noteChanges(embedded);
        await this.reembed.afterDrain();
      },
      foregroundQuiet: () => this.foreground.quiet(),
    });
    this.notesService = new NotesService({ db, onQueued: () => this.runner.notify() });
    this.linkBackfill = new LinkBackfill({ db, foregroundQuiet: () => this.foreground.quiet() });
    this.linksService = new LinksService({ links: new LinksRepository(db), notes: new NotesRepository(db) });
    this.recallService = new RecallService({
      notes: new NotesRepository(db),
      chunks: new ChunksRepository(db),
      search: this.search,
      spaces: this.spaces,
      queue: this.queue,
      providerFor,
      fusion: parts.fusion,
      queryVectorCacheSize: parts.queryVectorCacheSize,
    });
    this.relatedService = new RelatedService({
      related: new RelatedRepository(db),
      search: this.search,
      spaces: this.spaces,
      notes: new NotesRepository(db),
      chunks: new ChunksRepository(db),
      getNote: (id) => this.notesService.get(id),
    });
    this.agents = new AgentsService({ settings: new SettingsRepository(db), notes: new NotesRepository(db) });
    const ollamaUrl = () => resolveOllamaHost(this.setup.ollamaHostSetting()).url;
    this.askSettings = new AskSettingsStore(new SettingsRepository(db));
    this.askService = new AskService({
      recall: (query, options) => this.recall(query, options),
      notes: (ids) => new NotesRepository(db).getMany(ids),
      getNote: (id) => this.getNote(id),
      addNote: (note) => this.addNote(note),
      threads: new AskThreadsRepository(db),
      settings: this.askSettings,
      ollamaHost: ollamaUrl,
      emit: (event) => {
        for (const listener of this.askListeners) listener(event);
      },
    });
    this.pulls = new ModelPullController(ollamaUrl);
    this.backups = new BackupService({ db, dataDir: parts.dataDir, beforeSnapshot: () => this.foreground.quiet() });
    this.imports = new ImportController(
      new ImportService({
        db,
        dataDir: parts.dataDir,
        onQueued: () => this.runner.notify(),
        measureThroughput: async (texts) => {
          const space = await this.spaces.active();
          if (!space) throw new EngramError('EMBEDDING_UNAVAILABLE', 'No embedding model is set up, so embedding time cannot be estimated.');
          return measureThroughput(providerFor(space), texts);
        },
      }),
    );
    this.sources = new SourcesService({
      db,
      imports: this.imports,
      onQueued: () => this.runner.notify(),
      foregroundQuiet: () => this.foreground.quiet(),
      settleMs: parts.settleMs,
    });
    this.noteFiles = new NoteFiles({ db, sources: this.sources });
  }

  /** Watches every connected folder and catches each up with what changed while nothing watched (in the background). */
  startSources(): Promise<void> {
    return this.guard(() => this.sources.start());
  }

  /** The database handle, for benchmarks and maintenance tools that need repositories directly. */
  get database(): Database {
    return this.parts.db;
  }

  /** Indexes, in the background, the links of notes an earlier version stored without them (open does this). */
  startLinkBackfill(): void {
    this.linkBackfill.start();
  }

  /** Starts embedding queued chunks in the background (the app does; the CLI drains on demand). */
  startBackgroundEmbedding(): void {
    this.runner.startBackground();
  }

  /** Starts the daily automatic backup checks (the app and `engram mcp` do; see AutomaticBackups). */
  startAutomaticBackups(firstDelayMs?: number): void {
    if (this.automaticBackups) return;
    this.automaticBackups = new AutomaticBackups(
      () => this.guard(() => this.backups.runIfDue()),
      (error) => console.warn('engram: the automatic backup failed:', error instanceof Error ? error.message : error),
    );
    this.automaticBackups.start(firstDelayMs);
  }

  createBackup = () => this.guard(() => this.backups.create('manual'));
  listBackups = () => this.guard(async () => this.backups.overview());
  setAutomaticBackups = (on: boolean) => this.guard(async () => this.backups.setAutomatic(on));
  exportMarkdown = (dir: string, options?: MarkdownExportOptions) =>
    this.guard(async () => (await import('../export/markdown-export')).exportMarkdown(this.liveNotes(), dir, options)); // yaml loads only to export

  /** Every live note, a page at a time, by id. */
  private async *liveNotes(): AsyncGenerator<Note> {
    const notes = new NotesRepository(this.parts.db);
    for (let after = 0; ; ) {
      const page = await this.guard(() => notes.liveAfter(after, EXPORT_PAGE));
      yield* page;
      if (page.length < EXPORT_PAGE) return;
      after = page[page.length - 1]!.id;
    }
  }

  addNote = (note: NewNote) =>
    this.interactive(async () => {
      const added = await this.notesService.add(note);
      if (!added.duplicate) await this.growth.stored(1);
      return added;
    });
  /** Edits a note; a note from a connected folder is edited by writing its file (then read back from it). */
  updateNote = (id: number, changes: NoteChanges) =>
    this.guard(async () => (await this.noteFiles.update(id, changes)) ?? (await this.interactive(() => this.notesService.update(id, changes))));
  getNote = (id: number) => this.interactive(() => this.notesService.get(id));
  listNotes = (filter?: NoteFilter & { offset?: number; limit?: number }) => this.interactive(() => this.notesService.list(filter));
  resolveTitles = (targets: readonly string[]) =>
    this.guard(async () => {
      await this.linkBackfill.done(); // every note's names are indexed before a link is resolved against them
      return this.foreground.run(() => this.linksService.resolveTargets(targets));
    });
  noteLinks = (id: number) =>
    this.guard(async () => {
      await this.linkBackfill.done(); // an older memory's links are complete before any are shown (outside the gate it yields to)
      return this.foreground.run(() => this.linksService.noteLinks(id));
    });
  relatedNotes = (id: number, options?: RelatedOptions) => this.interactive(() => this.relatedService.related(id, options));
  forgetNote = (id: number) => this.interactive(() => this.notesService.forget(id));
  restoreNote = (id: number) => this.interactive(() => this.notesService.restore(id));
  purgeNote = (id: number) => this.interactive(() => this.notesService.purge(id));
  recall = (query: string, options?: RecallOptions) => this.interactive(() => this.recallService.recall(query, options));
  drainQueue = (options?: DrainOptions) => this.guard(() => this.runner.drain(options?.batchSize));
  previewImport = (request: ImportRequest, options?: { readonly chunksPerSecond?: number }) => this.guard(() => this.imports.previewImport(request, options));
  runImport = (request: ImportRequest) => this.guard(() => this.imports.runImport(request));
  cancelImport = () => this.guard(() => this.imports.cancelImport());
  resumeImport = (jobId: number) => this.guard(() => this.imports.resumeImport(jobId));
  unfinishedImports = () => this.interactive(() => this.imports.unfinishedImports());
  discardImport = (jobId: number) => this.guard(() => this.imports.discardImport(jobId));

  /** Subscribes to import progress; returns the unsubscribe function. */
  onImportProgress(listener: (progress: ImportProgress) => void): () => void {
    return this.imports.onImportProgress(listener);
  }

  listSources = () => this.interactive(() => this.sources.list());
  previewSource = (request: AddSourceRequest) => this.guard(() => this.sources.preview(request));
  addSource = (request: AddSourceRequest) => this.guard(() => this.sources.add(request));
  removeSource = (id: number, options?: { readonly keepNotes?: boolean }) => this.guard(() => this.sources.remove(id, options));
  syncSources = (id?: number, options?: { readonly confirmForget?: boolean }) => this.guard(() => this.sources.syncNow(id, options));
  noteFile = (noteId: number) => this.interactive(() => this.noteFiles.info(noteId));
  beginFileEdit = (noteId: number) => this.interactive(() => this.noteFiles.beginEdit(noteId));
  saveNoteFile = (request: SaveNoteFileRequest) => this.guard(() => this.noteFiles.save(request));
  createFileNote = (note: NewFileNote) => this.guard(() => this.noteFiles.create(note));
  resolveSyncConflict = (noteId: number, conflictPath: string, choice: ConflictChoice) => this.guard(() => this.noteFiles.resolveConflict(noteId, conflictPath, choice));

  /** Subscribes to connected-folder events (state changes, settled changes); returns the unsubscribe function. */
  onSourceEvent(listener: (event: SourceEvent) => void): () => void {
    return this.sources.onEvent(listener);
  }

  getSettings = () => this.interactive(() => this.setup.settings());
  updateSettings = (patch: Partial<EngramSettings>) => this.guard(() => this.setup.updateSettings(patch));
  ollamaDoctor = (model?: string) => this.guard(async () => this.setup.doctor(model, (await this.askSettings.get()).chatModel));

  ask = (request: AskRequest) => this.guard(() => this.askService.ask(request));
  stopAsk = (requestId: string) => this.guard(async () => this.askService.stop(requestId));
  listAskThreads = () => this.interactive(() => this.askService.listThreads());
  getAskThread = (id: number) => this.interactive(() => this.askService.getThread(id));
  deleteAskThread = (id: number) => this.guard(() => this.askService.deleteThread(id));
  saveAskAnswer = (turnId: number) => this.guard(() => this.askService.saveAnswer(turnId));
  getAskSettings = () => this.interactive(() => this.askSettings.get());
  updateAskSettings = (patch: { readonly chatModel?: string | null; readonly contextTokens?: number | null }) => this.guard(() => this.askSettings.update(patch));
  pullModel = (model: string) => this.guard(() => this.pulls.pull(model));
  cancelPull = () => this.guard(async () => this.pulls.cancel());

  /** Subscribes to the events of running questions; returns the unsubscribe function. */
  onAskEvent(listener: (event: AskEvent) => void): () => void {
    this.askListeners.add(listener);
    return () => this.askListeners.delete(listener);
  }

  /** Subscribes to model pull progress; returns the unsubscribe function. */
  onPullProgress(listener: (event: ModelPullEvent) => void): () => void {
    return this.pulls.onProgress(listener);
  }

  /** Picks the embedding model; a switch on an empty memory starts embedding into the new space at once. */
  chooseEmbedding = (choice: EmbeddingChoice) =>
    this.guard(async () => {
      const result = await this.setup.choose(choice);
      if (result.outcome === 'switched') this.runner.notify();
      return result;
    });

  planReembed = (choice: EmbeddingChoice) => this.guard(() => this.reembed.plan(choice));
  startReembed = (choice: EmbeddingChoice) => this.guard(() => this.reembed.start(choice));
  pauseReembed = () => this.guard(() => this.reembed.pause());
  resumeReembed = () => this.guard(() => this.reembed.resume());
  cancelReembed = () => this.guard(() => this.reembed.cancel());
  undoReembed = () => this.guard(() => this.reembed.undo());
  reembedStatus = () => this.guard(() => this.reembed.status());
  listSpaces = () => this.guard(() => this.reembed.list());
  purgeRetiredSpaces = () => this.guard(() => this.reembed.purgeRetired(true));

  /** Puts permanently failed embeddings of the active space back in line. */
  retryFailedEmbeddings = () =>
    this.guard(async () => {
      const space = await this.spaces.active();
      const count = space ? await this.queue.retryFailed(space.id) : 0;
      this.runner.notify();
      return count;
    });

  /** Counts, backlog, failures and the active space. */
  status = (): Promise<EngramStatus> =>
    this.interactive(async () => {
      const notes = await new NotesRepository(this.parts.db).counts();
      const chunks = await new ChunksRepository(this.parts.db).countLive();
      const space = await this.spaces.active();
      const backlog = space ? await this.queue.counts(space.id) : { pending: 0, failed: 0 };
      const done = space ? await this.queue.embeddedCount(space.id) : 0;
      const failures = space ? await this.queue.failures(space.id) : [];
      return {
        dataDir: this.parts.dataDir,
        schemaVersion: this.parts.schemaVersion,
        notes: notes.live,
        forgottenNotes: notes.forgotten,
        chunks,
        embeddings: { ...backlog, done },
        failures,
        activeSpace: space ? publicSpace(space) : null,
        provider: await this.setup.health(),
        databaseBytes: this.databaseBytes(),
      };
    });

  listTags = () => this.interactive(() => new NotesRepository(this.parts.db).tags());
  listAgents = () => this.interactive(() => this.agents.list());
  setAgentAccess = (name: string, access: AgentAccess | null) => this.guard(() => this.agents.setAccess(name, access));
  setDefaultAgentAccess = (access: AgentAccess) => this.guard(() => this.agents.setDefaultAccess(access));
  agentAccess = (name: string) => this.guard(() => this.agents.access(name));

  /** Subscribes to embedding progress; returns the unsubscribe function. */
  onProgress(listener: (progress: EmbeddingProgress) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Lets the current embedding batch finish, closes providers and the database, and releases the lock. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.askService.stopAll();
    this.pulls.cancel();
    try {
      await this.sources.close(); // watchers stop; a sync in progress commits its batch
      await this.automaticBackups?.stop();
      await this.backups.settle();
      await this.imports.stop(); // the current batch commits; the job stays resumable
      await this.linkBackfill.stop(); // the batch in progress commits; the rest waits for the next open
      await this.runner.stop();
      await this.parts.providers.close();
      await this.parts.db.close();
    } finally {
      this.parts.lock.release();
    }
  }

  /** The database's size on disk; the directory walk is cached for 10 s because the status bar polls. */
  private databaseBytes(): number {
    if (!this.sizeCache || Date.now() - this.sizeCache.at > 10_000) {
      this.sizeCache = { at: Date.now(), bytes: directorySize(databaseDir(this.parts.dataDir)) };
    }
    return this.sizeCache.bytes;
  }

  private emit(progress: EmbeddingProgress): void {
    for (const listener of this.listeners) listener(progress);
  }

  /**
   * Runs a call unless the memory is closed. Storage failures come out as what a person can act on (DISK_FULL); once
   * the database has stopped (see installFatalGuard) every call fails at once with the same error.
   */
  private guard<T>(work: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new EngramError('CLOSED', 'This memory has been closed; open it again.'));
    const { dataDir, guard = null } = this.parts;
    if (guard?.stopped) return Promise.reject(storageError(guard.stopped, dataDir, guard));
    return work().catch((error: unknown) => {
      throw storageError(error, dataDir, guard);
    });
  }

  /** A short call someone is waiting on (the window, an agent): background writes hold back until it ends. */
  private interactive<T>(work: () => Promise<T>): Promise<T> {
    return this.guard(() => this.foreground.run(work));
  }
}
