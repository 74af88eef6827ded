// One connected folder while the memory is open: its watcher, its queue of changes (one sync at a time), and its
// state (catching up, watching, offline, waiting for a confirmation, error), announced as events.
import fs from 'node:fs';
import path from 'node:path';
import type { SourceRecord } from '../db/repositories/sources-repository';
import type { ReportProblem } from '../import/import-models';
import { ChangeSettler } from './change-settler';
import { FolderUnavailableError } from './disk-view';
import { watchFolder, watchProblem, type FolderWatch } from './folder-watcher';
import type { SourceChangeCounts, SourceEvent, SourceState, SourceSummary, SourceSyncReport } from './source-models';
import type { SourceSync, SyncOutcome } from './source-sync';

/** How long a folder must be quiet before its changes are read (editors write a file in several steps). */
export const SETTLE_MS = 150;
/** Changes are read at the latest this long after the first one, even if the folder keeps changing. */
const MAX_SETTLE_MS = 2000;
/** A file still being written is looked at again this many times before it is read anyway. */
const MAX_HOT_RETRIES = 20;
/** How often an offline folder is looked for, besides the change events of the folder above it. */
const OFFLINE_RECHECK_MS = 30_000;
/** State events while catching up are sent at most this often. */
const PROGRESS_EVENT_MS = 250;

/** What one folder's watch needs from the engine. */
export interface SourceWatchDeps {
  readonly sync: SourceSync;
  /** Watch the folder live (the app, `sources watch`, `engram mcp`); false for short CLI commands. */
  readonly live: boolean;
  readonly emit: (event: SourceEvent) => void;
  /** Runs one sync at a time across every folder (they share the database and the disk). */
  readonly exclusive: <T>(work: () => Promise<T>) => Promise<T>;
  /** Runs (or resumes) the folder's first pass, the import; resolves true once it completed. */
  readonly firstPass: (record: SourceRecord) => Promise<boolean>;
  /** Live notes of the folder now. */
  readonly noteCount: (record: SourceRecord) => Promise<number>;
  /** Quiet time before reading changes (default SETTLE_MS). */
  readonly settleMs?: number;
}

/** A queued sync: what to look at, and who waits for it. */
interface Pending {
  full: boolean;
  paths: Set<string>;
  confirm: boolean;
  hotMs: number | null;
  waiters: { resolve: (report: SourceSyncReport) => void; reject: (error: unknown) => void }[];
}

const NO_CHANGES: SourceChangeCounts = { added: 0, updated: 0, moved: 0, forgotten: 0, restored: 0, unchanged: 0, failed: 0 };

/** A connected folder kept current: watched live, its changes settled, synced one at a time, its state announced. */
export class SourceWatch {
  private state: SourceState;
  private reason: string | null = null;
  private progress: { done: number; total: number } | null = null;
  private problems: readonly ReportProblem[] = [];
  private readonly conflicts = new Set<string>();
  private pending = new Set<string>();
  private pendingNotes = 0;
  private watch: FolderWatch | null = null;
  private rootWatch: { close(): void } | null = null;
  private readonly settler: ChangeSettler;
  private readonly hotRetries = new Map<string, number>();
  private queued: Pending | null = null;
  private running: Promise<void> | null = null;
  private readonly abort = new AbortController();
  private lastProgressEvent = 0;
  private closed = false;

  constructor(
    private record: SourceRecord,
    private readonly deps: SourceWatchDeps,
  ) {
    this.state = deps.live ? 'catching-up' : 'idle';
    this.settler = new ChangeSettler(deps.settleMs ?? SETTLE_MS, MAX_SETTLE_MS, (paths) => void this.request({ paths }).catch(() => undefined));
  }

  /** The folder's id. */
  get id(): number {
    return this.record.id;
  }

  /** The folder as stored. */
  get source(): SourceRecord {
    return this.record;
  }

  /** Starts watching (when live) and catches up with what changed while nothing watched. */
  async start(): Promise<SourceSyncReport> {
    if (this.deps.live) await this.subscribe();
    return this.request({ full: true });
  }

  /** Brings the folder up to date now (all of it); `confirm` lets a held-back forget go ahead. */
  syncNow(confirm: boolean): Promise<SourceSyncReport> {
    return this.request({ full: true, confirm });
  }

  /** Looks at these paths now (after the note's file was written from Engram: nothing to wait for). */
  syncPaths(paths: readonly string[]): Promise<SourceSyncReport> {
    return this.request({ paths: new Set(paths), hotMs: 0 });
  }

