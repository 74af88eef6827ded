import fs from 'node:fs/promises';
import type { Dirent, Stats } from 'node:fs';
import path from 'node:path';
import { formatBytes } from '../files/format-bytes';
import { specialKind } from '../files/read-regular-file';
import { IgnoreRules } from './ignore-rules';

/** A regular file found by the walk, not yet read. */
export interface WalkedFile {
  readonly absPath: string;
  /** Relative to the walk's root, `/`-separated (the file name when the root is a file). */
  readonly relPath: string;
  readonly size: number;
  readonly mtime: Date;
  /** Reached through a symbolic link (its target was checked to be inside the root, or links were allowed out). */
  readonly link: boolean;
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

/** Walk options: size limit, extra .gitignore-style excludes, following links out of the root, cancellation. */
export interface WalkOptions {
  /** Files larger than this are skipped (default 50 MB). */
  readonly maxFileBytes?: number;
  readonly exclude?: readonly string[];
  /** Follow symbolic links that lead outside the root too (default: only links whose target is inside it). */
  readonly followLinks?: boolean;
  readonly signal?: AbortSignal;
}

/** Default size limit for one file. */
export const DEFAULT_MAX_FILE_BYTES = 50 * 1024 * 1024;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Lists the files under a directory (or the single file given), sorted, recursively. Hidden files and folders,
 * .gitignore-style excludes, empty and oversized files, special files (FIFOs, sockets, devices), broken links,
 * symlink loops, unreadable folders and names that are not valid UTF-8 are left out, each with a reason.
 * Symbolic links are followed when their target is inside the root (the folder as it really is, links resolved);
 * a link leading out of it is left out with a reason unless `followLinks` is set, so a shared vault cannot pull
 * in a file from elsewhere on the machine. A folder reached twice (a loop, or two links to one place) is walked once.
 */
export async function walkSource(root: string, options: WalkOptions = {}): Promise<WalkResult> {
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const files: WalkedFile[] = [];
  const skipped: WalkSkip[] = [];
  const rootStat = await fs.stat(root);
  const check = (absPath: string, relPath: string, stat: Stats, link: boolean): void => {
    const reason = fileProblem(stat, maxBytes);
    if (reason) skipped.push({ path: absPath, reason });
    else files.push({ absPath, relPath, size: stat.size, mtime: stat.mtime, link });
  };
  if (!rootStat.isDirectory()) {
    check(root, path.basename(root), rootStat, false);
    return { files, skipped };
  }
  const rootReal = await fs.realpath(root);
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
      const entryStat = stats[i]!;
      if ('error' in entryStat) {
        skipped.push({ path: absPath, reason: linkProblem(entryStat.error) });
        continue;
      }
      const { stat, target } = entryStat;
      const isDir = stat.isDirectory();
      if (name.startsWith('.')) {
        if (isDir) skipped.push({ path: absPath, reason: 'hidden folder' });
        continue;
      }
      if (here.excludes(absPath, isDir)) {
        skipped.push({ path: absPath, reason: `excluded by .gitignore-style rules` });
        continue;
      }
      if (target !== null && !options.followLinks && !isInside(rootReal, target)) {
        skipped.push({ path: absPath, reason: `symbolic link leading outside the folder being imported (to ${target}); not followed unless links may lead out (engram import --follow-links)` });
        continue;
      }
      if (isDir) await walk(absPath, relPath, here, [...ancestors, real]);
      else check(absPath, relPath, stat, target !== null);
    }
  };
  await walk(root, '', IgnoreRules.root(root, options.exclude ?? []), []);
  return { files, skipped };
}

/** Entries stat'ed at once: each stat is a thread-pool round trip, and one after another each waited for the last. */
const STAT_CONCURRENCY = 64;

/** An entry's Stats (of the link's target for a symbolic link, whose resolved path is `target`), or why it has none. */
type EntryStat = { readonly stat: Stats; readonly target: string | null } | { readonly error: unknown };

/** Each entry's Stats (following symbolic links, resolved to their real path), or the error; in the entries' order. */
async function statEntries(dir: string, named: readonly { entry: Dirent<Buffer>; name: string | null }[]): Promise<EntryStat[]> {
  const out: EntryStat[] = [];
  for (let i = 0; i < named.length; i += STAT_CONCURRENCY) {
    const slice = named.slice(i, i + STAT_CONCURRENCY).map(async ({ entry, name }): Promise<EntryStat> => {
      if (name === null) return { error: null };
      const absPath = path.join(dir, name);
      try {
        if (!entry.isSymbolicLink()) return { stat: await fs.lstat(absPath), target: null };
        const [stat, target] = await Promise.all([fs.stat(absPath), fs.realpath(absPath)]);
        return { stat, target };
      } catch (error) {
        return { error };
      }
    });
    for (const result of await Promise.all(slice)) out.push(result);
  }
  return out;
}

/** True when `target` is `root` or lies below it (both real, resolved paths). */
function isInside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel === '' || (!rel.startsWith(`..${path.sep}`) && rel !== '..' && !path.isAbsolute(rel));
}

/** Why a file cannot be imported as it stands, or null. */
function fileProblem(stat: Stats, maxBytes: number): string | null {
  const kind = specialKind(stat);
  if (kind) return kind === 'other' ? 'not a regular file' : `not a regular file (a ${kind})`;
  if (stat.size === 0) return 'empty file (0 bytes)';
  if (stat.size > maxBytes) return `too large (${formatBytes(stat.size)}; the limit is ${formatBytes(maxBytes)})`;
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

/** The errno code of a file-system error (EACCES, ENOENT ...), or its message. */
export function errorCode(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code ?? (error instanceof Error ? error.message : String(error));
}
