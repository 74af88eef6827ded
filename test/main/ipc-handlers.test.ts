// The IPC handler table over a real Engram (real PGlite on a temporary data directory, the real built-in model):
// every payload validated before the core sees it, values passed through, errors turned into typed readable ones.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engram } from '../../src/core/engine/engram';
import { openEngram } from '../../src/core/engine/open-engram';
import { isEngramError } from '../../src/core/errors';
import { createIpcHandlers, type IpcHandlerTable } from '../../src/main/ipc-handlers';
import { requestSchemas } from '../../src/main/ipc-schemas';
import { INVOKE_CHANNELS } from '../../src/shared/ipc-contract';
import { coreError, valueOf } from '../support/ipc-results';
import { openTempEngram, tempDir, testSeed } from '../support/temp-engram';

/** What the handlers wrote to their log. */
type Logged = { message: string; error: unknown };

let engram: Engram;
let dataDir: string;
let closeEngram: () => Promise<void>;
let handlers: IpcHandlerTable;
const logged: Logged[] = [];

beforeAll(async () => {
  ({ engram, dataDir, cleanup: closeEngram } = await openTempEngram());
  handlers = createIpcHandlers(engram, { log: (message, error) => logged.push({ message, error }) });
});
afterAll(async () => {
  await closeEngram?.();
});


/** A note row as the database holds it. */
async function noteRow(id: number): Promise<{ body: string; tags: string[]; deleted_at: Date | null } | undefined> {
  const { rows } = await engram.database.query<{ body: string; tags: string[]; deleted_at: Date | null }>('select body, tags, deleted_at from notes where id = $1', [id]);
  return rows[0];
}

async function noteCount(): Promise<number> {
  const { rows } = await engram.database.query<{ n: number }>('select count(*)::int as n from notes');
  return rows[0]!.n;
}

