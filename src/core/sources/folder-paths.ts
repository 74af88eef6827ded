// Where a folder may be connected: it must exist, be a readable folder, and not overlap a folder already connected.
import fs from 'node:fs/promises';
import path from 'node:path';
import { EngramError } from '../errors';
import { errorCode } from '../importers/walk-source';

/** True when `child` is `parent` or lies below it (absolute, normalised paths). */
export function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith(`..${path.sep}`) && rel !== '..' && !path.isAbsolute(rel));
}

/** A path inside a folder, `/`-separated. */
export function relativeInside(root: string, absPath: string): string {
  return path.relative(root, absPath).split(path.sep).join('/');
}

/** A connected folder as the overlap check sees it. */
export interface ConnectedRoot {
  readonly id: number;
  readonly root: string;
}

/**
 * Checks that a folder can be connected and returns its absolute path: it exists, is a folder, can be listed, and
 * neither is, lies inside, nor contains a folder already connected (compared as written and with links resolved).
 */
export async function checkConnectable(root: string, connected: readonly ConnectedRoot[]): Promise<string> {
  const stat = await fs.stat(root).catch((error: unknown) => {
    const code = errorCode(error);
    throw new EngramError('INVALID_INPUT', `Cannot connect ${root}: ${code === 'ENOENT' ? 'there is no folder there' : `it cannot be read (${code})`}.`);
  });
  if (!stat.isDirectory()) throw new EngramError('INVALID_INPUT', `Cannot connect ${root}: it is a file, not a folder. Import a single file with \`engram import\`.`);
  await fs.readdir(root).catch((error: unknown) => {
    throw new EngramError('INVALID_INPUT', `Cannot connect ${root}: the folder cannot be read (${errorCode(error)}). Check its permissions.`);
  });
  const real = await fs.realpath(root);
  for (const other of connected) {
    const otherReal = await fs.realpath(other.root).catch(() => other.root);
    const pairs: [string, string][] = [
      [other.root, root],
      [otherReal, real],
    ];
    if (pairs.some(([a, b]) => a === b)) throw new EngramError('INVALID_INPUT', `${root} is already connected (folder ${other.id}).`);
    if (pairs.some(([a, b]) => isInside(a, b))) {
      throw new EngramError('INVALID_INPUT', `${root} is inside ${other.root}, which is already connected (folder ${other.id}); its notes are kept current with it.`);
    }
    if (pairs.some(([a, b]) => isInside(b, a))) {
      throw new EngramError('INVALID_INPUT', `${root} contains ${other.root}, which is already connected (folder ${other.id}); remove that one first (engram sources remove ${other.id} --keep-notes).`);
    }
  }
  return root;
}
