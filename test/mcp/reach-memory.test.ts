// How a CLI command reaches the memory: straight to the holder's socket when the lock says a live holder serves it
// (without opening, which would load the engine only to find the lock taken), else open here.
import { describe, expect, it } from 'vitest';
import { EngramError } from '../../src/core/errors';
import type { MemorySocketApi } from '../../src/mcp/memory-socket-client';
import { reachMemory } from '../../src/mcp/reach-memory';

function remote(): MemorySocketApi & { held: number } {
  const api = { held: 0, hold: () => void api.held++ };
  return api as unknown as MemorySocketApi & { held: number };
}

describe('reachMemory', () => {
  it('connects to a serving holder without trying to open the memory', async () => {
    const socket = remote();
    const opened: string[] = [];
    const reached = await reachMemory({ open: async () => void opened.push('open'), connect: async () => socket, holderServes: () => true });
    expect(reached.via).toBe('socket');
    expect(opened).toEqual([]);
    expect(socket.held).toBe(1);
  });

  it('opens the memory when nobody serves it', async () => {
    const reached = await reachMemory({ open: async () => 'local', connect: async () => null, holderServes: () => false });
    expect(reached).toEqual({ via: 'opened', api: 'local' });
  });

  it('opens the memory when a stale lock still says it serves but nobody answers', async () => {
    const reached = await reachMemory({ open: async () => 'local', connect: async () => null, holderServes: () => true });
    expect(reached).toEqual({ via: 'opened', api: 'local' });
  });

  it('names the holder when it holds the memory without serving it', async () => {
    const locked = new EngramError('DATA_DIR_LOCKED', 'held by engram import (pid 1)');
    await expect(reachMemory({ open: async () => Promise.reject(locked), connect: async () => null, holderServes: () => false })).rejects.toThrow('held by engram import');
  });
});
