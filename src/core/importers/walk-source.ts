import fs from 'node:fs/promises';
import type { Dirent, Stats } from 'node:fs';
import path from 'node:path';
import { IgnoreRules } from './ignore-rules';

/** A regular file found by the walk, not yet read. */
export interface WalkedFile {
  readonly absPath: string;
  /** Relative to the walk's root, `/`-separated (the file name when the root is a file). */
  readonly relPath: string;
  readonly size: number;
  readonly mtime: Date;
}

/** Something the walk left out, and why. */
export interface WalkSkip {
  readonly path: string;
  readonly reason: string;
}

/** Every file to consider, and what was left out. */
export interface WalkResult {
  readonly files: readonly WalkedFile[];
  readonly skipped: readonly WalkSkip[];
}

/** Walk options: size limit, extra .gitignore-style excludes, cancellation. */
export interface WalkOptions {
  /** Files larger than this are skipped (default 50 MB). */
  readonly maxFileBytes?: number;
  readonly exclude?: readonly string[];
  readonly signal?: AbortSignal;
}

/** Default size limit for one file. */
export const DEFAULT_MAX_FILE_BYTES = 50 * 1024 * 1024;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Lists the files under a directory (or the single file given), sorted, recursively. Hidden files and folders,
 * .gitignore-style excludes, empty and oversized files, special files (FIFOs, sockets, devices), broken links,
 * symlink loops, unreadable folders and names that are not valid UTF-8 are left out, each with a reason.
 * Symbolic links are followed; a folder reached twice (a loop, or two links to one place) is walked once.
 */
export async function walkSource(root: string, options: WalkOptions = {}): Promise<WalkResult> {
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const files: WalkedFile[] = [];
  const skipped: WalkSkip[] = [];
  const rootStat = await fs.stat(root);
  const check = (absPath: string, relPath: string, stat: Stats): void => {
    const reason = fileProblem(stat, maxBytes);
    if (reason) skipped.push({ path: absPath, reason });
    else files.push({ absPath, relPath, size: stat.size, mtime: stat.mtime });
  };
  if (!rootStat.isDirectory()) {
    check(root, path.basename(root), rootStat);
    return { files, skipped };
  }
  const visited = new Set<string>();
  const walk = async (dir: string, rel: string, rules: IgnoreRules, ancestors: readonly string[]): Promise<void> => {
    options.signal?.throwIfAborted();
    const real = await fs.realpath(dir);
    if (ancestors.includes(real)) return void skipped.push({ path: dir, reason: 'symlink loop (links back to a folder above it)' });
    if (visited.has(real)) return void skipped.push({ path: dir, reason: `already imported through another path (${real})` });
    visited.add(real);
    let entries: Dirent<Buffer>[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true, encoding: 'buffer' });
    } catch (error) {
      return void skipped.push({ path: dir, reason: `folder cannot be read (${errorCode(error)})` });
    }
    const here = await rules.enter(dir);
    const named = entries.map((entry) => ({ entry, name: validName(entry.name) })).sort((a, b) => compare(a.name ?? '', b.name ?? ''));
    const stats = await statEntries(dir, named);
    for (const [i, { entry, name }] of named.entries()) {
      if (name === null) {
        skipped.push({ path: path.join(dir, entry.name.toString('utf8')), reason: 'the file name is not valid UTF-8; rename it' });
        continue;
      }
      const absPath = path.join(dir, name);
      const relPath = rel ? `${rel}/${name}` : name;
      const stat = stats[i]!;
      if (!('isDirectory' in stat)) {
        skipped.push({ path: absPath, reason: linkProblem(stat.error) });
        continue;
      }
      const isDir = stat.isDirectory();
      if (name.startsWith('.')) {
        if (isDir) skipped.push({ path: absPath, reason: 'hidden folder' });
        continue;
      }
      if (here.excludes(absPath, isDir)) {
        skipped.push({ path: absPath, reason: `excluded by .gitignore-style rules` });
        continue;
      }
      if (isDir) await walk(absPath, relPath, here, [...ancestors, real]);
      else check(absPath, relPath, stat);
    }
  };
  await walk(root, '', IgnoreRules.root(root, options.exclude ?? []), []);
  return { files, skipped };
}

/** Entries stat'ed at once: each stat is a thread-pool round trip, and one after another each waited for the last. */
const STAT_CONCURRENCY = 64;

/** Each entry's Stats (following symbolic links), or the error; in the entries' order. */
async function statEntries(dir: string, named: readonly { entry: Dirent<Buffer>; name: string | null }[]): Promise<(Stats | { error: unknown })[]> {
  const out: (Stats | { error: unknown })[] = [];
  for (let i = 0; i < named.length; i += STAT_CONCURRENCY) {
    const slice = named.slice(i, i + STAT_CONCURRENCY).map(async ({ entry, name }): Promise<Stats | { error: unknown }> => {
      if (name === null) return { error: null };
      const absPath = path.join(dir, name);
      return (entry.isSymbolicLink() ? fs.stat(absPath) : fs.lstat(absPath)).catch((error: unknown) => ({ error }));
    });
    out.push(...(await Promise.all(slice)));
  }
  return out;
}

/** Why a file cannot be imported as it stands, or null. */
function fileProblem(stat: Stats, maxBytes: number): string | null {
  if (stat.isFIFO()) return 'not a regular file (a named pipe)';
  if (stat.isSocket()) return 'not a regular file (a socket)';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'not a regular file (a device)';
  if (!stat.isFile()) return 'not a regular file';
  if (stat.size === 0) return 'empty file (0 bytes)';
  if (stat.size > maxBytes) return `too large (${megabytes(stat.size)}; the limit is ${megabytes(maxBytes)})`;
  return null;
}

function linkProblem(error: unknown): string {
  const code = errorCode(error);
  if (code === 'ELOOP') return 'symlink loop';
  if (code === 'ENOENT') return 'broken symbolic link (its target does not exist)';
  return `cannot be read (${code})`;
}

function validName(name: Buffer): string | null {
  try {
    return strictUtf8.decode(name);
  } catch {
    return null;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}

/** The errno code of a file-system error (EACCES, ENOENT ...), or its message. */
export function errorCode(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code ?? (error instanceof Error ? error.message : String(error));
}