describe('IPC handlers over a real engine', () => {
  it('has a schema and a handler for every channel of the contract', () => {
    expect(Object.keys(handlers).sort()).toEqual([...INVOKE_CHANNELS].sort());
    expect(Object.keys(requestSchemas).sort()).toEqual([...INVOKE_CHANNELS].sort());
  });

  it('passes a valid payload to the core and returns its value', async () => {
    const before = await noteCount();
    const added = valueOf(await handlers['notes:add']({ body: 'The heron waited in the shallow estuary.', tags: ['a/b'] }));
    expect(added).toMatchObject({ duplicate: false, note: { body: 'The heron waited in the shallow estuary.', tags: ['a/b'], source: { kind: 'manual', path: null }, deletedAt: null } });
    const id = added.note.id;
    // the database really has it, and notes:get answers with the very note notes:add returned
    expect(await noteCount()).toBe(before + 1);
    expect(await noteRow(id)).toMatchObject({ body: 'The heron waited in the shallow estuary.', tags: ['a/b'], deleted_at: null });
    expect(valueOf(await handlers['notes:get']({ id }))).toEqual(added.note);
    expect(valueOf(await handlers['notes:add']({ body: 'The heron waited in the shallow estuary.', tags: ['a/b'] }))).toMatchObject({ duplicate: true, note: { id } });

    const updated = valueOf(await handlers['notes:update']({ id, changes: { body: 'The heron left the estuary at dusk.' } }));
    expect(updated).toMatchObject({ id, body: 'The heron left the estuary at dusk.', tags: ['a/b'] });
    expect((await noteRow(id))?.body).toBe('The heron left the estuary at dusk.');

    // recall options reach the core: keyword mode answers without the model, from the BM25 leg alone
    const recalled = valueOf(await handlers['recall:query']({ query: 'heron dusk', options: { mode: 'keyword', limit: 5, tags: ['a'] } }));
    expect(recalled.mode).toBe('keyword');
    expect(recalled.results.map((hit) => hit.id)).toEqual([id]);
    expect(recalled.results[0]!.why).toMatchObject({ keyword: { rank: 1 }, vector: null });

    const related = valueOf(await handlers['notes:related']({ id, limit: 3 }));
    expect(related).toMatchObject({ noteId: id, state: expect.stringMatching(/^(ready|not-embedded|partly-embedded)$/) });
    expect(await handlers['notes:related']({ id: 999_999 })).toMatchObject({ ok: false });

    expect(valueOf(await handlers['tags:list'](undefined))).toEqual(expect.arrayContaining([expect.objectContaining({ tag: 'a/b' })]));
    const status = valueOf(await handlers['status:get'](undefined));
    expect(status).toMatchObject({ dataDir, notes: await noteCount(), activeSpace: { provider: 'builtin' } });
  });

  it('rejects malformed payloads before they reach the core', async () => {
    const { id } = valueOf(await handlers['notes:add']({ body: 'A note the malformed requests must leave alone.' })).note;
    const notesBefore = await noteCount();
    const rowBefore = await noteRow(id);
    const statusBefore = valueOf(await handlers['status:get'](undefined));
    const bad: [keyof typeof handlers, unknown][] = [
      ['notes:get', { id: String(id) }],
      ['notes:get', { id: -1 }],
      ['notes:get', { id: 1.5 }],
      ['notes:get', null],
      ['notes:add', { body: 42 }],
      // each of these would store a note if it got through (the core ignores unknown fields and parses loose dates)
      ['notes:add', { body: 'x', extra: true }],
      ['notes:add', { body: 'x', createdAt: 'yesterday-ish' }],
      ['notes:add', { body: 'x', tags: ['fine', ''] }],
      ['notes:update', { id, changes: { body: 'overwritten' }, sneaky: 1 }],
      ['notes:update', { id, changes: { body: 'overwritten', author: 'someone else' } }],
      ['notes:forget', { id: String(id) }],
      ['notes:list', { limit: 0 }],
      ['recall:query', { query: 'x', options: { mode: 'psychic' } }],
      ['recall:query', { query: 'x', options: { limit: 1e9 } }],
      ['recall:query', 'just a string'],
      ['notes:related', { id, limit: 51 }],
      ['notes:related', { id, limit: 0 }],
      ['notes:related', { id: String(id) }],
      ['status:get', { sneaky: 1 }],
    ];
    for (const [channel, payload] of bad) {
      const result = await handlers[channel](payload);
      const what = `${channel} ${JSON.stringify(payload)}`;
      expect(result.ok, what).toBe(false);
      if (!result.ok) {
        expect(result.error.code, what).toBe('INVALID_REQUEST');
        expect(result.error.message, what).toContain(channel);
      }
    }
    // the core is untouched: no note added, changed or forgotten
    expect(await noteCount()).toBe(notesBefore);
    expect(await noteRow(id)).toEqual(rowBefore);
    const statusAfter = valueOf(await handlers['status:get'](undefined));
    expect({ notes: statusAfter.notes, forgotten: statusAfter.forgottenNotes, chunks: statusAfter.chunks }).toEqual({
      notes: statusBefore.notes,
      forgotten: statusBefore.forgottenNotes,
      chunks: statusBefore.chunks,
    });
  });

  it("keeps the core's error codes and messages", async () => {
    const missing = 2_000_000_000;
    const notFound = await handlers['notes:get']({ id: missing });
    expect(notFound).toEqual({ ok: false, error: await coreError(() => engram.getNote(missing)) });
    expect(notFound).toMatchObject({ error: { code: 'NOT_FOUND', message: expect.stringContaining(String(missing)) } });
    expect(await handlers['notes:forget']({ id: missing })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    // payloads the schema accepts but the core refuses
    const when = 'whenever the moon is blue';
    expect(await handlers['recall:query']({ query: 'heron', options: { when } })).toEqual({ ok: false, error: await coreError(() => engram.recall('heron', { when })) });
    expect(await handlers['recall:query']({ query: 'heron', options: { when } })).toMatchObject({ error: { code: 'INVALID_INPUT', message: expect.stringContaining(when) } });
    const farFuture = '+200000-01-01T00:00:00Z'; // a valid JavaScript date the database cannot store
    const before = await noteCount();
    expect(await handlers['notes:add']({ body: 'From the far future.', createdAt: farFuture })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining(farFuture) },
    });
    expect(await noteCount()).toBe(before);
    const empty = await handlers['notes:add']({ body: '   ' });
    expect(empty).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('empty') } });

    const first = valueOf(await handlers['notes:add']({ body: 'Duplicate me, said the first note.' })).note;
    const second = valueOf(await handlers['notes:add']({ body: 'I am the second note.' })).note;
    expect(await handlers['notes:update']({ id: second.id, changes: { title: first.title, body: first.body } })).toMatchObject({
      ok: false,
      error: { code: 'DUPLICATE_CONTENT', message: expect.stringContaining(`Note ${first.id}`) },
    });
    expect((await noteRow(second.id))?.body).toBe('I am the second note.');
    // none of these is unexpected, so nothing was logged
    expect(logged).toEqual([]);
  });

  it('asks the core for forgotten notes only, for the Forgotten view', async () => {
    const tag = 'forgotten-view';
    const kept = valueOf(await handlers['notes:add']({ body: 'Kept: the plum tree was pruned in March.', tags: [tag] })).note;
    const gone = valueOf(await handlers['notes:add']({ body: 'Forgotten: the old bike lock code.', tags: [tag] })).note;
    const older = valueOf(await handlers['notes:add']({ body: 'Forgotten too: the previous wifi password.', tags: [tag] })).note;
    const elsewhere = valueOf(await handlers['notes:add']({ body: 'Forgotten, but filed elsewhere: a parking spot.', tags: ['elsewhere'] })).note;
    expect(valueOf(await handlers['notes:forget']({ id: elsewhere.id })).deletedAt).not.toBeNull();
    expect(valueOf(await handlers['notes:forget']({ id: older.id })).deletedAt).not.toBeNull();
    expect(valueOf(await handlers['notes:forget']({ id: gone.id })).deletedAt).not.toBeNull();
    expect((await noteRow(gone.id))?.deleted_at).toBeInstanceOf(Date);

    const only = valueOf(await handlers['notes:list']({ forgotten: 'only', tags: [tag], limit: 1 }));
    expect(only).toMatchObject({ total: 2, offset: 0, limit: 1 });
    expect(only.notes).toHaveLength(1);
    expect(only.notes[0]!.deletedAt).not.toBeNull();
    const all = valueOf(await handlers['notes:list']({ forgotten: 'only', tags: [tag] }));
    expect(all.notes.map((n) => n.id).sort()).toEqual([gone.id, older.id].sort());
    expect(valueOf(await handlers['notes:list']({ tags: [tag] })).notes.map((n) => n.id)).toEqual([kept.id]);
    expect(valueOf(await handlers['notes:list']({ tags: [tag], forgotten: 'include' })).total).toBe(3);

    const restored = valueOf(await handlers['notes:restore']({ id: gone.id }));
    expect(restored).toMatchObject({ id: gone.id, deletedAt: null });
    expect((await noteRow(gone.id))?.deleted_at).toBeNull();
    expect(valueOf(await handlers['notes:list']({ forgotten: 'only', tags: [tag] })).notes.map((n) => n.id)).toEqual([older.id]);
  });

  it('reports a failure to open (the memory is locked by another holder)', async () => {
    // a second opener of this data directory is refused by the real lock, before anything is opened
    const failed = createIpcHandlers(openEngram({ dataDir, seed: testSeed() }));
    const result = await failed['status:get'](undefined);
    expect(result).toMatchObject({ ok: false, error: { code: 'DATA_DIR_LOCKED', message: expect.stringContaining(`pid ${process.pid}`) } });
    expect(valueOf(await handlers['status:get'](undefined)).dataDir).toBe(dataDir); // the holder is unaffected
  });

  it('waits for the engine while it opens, hides unexpected errors, and passes CLOSED through', async () => {
    const dir = tempDir();
    const log: Logged[] = [];
    let opened: Engram | null = null;
    const opening = openEngram({ dataDir: dir.dir, seed: testSeed() }).then((e) => (opened = e));
    try {
      const table = createIpcHandlers(opening, { log: (message, error) => log.push({ message, error }) });
      const pending = table['notes:add']({ body: 'Written while the memory was still opening.' });
      expect(opened).toBeNull();
      const answer = await pending;
      const engine = await opening;
      expect(answer).toMatchObject({ ok: true, value: { duplicate: false, note: { body: 'Written while the memory was still opening.' } } });
      expect((await engine.getNote(valueOf(answer).note.id)).body).toBe('Written while the memory was still opening.');

      // The database goes away under the engine (it does not know): PGlite's own error is not an EngramError.
      await engine.database.close();
      const internal = await table['status:get'](undefined);
      expect(internal).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'Something went wrong inside Engram. Details were written to the log.' } });
      expect(log).toHaveLength(1);
      expect(log[0]!.error).toBeInstanceOf(Error);
      expect(isEngramError(log[0]!.error)).toBe(false);
      const detail = String((log[0]!.error as Error).message);
      expect(detail).not.toBe('');
      if (!internal.ok) expect(internal.error.message).not.toContain(detail);

      // once closed, the engine's own CLOSED error passes through with its message, and is not logged
      await engine.close().catch(() => undefined); // closing the already closed database again fails; the lock is released
      expect(await table['notes:get']({ id: 1 })).toEqual({ ok: false, error: { code: 'CLOSED', message: 'This memory has been closed; open it again.' } });
      expect(log).toHaveLength(1);
    } finally {
      await opening.then((e) => e.close()).catch(() => undefined);
      dir.cleanup();
    }
  });
});
