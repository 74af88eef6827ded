import type { Transaction } from '@electric-sql/pglite';
import type { Database, Queryable } from '../db/queryable';
import { ImportJobsRepository } from '../db/repositories/import-jobs-repository';
import { EmbeddingQueueRepository } from '../db/repositories/embedding-queue-repository';
import { ImportNotesRepository, sourceKey } from '../db/repositories/import-notes-repository';
import { SpacesRepository } from '../db/repositories/spaces-repository';
import { indexLinks } from '../links/link-index';
import { NotesService } from '../notes/notes-service';
import type { FileOutcome, NoteOutcome } from './file-outcome';
import { foldProblems } from './fold-problems';
import type { ReportProblem } from './import-models';
import { decideNote } from './note-decision';
import { noteChunks } from './note-chunks';
import type { ParsedSourceFile } from './parse-source-file';
import type { PreparedNote } from './prepared-note';
import { transactionScope } from './transaction-scope';

/**
 * Records a batch's files in the batch's own transaction, beside (or instead of) an import job's checkpoint: a
 * connected folder keeps each file's size, time and inode this way, so its file table and its notes never disagree.
 */
export type FileRecorder = (db: Queryable, files: readonly ParsedSourceFile[], outcomes: readonly FileOutcome[]) => Promise<void>;

/** Chunk size when no embedding space exists (as in NotesService). */
const DEFAULT_CHUNK_CHARS = 1000;

/**
 * Stores parsed files: every note of the batch and the files' outcomes (the job's resume checkpoint) commit in one
 * transaction, so an interruption leaves either the whole batch or none of it. New notes are inserted in bulk (a few
 * statements per batch instead of several per note: ~4x faster), changed ones go through NotesService.update. If
 * the batch fails as a whole, each file is retried alone, and a file that still fails is recorded as failed.
 */
export class BatchWriter {
  constructor(private readonly db: Database) {}

  /**
   * Stores the batch for a job (null: no job, e.g. a connected folder's change). `seen` holds the note paths this job
   * has stored so far (a repeat fails) and grows. `recordFiles` also records the files in the same transaction.
   */
  async write(jobId: number | null, files: readonly ParsedSourceFile[], seen: Set<string>, recordFiles?: FileRecorder): Promise<FileOutcome[]> {
    const attempt = new Set(seen);
    try {
      const outcomes = await this.db.transaction((tx) => this.store(tx, jobId, files, attempt, recordFiles));
      for (const path of attempt) seen.add(path);
      return outcomes;
    } catch {
      const outcomes: FileOutcome[] = [];
      for (const file of files) outcomes.push(await this.writeAlone(jobId, file, seen, recordFiles));
      return outcomes;
    }
  }

  private async writeAlone(jobId: number | null, file: ParsedSourceFile, seen: Set<string>, recordFiles?: FileRecorder): Promise<FileOutcome> {
    const attempt = new Set(seen);
    try {
      const [outcome] = await this.db.transaction((tx) => this.store(tx, jobId, [file], attempt, recordFiles));
      for (const path of attempt) seen.add(path);
      return outcome!;
    } catch (error) {
      const reason = `could not be stored (${error instanceof Error ? error.message : String(error)})`;
      const outcome: FileOutcome = { path: file.file.absPath, notes: [], skipped: file.skipped, failed: [...file.failed, { path: file.file.absPath, reason }], warnings: file.warnings, attachments: file.attachments };
      if (jobId !== null) await new ImportJobsRepository(this.db).recordFiles(jobId, [{ path: outcome.path, outcome }]);
      return outcome;
    }
  }

  private async store(tx: Transaction, jobId: number | null, files: readonly ParsedSourceFile[], seen: Set<string>, recordFiles?: FileRecorder): Promise<FileOutcome[]> {
    const notes = new NotesService({ db: transactionScope(tx), onQueued: () => undefined });
    const lookups = new ImportNotesRepository(tx);
    const existing = await lookups.bySources(files.flatMap((f) => f.notes.map((n) => ({ kind: n.kind, path: n.path }))));
    const fresh: PreparedNote[] = [];
    const planned: { file: ParsedSourceFile; notes: (NoteOutcome | PreparedNote)[]; failed: ReportProblem[] }[] = [];
    for (const file of files) {
      const entries: (NoteOutcome | PreparedNote)[] = [];
      const failed: ReportProblem[] = [...file.failed];
      for (const note of file.notes) {
        if (seen.has(note.path)) {
          failed.push({ path: note.path, reason: 'the same source appears twice in this import (a repeated id?); only the first was stored' });
          continue;
        }
        seen.add(note.path);
        const decision = decideNote(note, existing.get(sourceKey(note.kind, note.path)));
        const base = { path: note.path, title: note.title, reason: decision.reason };
        if (decision.action === 'import') {
          fresh.push(note);
          entries.push(note);
        } else if (decision.action === 'update') {
          await notes.update(decision.noteId, { title: note.title, body: note.body, tags: note.tags });
          entries.push({ ...base, action: 'updated', noteId: decision.noteId });
        } else {
          entries.push({ ...base, action: 'unchanged', noteId: decision.noteId });
        }
      }
      planned.push({ file, notes: entries, failed: foldProblems(file.file.absPath, failed) });
    }
    const ids = await this.insertFresh(tx, fresh);
    const outcomes: FileOutcome[] = planned.map(({ file, notes: entries, failed }) => ({
      path: file.file.absPath,
      notes: entries.map((e) => ('action' in e ? e : { action: 'imported' as const, path: e.path, title: e.title, noteId: ids.get(e.path)!, reason: 'new' })),
      skipped: file.skipped,
      failed,
      warnings: file.warnings,
      attachments: file.attachments,
    }));
    if (jobId !== null) await new ImportJobsRepository(tx).recordFiles(jobId, outcomes.map((outcome) => ({ path: outcome.path, outcome })));
    await recordFiles?.(tx, files, outcomes);
    return outcomes;
  }

  /** Inserts new notes, their chunks, queue entries and link index in bulk; returns note ids by source path. */
  private async insertFresh(tx: Transaction, fresh: readonly PreparedNote[]): Promise<Map<string, number>> {
    if (fresh.length === 0) return new Map();
    const lookups = new ImportNotesRepository(tx);
    const ids = await lookups.insertNotes(
      fresh.map((n) => ({ title: n.title, body: n.body, tags: n.tags, sourceKind: n.kind, sourcePath: n.path, contentHash: n.contentHash, createdAt: n.createdAt ?? null })),
    );
    const spaces = await new SpacesRepository(tx).receiving();
    const maxChars = spaces.length ? Math.min(...spaces.map((s) => s.maxInputChars)) : DEFAULT_CHUNK_CHARS;
    const chunkIds = await lookups.insertChunks(fresh.flatMap((n) => noteChunks(ids.get(n.path)!, n.title, n.body, maxChars, n.blocks)));
    await new EmbeddingQueueRepository(tx).enqueue(chunkIds, spaces.map((s) => s.id));
    const linked = fresh.map((n) => ({ note: { id: ids.get(n.path)!, title: n.title, body: n.body, sourceKind: n.kind, sourcePath: n.path }, parsed: n.noteLinks }));
    await indexLinks(tx, linked, true);
    return ids;
  }
}
