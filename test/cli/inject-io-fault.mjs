// Preloaded into a CLI child process (node --import) to simulate a failing disk: creating any directory under
// ENGRAM_TEST_FAULT_DIR throws EIO, as a dying drive would. Used to check that internal errors exit 2.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const faultDir = process.env.ENGRAM_TEST_FAULT_DIR;
const originalMkdirSync = fs.mkdirSync;

fs.mkdirSync = function mkdirSync(target, ...rest) {
  if (faultDir && String(target).startsWith(faultDir)) {
    const error = new Error(`EIO: i/o error, mkdir '${String(target)}'`);
    error.code = 'EIO';
    error.errno = -5;
    error.syscall = 'mkdir';
    throw error;
  }
  return originalMkdirSync.call(this, target, ...rest);
};
syncBuiltinESMExports();
