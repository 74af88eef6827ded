import path from 'node:path';
import type { Database } from '../db/queryable';
import { ImportNotesRepository } from '../db/repositories/import-notes-repository';
import { kindsOf } from '../importers/source-format';
import type { FileOutcome } from './file-outcome';
import type { MissingEntry } from './import-models';
import type { ScannedSource } from './scan-source';

/**
 * Notes imported earlier from this source whose file or record is gone. Notes of files and folders that are still
 * there but were skipped or failed this time (too large, unreadable, malformed, excluded) are not missing.
 */
export async function findMissing(db: Database, source: ScannedSource, outcomes: readonly FileOutcome[]): Promise<{ id: number; path: string; title: string }[]> {
  const present = new Set<string>();
  const keptFiles = new Set<string>(source.skipped.map((s) => s.path));
  for (const outcome of outcomes) {
    for (const note of outcome.notes) present.add(note.path);
    for (const problem of [...outcome.failed, ...outcome.skipped]) present.add(problem.path);
    if (outcome.notes.length === 0) keptFiles.add(outcome.path);
  }
  const stored = await new ImportNotesRepository(db).underRoot(kindsOf(source.format), source.root, path.sep);
  return stored
    .filter((note) => !present.has(note.sourcePath) && !underKeptFile(note.sourcePath, keptFiles))
    .map((note) => ({ id: note.id, path: note.sourcePath, title: note.title }));
}

/** True when a note path is a kept file, a record of one (`file#key`), or lies in a kept (skipped) folder. */
function underKeptFile(notePath: string, kept: ReadonlySet<string>): boolean {
  if (kept.has(notePath)) return true;
  for (let i = 1; i < notePath.length; i++) {
    if ((notePath[i] === '#' || notePath[i] === path.sep) && kept.has(notePath.slice(0, i))) return true;
  }
  return false;
}

/** Missing notes as report entries, deleting them first when asked. */
export async function settleMissing(missing: readonly { id: number; path: string; title: string }[], purge: ((id: number) => Promise<void>) | null): Promise<MissingEntry[]> {
  const entries: MissingEntry[] = [];
  for (const note of missing) {
    if (purge) await purge(note.id);
    entries.push({ path: note.path, title: note.title, noteId: note.id, deleted: purge !== null });
  }
  return entries;
}
