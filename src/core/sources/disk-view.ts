// What a connected folder holds now, as a sync needs to see it: the files it may read (with the size and time the
// walk saw before reading), the paths left out whose notes stay, and sync-conflict copies. Either the whole folder
// (the importers' own walk, with their ignore rules) or just the paths a watcher reported.
import fs from 'node:fs/promises';
import path from 'node:path';
import { IgnoreRules } from '../importers/ignore-rules';
import type { RequestedFormat } from '../importers/source-format';
import { errorCode, walkSource, type WalkedFile, type WalkSkip } from '../importers/walk-source';
import type { SourceRecord } from '../db/repositories/sources-repository';
import { isInside, relativeInside } from './folder-paths';
import { conflictOriginal, isSyncArtifact, SYNC_CONFLICT_PATTERNS } from './sync-conflict-names';

/** A folder (or part of it) as it is on disk now. */
export interface DiskView {
  /** Files a sync may read, by absolute path. */
  readonly present: Map<string, WalkedFile>;
  /** Paths that are there but left out (too large, unreadable, excluded, hidden): their notes stay as they are. */
  readonly kept: Set<string>;
  /** Why files were left out (shown with the folder). */
  readonly skipped: readonly WalkSkip[];
  /** Sync-conflict copies seen. */
  readonly conflicts: readonly string[];
  /** Paths of the scope that are not there. */
  readonly absent: Set<string>;
  /** Files modified a moment ago (maybe still being written): not read now, looked at again shortly. Also kept. */
  readonly hot: Set<string>;
}

/** The folder cannot be read as a whole: it is missing, not a folder, or unreadable. */
export class FolderUnavailableError extends Error {
  override readonly name = 'FolderUnavailableError';
  constructor(
    message: string,
    /** 'offline' for a folder that is not there (an unmounted drive, renamed away), 'error' for one that cannot be read. */
    readonly state: 'offline' | 'error',
  ) {
    super(message);
  }
}

/** The request that reads a connected folder exactly as `import` would (its format, excludes, size limit). */
export function folderRequest(source: SourceRecord): { path: string; format: RequestedFormat; exclude: string[]; maxFileBytes?: number } {
  return {
    path: source.root,
    format: (source.format === 'mixed' ? 'auto' : source.format) as RequestedFormat,
    exclude: folderExcludes(source.options.exclude),
    maxFileBytes: source.options.maxFileBytes ?? undefined,
  };
}

/** A folder's exclude patterns plus sync tools' conflict copies (shown as conflicts, never read as notes). */
export function folderExcludes(exclude: readonly string[] | undefined): string[] {
  return [...(exclude ?? []), ...SYNC_CONFLICT_PATTERNS];
}

/** Throws FolderUnavailableError unless the folder is there, is a folder and can be listed. */
export async function checkFolder(root: string): Promise<void> {
  const stat = await fs.stat(root).catch((error: unknown) => {
    const code = errorCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new FolderUnavailableError(`${root} is not there (an unmounted drive, or renamed or moved away?); its notes stay searchable until it is back.`, 'offline');
    throw new FolderUnavailableError(`${root} cannot be read (${code}).`, 'error');
  });
  if (!stat.isDirectory()) throw new FolderUnavailableError(`${root} is no longer a folder; its notes stay searchable until it is back.`, 'offline');
  await fs.access(root, fs.constants.R_OK | fs.constants.X_OK).catch((error: unknown) => {
    throw new FolderUnavailableError(`${root} cannot be read (${errorCode(error)}); check its permissions.`, 'error');
  });
}

/** The whole folder, walked as `import` walks it. */
export async function scanFolder(source: SourceRecord, signal?: AbortSignal): Promise<DiskView> {
  await checkFolder(source.root);
  // the format was settled when the folder was connected: a folder opened in Obsidian later keeps its notes' kind
  const request = folderRequest(source);
  const scanned = await walkSource(source.root, { maxFileBytes: request.maxFileBytes, exclude: request.exclude, signal });
  const conflicts = scanned.skipped.filter((s) => conflictOriginal(s.path)).map((s) => s.path);
  const skipped = scanned.skipped.filter((s) => !isSyncArtifact(s.path));
  return {
    present: new Map(scanned.files.map((f) => [f.absPath, f])),
    kept: new Set(skipped.map((s) => s.path)),
    skipped,
    conflicts,
    absent: new Set(),
    hot: new Set(),
  };
}

