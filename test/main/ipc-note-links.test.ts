// The 'notes:links' channel over a real Engram: the payload validated before the core sees it, the NoteLinks passed
// through, and the core's NOT_FOUND kept.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engram } from '../../src/core/engine/engram';
import { createIpcHandlers, type IpcHandlerTable } from '../../src/main/ipc-handlers';
import { coreError, valueOf } from '../support/ipc-results';
import { openTempEngram } from '../support/temp-engram';

describe("IPC 'notes:links'", () => {
  let engram: Engram;
  let cleanup: () => Promise<void>;
  let handlers: IpcHandlerTable;
  beforeAll(async () => {
    ({ engram, cleanup } = await openTempEngram());
    handlers = createIpcHandlers(engram, { log: () => undefined });
  });
  afterAll(() => cleanup());

  it('answers with the note links the core gives', async () => {
    const { note: target } = await engram.addNote({ title: 'Garden', body: 'Tomatoes.' });
    const { note: source } = await engram.addNote({ title: 'Plans', body: 'Water the [[garden]].' });
    const links = valueOf(await handlers['notes:links']({ id: target.id }));
    expect(links).toEqual(await engram.noteLinks(target.id));
    expect(links.backlinks).toEqual([{ noteId: source.id, title: 'Plans', context: 'Water the garden.', count: 1 }]);
  });

  it('rejects a malformed payload and keeps the core NOT_FOUND', async () => {
    for (const payload of [{ id: '1' }, { id: 0 }, { id: 1, extra: true }, null]) {
      expect(await handlers['notes:links'](payload as never)).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    }
    expect(await handlers['notes:links']({ id: 2_000_000_000 })).toEqual({ ok: false, error: await coreError(() => engram.noteLinks(2_000_000_000)) });
  });
});
