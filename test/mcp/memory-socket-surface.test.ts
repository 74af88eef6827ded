// What the memory socket serves to a token holder: only the methods `engram mcp` and the CLI call, and never a stack.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engram } from '../../src/core/engine/engram';
import { readMemoryToken } from '../../src/mcp/memory-token';
import { MemorySocketServer } from '../../src/mcp/memory-socket-server';
import { SOCKET_METHODS } from '../../src/mcp/memory-socket-methods';
import { openTempEngram } from '../support/temp-engram';

/** A raw newline-delimited JSON conversation with the socket, as any local process could hold one. */
class RawClient {
  private buffer = '';
  private readonly waiting: ((message: Record<string, unknown>) => void)[] = [];
  private readonly queued: Record<string, unknown>[] = [];
  /** Every line the server sent, as text. */
  readonly lines: string[] = [];

  private constructor(private readonly socket: net.Socket) {
    socket.setEncoding('utf8').on('data', (text: string) => {
      this.buffer += text;
      let newline = this.buffer.indexOf('\n');
      while (newline !== -1) {
        const line = this.buffer.slice(0, newline);
        this.buffer = this.buffer.slice(newline + 1);
        newline = this.buffer.indexOf('\n');
        this.lines.push(line);
        const message = JSON.parse(line) as Record<string, unknown>;
        const waiter = this.waiting.shift();
        if (waiter) waiter(message);
        else this.queued.push(message);
      }
    });
  }

  static connect(socketPath: string): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(socketPath, () => resolve(new RawClient(socket)));
      socket.once('error', reject);
    });
  }

  send(message: unknown): void {
    this.socket.write(`${JSON.stringify(message)}\n`);
  }

  next(): Promise<Record<string, unknown>> {
    const queued = this.queued.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  close(): void {
    this.socket.destroy();
  }
}

describe('the memory socket serves only what its clients call', () => {
  let app: { engram: Engram; dataDir: string; cleanup: () => Promise<void> };
  let server: MemorySocketServer;
  let noteId: number;

  beforeAll(async () => {
    app = await openTempEngram();
    server = await MemorySocketServer.start({ dataDir: app.dataDir, api: app.engram });
    noteId = (await app.engram.addNote({ body: 'A note nobody may purge over the socket.' })).note.id;
  });
  afterAll(async () => {
    await server?.close();
    await app?.cleanup();
  });

  const authenticated = async (): Promise<RawClient> => {
    const client = await RawClient.connect(server.socketPath);
    client.send({ type: 'hello', token: readMemoryToken(app.dataDir) });
    expect(await client.next()).toMatchObject({ type: 'welcome' });
    return client;
  };

  it('refuses methods only the window uses (hard delete, edits, failed-embedding retries, import bookkeeping, close)', async () => {
    const client = await authenticated();
    try {
      const refused = ['purgeNote', 'updateNote', 'retryFailedEmbeddings', 'discardImport', 'resumeImport', 'unfinishedImports', 'close', 'constructor', '__proto__'];
      for (const [i, method] of refused.entries()) {
        client.send({ type: 'call', id: i + 1, method, args: method === 'updateNote' ? [noteId, { body: 'changed' }] : [noteId] });
        const answer = await client.next();
        expect(answer, method).toMatchObject({ type: 'error', id: i + 1, error: { name: 'EngramError', code: 'INVALID_INPUT' } });
        expect((answer.error as { message: string }).message, method).toMatch(/not served on the memory socket/);
      }
      const note = await app.engram.getNote(noteId);
      expect(note).toMatchObject({ body: 'A note nobody may purge over the socket.', deletedAt: null });
    } finally {
      client.close();
    }
  });

  it('serves what engram mcp and the CLI call', async () => {
    const client = await authenticated();
    try {
      client.send({ type: 'call', id: 1, method: 'getNote', args: [noteId] });
      expect(await client.next()).toMatchObject({ type: 'result', id: 1, value: { id: noteId } });
      client.send({ type: 'call', id: 2, method: 'status', args: [] });
      expect(await client.next()).toMatchObject({ type: 'result', id: 2 });
    } finally {
      client.close();
    }
    expect(Object.keys(SOCKET_METHODS)).not.toContain('purgeNote');
  });

  it('sends no stack traces: not for internal errors, not for core errors, not when refusing a token', async () => {
    const client = await authenticated();
    try {
      client.send({ type: 'call', id: 1, method: 'addNote', args: [null] }); // a TypeError inside the engine
      const internal = await client.next();
      expect(internal).toMatchObject({ type: 'error', id: 1 });
      expect(internal.error).not.toHaveProperty('stack');
      client.send({ type: 'call', id: 2, method: 'getNote', args: [987_654] });
      const notFound = await client.next();
      expect(notFound).toMatchObject({ type: 'error', id: 2, error: { code: 'NOT_FOUND' } });
      expect(notFound.error).not.toHaveProperty('stack');
    } finally {
      client.close();
    }
    const stranger = await RawClient.connect(server.socketPath);
    try {
      stranger.send({ type: 'hello', token: 'guess' });
      const refused = await stranger.next();
      expect(refused).toMatchObject({ type: 'refused' });
      expect(refused.error).not.toHaveProperty('stack');
    } finally {
      stranger.close();
    }
    expect(client.lines.join('\n')).not.toMatch(/\bat .+:\d+:\d+\)?/);
  });

  it('gives a client without the token a few kilobytes, not the 64 MB a note may take', async () => {
    const stranger = await RawClient.connect(server.socketPath);
    try {
      stranger.send({ type: 'hello', token: 'x'.repeat(100_000) });
      expect(await stranger.next()).toMatchObject({ type: 'refused', error: { message: expect.stringMatching(/too long/) } });
    } finally {
      stranger.close();
    }
  });
});