/**
 * Only the paths a watcher reported (a file modified less than `hotMs` ago is left for later). Returns 'full' when they cannot be judged one by one: a folder appeared or
 * went (a sub-folder moved), the root itself changed, or ignore rules changed (a .gitignore).
 */
export async function viewPaths(
  source: SourceRecord,
  paths: ReadonlySet<string>,
  options: { readonly knownFolder: (dir: string) => Promise<boolean>; readonly hotMs: number },
): Promise<DiskView | 'full'> {
  await checkFolder(source.root);
  const rules = new PathRules(source.root, folderRequest(source).exclude);
  const view: DiskView = { present: new Map(), kept: new Set(), skipped: [], conflicts: [], absent: new Set(), hot: new Set() };
  const skipped: WalkSkip[] = [];
  const conflicts: string[] = [];
  const listings = new Map<string, Promise<Set<string> | null>>();
  for (const p of paths) {
    if (p === source.root || !isInside(source.root, p)) return 'full';
    if (path.basename(p) === '.gitignore') return 'full';
    const stat = await fs.lstat(p).catch(() => null);
    const listed = stat ? await listing(listings, path.dirname(p)) : null;
    if (!stat || !listed?.has(path.basename(p))) {
      // gone (or only there in another letter case, on a case-insensitive disk): a folder with files in it went too
      if (await options.knownFolder(p)) return 'full';
      view.absent.add(p);
      continue;
    }
    if (stat.isDirectory()) return 'full';
    if (conflictOriginal(p) && !path.basename(p).startsWith('.')) {
      conflicts.push(p);
      continue;
    }
    if (await rules.leftOut(p, false)) {
      view.kept.add(p);
      continue;
    }
    const walked = await walkSource(p, { maxFileBytes: source.options.maxFileBytes ?? undefined }).catch((error: unknown) => ({
      files: [] as WalkedFile[],
      skipped: [{ path: p, reason: `cannot be read (${errorCode(error)})` }],
    }));
    for (const file of walked.files) {
      if (Date.now() - file.mtime.getTime() < options.hotMs) {
        view.hot.add(p);
        view.kept.add(p);
      } else view.present.set(p, { ...file, relPath: relativeInside(source.root, p) });
    }
    for (const skip of walked.skipped) {
      view.kept.add(p);
      skipped.push(skip);
    }
  }
  return { ...view, skipped, conflicts };
}

/** The names in a folder, exactly as written (null when it cannot be listed). */
function listing(cache: Map<string, Promise<Set<string> | null>>, dir: string): Promise<Set<string> | null> {
  let names = cache.get(dir);
  if (!names) {
    names = fs.readdir(dir).then((entries) => new Set(entries), () => null);
    cache.set(dir, names);
  }
  return names;
}

/** The walk's rules for single paths: hidden names, the caller's excludes, and every .gitignore on the way down. */
class PathRules {
  private readonly base: IgnoreRules;
  private readonly cache = new Map<string, Promise<IgnoreRules>>();

  constructor(
    private readonly root: string,
    patterns: readonly string[],
  ) {
    this.base = IgnoreRules.root(root, patterns);
  }

  /** Why the walk would leave this path out, or null. */
  async leftOut(absPath: string, isDirectory: boolean): Promise<string | null> {
    const segments = path.relative(this.root, absPath).split(path.sep);
    if (segments.some((s) => s.startsWith('.'))) return 'hidden';
    let dir = this.root;
    for (const [i, segment] of segments.entries()) {
      const target = path.join(dir, segment);
      if ((await this.rulesIn(dir)).excludes(target, i < segments.length - 1 || isDirectory)) return 'excluded by .gitignore-style rules';
      dir = target;
    }
    return null;
  }

  private rulesIn(dir: string): Promise<IgnoreRules> {
    let rules = this.cache.get(dir);
    if (!rules) {
      rules = dir === this.root ? this.base.enter(dir) : this.rulesIn(path.dirname(dir)).then((parent) => parent.enter(dir));
      this.cache.set(dir, rules);
    }
    return rules;
  }
}