  /** The folder as lists show it. */
  async summary(): Promise<SourceSummary> {
    return {
      id: this.record.id,
      root: this.record.root,
      format: this.record.format as SourceSummary['format'],
      state: this.state,
      reason: this.reason,
      progress: this.progress,
      notes: await this.deps.noteCount(this.record),
      lastChangeAt: this.record.lastChangeAt,
      conflicts: this.conflicts.size,
      pendingForget: this.pendingNotes,
      problems: this.problems,
    };
  }

  /** Sync-conflict copies found in the folder. */
  conflictPaths(): string[] {
    return [...this.conflicts];
  }

  /** Stops watching and waits for the sync in progress to stop (it commits what it stored). */
  async close(): Promise<void> {
    this.closed = true;
    this.abort.abort();
    this.settler.close();
    this.rootWatch?.close();
    this.rootWatch = null;
    await this.watch?.close();
    this.watch = null;
    await this.running?.catch(() => undefined);
    const waiters = this.queued?.waiters ?? [];
    this.queued = null;
    for (const waiter of waiters) waiter.reject(new Error('The memory is closing.'));
  }

  /** Queues a sync (merged with any already queued) and resolves with its report. */
  private request(what: { full?: boolean; paths?: ReadonlySet<string>; confirm?: boolean; hotMs?: number }): Promise<SourceSyncReport> {
    if (this.closed) return Promise.reject(new Error('The memory is closing.'));
    return new Promise((resolve, reject) => {
      const next = (this.queued ??= { full: false, paths: new Set(), confirm: false, hotMs: null, waiters: [] });
      next.full ||= what.full === true;
      for (const p of what.paths ?? []) next.paths.add(p);
      next.confirm ||= what.confirm === true;
      if (what.hotMs !== undefined) next.hotMs = Math.min(next.hotMs ?? what.hotMs, what.hotMs);
      next.waiters.push({ resolve, reject });
      this.running ??= this.drain().finally(() => (this.running = null));
    });
  }

  private async drain(): Promise<void> {
    while (this.queued && !this.closed) {
      const job = this.queued;
      this.queued = null;
      try {
        const report = await this.deps.exclusive(() => this.runOne(job));
        for (const waiter of job.waiters) waiter.resolve(report);
      } catch (error) {
        for (const waiter of job.waiters) waiter.reject(error);
      }
    }
  }

  private async runOne(job: Pending): Promise<SourceSyncReport> {
    const started = Date.now();
    if (this.closed) throw new Error('The memory is closing.');
    if (!this.record.firstPassDone) {
      this.setState('catching-up', null);
      try {
        this.record = { ...this.record, firstPassDone: await this.deps.firstPass(this.record) };
      } catch (error) {
        return this.failed(error, started);
      }
      if (!this.record.firstPassDone) return this.report(NO_CHANGES, started);
      this.settled(NO_CHANGES, []);
      if (!job.full && job.paths.size === 0) return this.finish(started, NO_CHANGES);
    }
    if (job.full) this.setState('catching-up', null);
    let outcome: SyncOutcome;
    try {
      outcome = await this.deps.sync.run(this.record, {
        scope: job.full ? 'full' : job.paths,
        pending: this.pending,
        confirmForget: job.confirm,
        hotMs: job.hotMs ?? (job.full ? 0 : (this.deps.settleMs ?? SETTLE_MS)),
        signal: this.abort.signal,
        onProgress: job.full ? (done, total) => this.onProgress(done, total) : undefined,
      });
    } catch (error) {
      return this.failed(error, started);
    }
    this.progress = null;
    this.absorb(outcome, job);
    if (outcome.noteIds.length) this.record = { ...this.record, lastChangeAt: new Date().toISOString() };
    this.settled(outcome.counts, outcome.noteIds);
    if (outcome.scopeFull && !job.full && this.deps.live && !this.closed) {
      // a folder appeared or went: the watcher's own record of paths may be stale, so start it afresh and look again
      await this.resubscribe();
      this.queued ??= { full: true, paths: new Set(), confirm: false, hotMs: null, waiters: [] };
      this.queued.full = true;
    }
    return this.finish(started, outcome.counts);
  }

