import path from 'node:path';
import type { Database } from '../db/queryable';
import { ImportNotesRepository, type ImportedNoteState } from '../db/repositories/import-notes-repository';
import { kindsOf } from '../importers/source-format';
import type { FileOutcome } from './file-outcome';
import type { MissingEntry } from './import-models';
import type { ScannedSource } from './scan-source';

/** A stored note whose file or record is gone. */
export interface MissingNote {
  readonly id: number;
  readonly path: string;
  readonly title: string;
}

/** The missing notes of a source, and how many live notes the source has (what a share of it is measured against). */
export interface MissingNotes {
  readonly missing: readonly MissingNote[];
  readonly sourceNotes: number;
}

/**
 * Notes imported earlier from this source whose file or record is gone. Notes of files and folders that are still
 * there but were skipped or failed this time (too large, unreadable, malformed, excluded) are not missing, nor are
 * notes the person already forgot.
 */
export async function findMissing(db: Database, source: ScannedSource, outcomes: readonly FileOutcome[]): Promise<MissingNotes> {
  const present = new Set<string>();
  const keptFiles = new Set<string>(source.skipped.map((s) => s.path));
  for (const outcome of outcomes) {
    for (const note of outcome.notes) present.add(note.path);
    let folded = false;
    for (const problem of [outcome.failed, outcome.skipped].flat()) {
      present.add(problem.path);
      folded ||= problem.records !== undefined;
    }
    // no notes, or problems summed up without their record paths (see fold-problems.ts): keep every note of the file
    if (outcome.notes.length === 0 || folded) keptFiles.add(outcome.path);
  }
  const live = (await storedUnder(db, source)).filter((note) => !note.forgotten);
  const missing = live
    .filter((note) => !present.has(note.sourcePath) && !underKeptFile(note.sourcePath, keptFiles))
    .map((note) => ({ id: note.id, path: note.sourcePath, title: note.title }));
  return { missing, sourceNotes: live.length };
}

/** How many live notes came from this source (its root and everything under it). */
export async function liveNotesUnder(db: Database, source: Pick<ScannedSource, 'format' | 'root'>): Promise<number> {
  return (await storedUnder(db, source)).filter((note) => !note.forgotten).length;
}

function storedUnder(db: Database, source: Pick<ScannedSource, 'format' | 'root'>): Promise<ImportedNoteState[]> {
  return new ImportNotesRepository(db).underRoot(kindsOf(source.format), source.root, path.sep);
}

/** True when a note path is a kept file, a record of one (`file#key`), or lies in a kept (skipped) folder. */
function underKeptFile(notePath: string, kept: ReadonlySet<string>): boolean {
  if (kept.has(notePath)) return true;
  for (let i = 1; i < notePath.length; i++) {
    if ((notePath[i] === '#' || notePath[i] === path.sep) && kept.has(notePath.slice(0, i))) return true;
  }
  return false;
}

/** Missing notes as report entries; `forgotten` when they were forgotten (by `forget`, given only when allowed). */
export async function settleMissing(missing: readonly MissingNote[], forget: ((ids: readonly number[]) => Promise<void>) | null): Promise<MissingEntry[]> {
  if (forget && missing.length) await forget(missing.map((note) => note.id));
  return missing.map((note) => ({ path: note.path, title: note.title, noteId: note.id, forgotten: forget !== null }));
}
