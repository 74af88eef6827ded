// Preloaded into a CLI child process (node --import) to simulate a disk that fills up: writes to files under
// ENGRAM_TEST_DISK_DIR succeed until ENGRAM_TEST_DISK_FREE_BYTES bytes have been written, then fail with ENOSPC, as
// the kernel's write() does on a full disk. With ENGRAM_TEST_DISK_STATFS=1, statfs under that folder reports the
// bytes still free. ENGRAM_TEST_DISK_ONLY=TEXT limits the failures to files whose path contains TEXT (e.g. pg_wal: the
// disk fills up just as Postgres writes its log, where a real full disk first bites a growing log). PGlite writes through these synchronous calls (Emscripten's NODEFS), so Postgres meets the full
// disk where a real one would.
import fs from 'node:fs';
import path from 'node:path';
import { syncBuiltinESMExports } from 'node:module';

const dir = process.env.ENGRAM_TEST_DISK_DIR ? path.resolve(process.env.ENGRAM_TEST_DISK_DIR) : null;
let free = Number(process.env.ENGRAM_TEST_DISK_FREE_BYTES ?? '0');
const reportStatfs = process.env.ENGRAM_TEST_DISK_STATFS === '1';
const only = process.env.ENGRAM_TEST_DISK_ONLY ?? '';
const under = (target) => dir !== null && path.resolve(String(target)).startsWith(dir);
const fdPaths = new Map();

function noSpace(syscall) {
  const error = new Error(`ENOSPC: no space left on device, ${syscall}`);
  error.code = 'ENOSPC';
  error.errno = -28;
  error.syscall = syscall;
  return error;
}

const { openSync, closeSync, writeSync, statfsSync } = fs;
fs.openSync = function (target, ...rest) {
  const fd = openSync.call(this, target, ...rest);
  if (under(target) && String(target).includes(only)) fdPaths.set(fd, String(target));
  return fd;
};
fs.closeSync = function (fd, ...rest) {
  fdPaths.delete(fd);
  return closeSync.call(this, fd, ...rest);
};
fs.writeSync = function (fd, buffer, ...rest) {
  if (fdPaths.has(fd)) {
    const length = typeof buffer === 'string' ? Buffer.byteLength(buffer) : typeof rest[1] === 'number' ? rest[1] : buffer.byteLength;
    if (length > free) throw noSpace('write');
    free -= length;
  }
  return writeSync.call(this, fd, buffer, ...rest);
};
fs.statfsSync = function (target, ...rest) {
  const stats = statfsSync.call(this, target, ...rest);
  if (!reportStatfs || !under(target)) return stats;
  return { ...stats, bavail: Math.floor(free / stats.bsize), bfree: Math.floor(free / stats.bsize) };
};
syncBuiltinESMExports();
