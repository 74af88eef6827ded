// Writing a note's file so that nobody (an editor, a sync client, Engram's own watcher) ever sees half of it: the
// new bytes go to a hidden temporary file beside it, are flushed to disk, and replace the file in one rename.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/** The hidden temporary file beside `target` (hidden names are never watched or imported). */
function tempBeside(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.engram-${randomBytes(6).toString('hex')}.tmp`);
}

/** Writes, flushes and closes a new file; removes it again if anything fails. */
async function writeTemp(temp: string, bytes: Buffer, mode: number): Promise<void> {
  const handle = await fs.open(temp, 'wx', mode);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await fs.rm(temp, { force: true });
    throw error;
  }
  await handle.close();
}

/** Flushes a folder's entry list (so the rename survives a power cut); not possible on every system. */
async function syncFolder(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r').catch(() => null);
  if (!handle) return;
  await handle.sync().catch(() => undefined);
  await handle.close().catch(() => undefined);
}

/** Replaces `target` with `bytes` atomically, keeping its permissions. */
export async function replaceFileAtomically(target: string, bytes: Buffer): Promise<void> {
  const mode = (await fs.stat(target)).mode & 0o7777;
  const temp = tempBeside(target);
  await writeTemp(temp, bytes, mode);
  try {
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
  await syncFolder(path.dirname(target));
}

/**
 * Gives `from` the new name `to` only if nothing is there yet: a hard link (which fails if the name is taken), or, on
 * file systems without hard links, a rename after a check. Resolves false when the name was taken. With `keep`, `from`
 * stays (the caller removes it); otherwise it is moved.
 */
async function linkToNew(from: string, to: string, keep: boolean): Promise<boolean> {
  try {
    await fs.link(from, to);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'ENOSYS') throw error;
    if (await fs.lstat(to).then(() => true, () => false)) return false;
    await fs.rename(from, to);
    return true;
  }
  if (!keep) await fs.unlink(from);
  return true;
}

/** Creates `target` with `bytes`, atomically, and only if nothing is there yet; resolves false when the name was taken. */
export async function createFileAtomically(target: string, bytes: Buffer): Promise<boolean> {
  const temp = tempBeside(target);
  await writeTemp(temp, bytes, 0o644);
  try {
    return await linkToNew(temp, target, true);
  } finally {
    await fs.rm(temp, { force: true });
    await syncFolder(path.dirname(target));
  }
}

/** Renames `from` to a new name that must not exist yet (resolves false when it does). */
export async function renameToNew(from: string, to: string): Promise<boolean> {
  const renamed = await linkToNew(from, to, false);
  if (renamed) await syncFolder(path.dirname(to));
  return renamed;
}