  /** Takes in what a sync found: held-back forgets, conflicts, problems, files still being written. */
  private absorb(outcome: SyncOutcome, job: Pending): void {
    this.pending = new Set(outcome.pending);
    this.pendingNotes = outcome.pendingNotes;
    if (outcome.scopeFull) {
      this.conflicts.clear();
      this.problems = outcome.problems;
    } else {
      for (const p of outcome.looked) this.conflicts.delete(p);
      if (outcome.problems.length) this.problems = outcome.problems;
    }
    for (const p of outcome.conflicts) this.conflicts.add(p);
    for (const p of job.paths) if (!outcome.hot.includes(p)) this.hotRetries.delete(p);
    const later: string[] = [];
    const now: string[] = [];
    for (const p of outcome.hot) {
      const tries = (this.hotRetries.get(p) ?? 0) + 1;
      this.hotRetries.set(p, tries);
      (tries > MAX_HOT_RETRIES ? now : later).push(p);
    }
    if (later.length) this.settler.add(later);
    if (now.length) void this.request({ paths: new Set(now), hotMs: 0 }).catch(() => undefined);
    if (outcome.hold?.action === 'confirm') this.setState('waiting', outcome.hold.reason);
    else if (outcome.hold?.action === 'refuse') this.setState('offline', outcome.hold.reason);
    else this.setState(this.deps.live ? 'watching' : 'idle', null);
  }

  private finish(started: number, counts: SourceChangeCounts): SourceSyncReport {
    if (this.state === 'catching-up') this.setState(this.deps.live ? 'watching' : 'idle', null);
    return this.report(counts, started);
  }

  private report(counts: SourceChangeCounts, started: number): SourceSyncReport {
    return {
      sourceId: this.record.id,
      root: this.record.root,
      state: this.state,
      reason: this.reason,
      counts,
      pendingForget: this.pendingNotes,
      problems: this.problems,
      tookMs: Date.now() - started,
    };
  }

  /** A sync that could not run: the folder is offline or unreadable (watched for its return), or something broke. */
  private async failed(error: unknown, started: number): Promise<SourceSyncReport> {
    this.progress = null;
    if (this.closed) throw error;
    if (error instanceof FolderUnavailableError) {
      this.setState(error.state, error.message);
      await this.watch?.close();
      this.watch = null;
      if (this.deps.live) this.awaitReturn();
    } else {
      this.setState('error', error instanceof Error ? error.message : String(error));
    }
    this.settled(NO_CHANGES, []);
    return this.report(NO_CHANGES, started);
  }

  /** Starts the live watcher; a folder that is not there (or cannot be watched) goes offline or into error. */
  private async subscribe(): Promise<void> {
    try {
      this.watch = await watchFolder(
        this.record.root,
        (paths) => this.settler.add(paths),
        () => void this.request({ full: true }).catch(() => undefined),
      );
    } catch (error) {
      if (!fs.existsSync(this.record.root)) {
        this.setState('offline', `${this.record.root} is not there (an unmounted drive, or renamed or moved away?); its notes stay searchable until it is back.`);
        this.awaitReturn();
      } else {
        this.setState('error', `Cannot watch ${this.record.root}: ${watchProblem(error)}.`);
      }
    }
  }

  private async resubscribe(): Promise<void> {
    await this.watch?.close();
    this.watch = null;
    await this.subscribe();
  }

  /**
   * Waits for an offline folder to come back: the nearest folder above it that exists is watched (one level, no
   * recursion), with a slow recheck for drives whose mounting makes no event there.
   */
  private awaitReturn(): void {
    if (this.rootWatch || this.closed) return;
    let parent = path.dirname(this.record.root);
    while (!fs.existsSync(parent) && path.dirname(parent) !== parent) parent = path.dirname(parent);
    const check = (): void => {
      if (this.closed || !fs.existsSync(this.record.root)) return;
      this.rootWatch?.close();
      this.rootWatch = null;
      void this.subscribe().then(() => this.request({ full: true }).catch(() => undefined));
    };
    let watcher: fs.FSWatcher | null = null;
    try {
      watcher = fs.watch(parent, { persistent: false }, check);
      watcher.on('error', () => undefined);
    } catch {
      watcher = null;
    }
    const timer = setInterval(check, OFFLINE_RECHECK_MS);
    timer.unref();
    this.rootWatch = {
      close: () => {
        watcher?.close();
        clearInterval(timer);
      },
    };
  }

  private onProgress(done: number, total: number): void {
    this.progress = { done, total };
    const now = Date.now();
    if (now - this.lastProgressEvent < PROGRESS_EVENT_MS && done < total) return;
    this.lastProgressEvent = now;
    void this.announce();
  }

  private setState(state: SourceState, reason: string | null): void {
    if (this.state === state && this.reason === reason) return;
    this.state = state;
    this.reason = reason;
    void this.announce();
  }

  private async announce(): Promise<void> {
    if (this.closed) return;
    const source = await this.summary().catch(() => null);
    if (source && !this.closed) this.deps.emit({ type: 'state', source });
  }

  private settled(counts: SourceChangeCounts, noteIds: readonly number[]): void {
    if (!this.closed) this.deps.emit({ type: 'settled', sourceId: this.record.id, counts, noteIds });
  }
}
