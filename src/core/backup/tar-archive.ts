// Packing a folder into a .tar.gz and unpacking one, as streams: node-tar builds and reads the archive, and Node's own
// zlib (which compresses on the thread pool) does the gzip, so a large database never blocks the calling thread.
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { PRIVATE_FILE_MODE } from '../db/data-dir-access';

/**
 * gzip level 1: database pages (and float vectors above all) compress little whatever the level, and level 1 is
 * several times faster than the default 6.
 */
const GZIP_LEVEL = 1;

/** Packs everything inside `dir` (paths relative to it) into a gzip-compressed tar file at `file` (mode 0600). */
export async function packDirectory(dir: string, file: string): Promise<void> {
  const entries = fs.readdirSync(dir);
  const tar = await import('tar'); // loaded when a backup is made, not by every command that opens the memory
  const pack = tar.create({ cwd: dir, portable: true }, entries);
  await pipeline(pack, zlib.createGzip({ level: GZIP_LEVEL }), fs.createWriteStream(file, { mode: PRIVATE_FILE_MODE }));
}

/**
 * Unpacks a .tar.gz into `dir` (which must exist). node-tar refuses absolute paths and `..`, so an archive cannot
 * write outside `dir`.
 */
export async function unpackArchive(file: string, dir: string): Promise<void> {
  const tar = await import('tar');
  await pipeline(fs.createReadStream(file), zlib.createGunzip(), tar.extract({ cwd: dir, strict: true }));
}
