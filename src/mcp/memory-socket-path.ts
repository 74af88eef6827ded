import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';

/** Longest Unix socket path that works everywhere (macOS allows 104 bytes including the terminator). */
const MAX_UNIX_SOCKET_PATH = 100;

/**
 * Where the app listens for `engram mcp`: a named pipe on Windows (named after the data directory), else
 * `engram.sock` in the data directory; if that path is too long for a Unix socket, a per-directory name in the
 * system's temporary folder (still mode 0600, and useless without the token).
 */
export function memorySocketPath(dataDir: string, platform: NodeJS.Platform = process.platform): string {
  const resolved = path.resolve(dataDir);
  const digest = createHash('sha256').update(resolved).digest('hex').slice(0, 16);
  if (platform === 'win32') return `\\\\.\\pipe\\engram-${digest}`;
  const inDataDir = path.join(resolved, 'engram.sock');
  if (Buffer.byteLength(inDataDir) <= MAX_UNIX_SOCKET_PATH) return inDataDir;
  return path.join(os.tmpdir(), `engram-${digest}.sock`);
}

/** The per-user token file a client must present: `mcp-token` in the data directory. */
export function memoryTokenPath(dataDir: string): string {
  return path.join(path.resolve(dataDir), 'mcp-token');
}
