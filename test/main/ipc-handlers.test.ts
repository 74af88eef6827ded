// The IPC handler table: every payload validated before the core sees it, errors turned into typed readable ones.
import { describe, expect, it, vi } from 'vitest';
import type { EngramApi } from '../../src/core/engine/engram-api';
import { EngramError } from '../../src/core/errors';
import { createIpcHandlers } from '../../src/main/ipc-handlers';
import { requestSchemas } from '../../src/main/ipc-schemas';
import { INVOKE_CHANNELS } from '../../src/shared/ipc-contract';
import type { Note } from '../../src/shared/models';

const note = (id: number, deletedAt: string | null = null): Note => ({
  id,
  title: `n${id}`,
  body: 'b',
  tags: [],
  source: { kind: 'manual', path: null },
  contentHash: 'h',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  deletedAt,
  author: 'you',
});

function fakeEngine(overrides: Partial<EngramApi> = {}): EngramApi {
  const notImplemented = (): never => {
    throw new Error('not used');
  };
  return new Proxy(overrides as EngramApi, {
    get: (target, prop: string) => (prop in target ? target[prop as keyof EngramApi] : prop === 'then' ? undefined : notImplemented),
  });
}

describe('IPC handlers', () => {
  it('has a schema and a handler for every channel of the contract', () => {
    const handlers = createIpcHandlers(fakeEngine());
    expect(Object.keys(handlers).sort()).toEqual([...INVOKE_CHANNELS].sort());
    expect(Object.keys(requestSchemas).sort()).toEqual([...INVOKE_CHANNELS].sort());
  });

  it('passes a valid payload to the core and returns its value', async () => {
    const addNote = vi.fn(async () => ({ note: note(1), duplicate: false }));
    const handlers = createIpcHandlers(fakeEngine({ addNote }));
    const result = await handlers['notes:add']({ body: 'hello', tags: ['a/b'] });
    expect(result).toEqual({ ok: true, value: { note: note(1), duplicate: false } });
    expect(addNote).toHaveBeenCalledWith({ body: 'hello', tags: ['a/b'] });
  });

  it('rejects malformed payloads before they reach the core', async () => {
    const engine = fakeEngine({ getNote: vi.fn(), recall: vi.fn(), addNote: vi.fn(), status: vi.fn() });
    const handlers = createIpcHandlers(engine);
    const bad: [keyof typeof handlers, unknown][] = [
      ['notes:get', { id: '1' }],
      ['notes:get', { id: -1 }],
      ['notes:get', { id: 1.5 }],
      ['notes:get', null],
      ['notes:add', { body: 42 }],
      ['notes:add', { body: 'x', extra: true }],
      ['notes:add', { body: 'x', createdAt: 'yesterday-ish' }],
      ['recall:query', { query: 'x', options: { mode: 'psychic' } }],
      ['recall:query', { query: 'x', options: { limit: 1e9 } }],
      ['recall:query', 'just a string'],
      ['status:get', { sneaky: 1 }],
    ];
    for (const [channel, payload] of bad) {
      const result = await handlers[channel](payload);
      expect(result.ok, `${channel} ${JSON.stringify(payload)}`).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('INVALID_REQUEST');
        expect(result.error.message).toContain(channel);
      }
    }
    expect(engine.getNote).not.toHaveBeenCalled();
    expect(engine.recall).not.toHaveBeenCalled();
    expect(engine.addNote).not.toHaveBeenCalled();
    expect(engine.status).not.toHaveBeenCalled();
  });

  it('keeps core error codes and messages, and hides unexpected errors', async () => {
    const log = vi.fn();
    const handlers = createIpcHandlers(
      fakeEngine({
        getNote: async () => {
          throw new EngramError('NOT_FOUND', 'No note with id 7.');
        },
        status: async () => {
          throw new TypeError('cannot read properties of undefined (secret internals)');
        },
      }),
      { log },
    );
    expect(await handlers['notes:get']({ id: 7 })).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'No note with id 7.' } });
    const internal = await handlers['status:get'](undefined);
    expect(internal).toEqual({ ok: false, error: { code: 'INTERNAL', message: expect.not.stringContaining('secret') } });
    expect(log).toHaveBeenCalledTimes(1);
  });

  it('waits for the engine while it opens, and reports a failure to open', async () => {
    let open!: (engine: EngramApi) => void;
    const handlers = createIpcHandlers(new Promise<EngramApi>((resolve) => (open = resolve)));
    const pending = handlers['notes:get']({ id: 1 });
    open(fakeEngine({ getNote: async (id) => note(id) }));
    expect(await pending).toEqual({ ok: true, value: note(1) });

    const failed = createIpcHandlers(Promise.reject(new EngramError('DATA_DIR_LOCKED', 'The CLI holds the memory.')));
    expect(await failed['status:get'](undefined)).toEqual({ ok: false, error: { code: 'DATA_DIR_LOCKED', message: 'The CLI holds the memory.' } });
  });

  it('asks the core for forgotten notes only, for the Forgotten view', async () => {
    const page = { notes: [note(4, '2026-03-01T00:00:00.000Z')], total: 1, offset: 0, limit: 1 };
    const listNotes = vi.fn(async () => page);
    const handlers = createIpcHandlers(fakeEngine({ listNotes }));
    expect(await handlers['notes:list']({ forgotten: 'only', limit: 1 })).toEqual({ ok: true, value: page });
    expect(listNotes).toHaveBeenCalledWith(expect.objectContaining({ onlyForgotten: true, offset: 0, limit: 1 }));
  });
});
