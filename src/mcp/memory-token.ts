import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import { memoryTokenPath } from './memory-socket-path';

/** Writes a fresh random token readable only by this user (mode 0600) and returns it. */
export function createMemoryToken(dataDir: string): string {
  const file = memoryTokenPath(dataDir);
  const token = randomBytes(32).toString('hex');
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, token, { mode: 0o600 });
  fs.chmodSync(temp, 0o600); // the umask cannot widen it, but an existing file keeps its mode: set it explicitly
  fs.renameSync(temp, file);
  return token;
}

/** The token the running server wrote, or null when there is none. */
export function readMemoryToken(dataDir: string): string | null {
  try {
    return fs.readFileSync(memoryTokenPath(dataDir), 'utf8').trim() || null;
  } catch {
    return null;
  }
}

/** Compares a presented token with the expected one in constant time. */
export function tokenMatches(presented: unknown, expected: string): boolean {
  if (typeof presented !== 'string') return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
