// Copies sync tools leave beside a file that two machines changed at once. They belong to that file's note: shown
// as its conflicts, never imported as notes of their own.
import path from 'node:path';
import type { SyncConflictFile } from './source-models';

/** Syncthing: `name.sync-conflict-20240102-153012-ABCDEF1.md`. */
const SYNCTHING = /^(.*)\.sync-conflict-\d{8}-\d{6}-[A-Z0-9]{7}(\.[^.]*)?$/;
/** Dropbox, Nextcloud, ownCloud: `name (Ann's conflicted copy 2024-01-02).md`, `name (conflicted copy 2024-01-02 153012).md`. */
const CONFLICTED_COPY = /^(.*?) \([^()]*conflicted copy[^()]*(?:\(\d+\))?\)(\.[^.]*)?$/i;

/** .gitignore-style patterns that keep these copies out of a folder's walk (they are listed as conflicts instead). */
export const SYNC_CONFLICT_PATTERNS: readonly string[] = ['*.sync-conflict-*', '*conflicted copy*', '~syncthing~*'];

/** The file a sync-conflict copy belongs to (same folder), and which tool made it; null for an ordinary file. */
export function conflictOriginal(filePath: string): { readonly original: string; readonly tool: SyncConflictFile['tool'] } | null {
  const dir = path.dirname(filePath);
  const name = path.basename(filePath);
  const syncthing = SYNCTHING.exec(name);
  if (syncthing) return { original: path.join(dir, `${syncthing[1]}${syncthing[2] ?? ''}`), tool: 'syncthing' };
  const copy = CONFLICTED_COPY.exec(name);
  if (copy) return { original: path.join(dir, `${copy[1]}${copy[2] ?? ''}`), tool: /\(.*'s conflicted copy/i.test(name) ? 'dropbox' : 'other' };
  return null;
}

/** True for a sync tool's copy or temporary file (never a note of its own). */
export function isSyncArtifact(filePath: string): boolean {
  const name = path.basename(filePath);
  return conflictOriginal(filePath) !== null || name.startsWith('~syncthing~');
}
