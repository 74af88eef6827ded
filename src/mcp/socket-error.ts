import type { SocketError } from './memory-socket-protocol';

/**
 * An error as the memory socket sends it: EngramErrors keep their name, code and message; anything else (a bug, a
 * disk error) keeps its name and message and is logged in full here. Never a stack: the server's files and lines
 * are its own business.
 */
export function socketError(error: unknown, log: (message: string, error: unknown) => void): SocketError {
  if (error instanceof Error && error.name === 'EngramError') {
    const code = (error as Error & { code?: unknown }).code;
    return typeof code === 'string' ? { name: error.name, message: error.message, code } : { name: error.name, message: error.message };
  }
  log('engram: unexpected error serving a memory socket call', error);
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}
