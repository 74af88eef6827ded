// The window opens or reveals a folder note's file only through the IPC contract, and main acts only on a path the
// engine itself reports for that note (its file or one of its sync-conflict copies); every payload is validated.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engram } from '../../src/core/engine/engram';
import { createIpcHandlers, type IpcHandlerTable } from '../../src/main/ipc-handlers';
import { openTempEngram, tempDir } from '../support/temp-engram';

let engram: Engram;
let close: () => Promise<void>;
let vault: string;
let removeVault: () => void;
let handlers: IpcHandlerTable;
const opened: string[] = [];
const revealed: string[] = [];

beforeAll(async () => {
  ({ engram, cleanup: close } = await openTempEngram());
  ({ dir: vault, cleanup: removeVault } = tempDir('engram-ipc-vault-'));
  fs.writeFileSync(path.join(vault, 'Plans.md'), 'Plans for the weekend.\n');
  fs.writeFileSync(path.join(vault, 'Plans.sync-conflict-20260102-101500-ABCDEF1.md'), 'Plans for the long weekend.\n');
  handlers = createIpcHandlers(engram, {
    log: () => undefined,
    shell: { openPath: async (p) => void opened.push(p), showItemInFolder: (p) => void revealed.push(p) },
  });
  const added = await handlers['sources:add']({ path: vault });
  expect(added.ok).toBe(true);
});

afterAll(async () => {
  await close();
  removeVault();
});

async function planId(): Promise<number> {
  const page = await engram.listNotes({ limit: 10 });
  return page.notes.find((n) => n.source.path === path.join(vault, 'Plans.md'))!.id;
}

describe('files:open and files:reveal', () => {
  it('open the note’s file and its conflict copy', async () => {
    const id = await planId();
    expect(await handlers['files:open']({ noteId: id })).toEqual({ ok: true, value: null });
    const copy = path.join(vault, 'Plans.sync-conflict-20260102-101500-ABCDEF1.md');
    expect(await handlers['files:reveal']({ noteId: id, path: copy })).toEqual({ ok: true, value: null });
    expect(opened).toEqual([path.join(vault, 'Plans.md')]);
    expect(revealed).toEqual([copy]);
  });

  it('refuse any other path, and a note that is not from a folder', async () => {
    const id = await planId();
    const other = await handlers['files:open']({ noteId: id, path: '/etc/passwd' });
    expect(other).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const { note } = await engram.addNote({ body: 'typed by hand' });
    expect(await handlers['files:reveal']({ noteId: note.id })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(opened).toHaveLength(1);
    expect(revealed).toHaveLength(1);
  });

  it('validate payloads', async () => {
    expect(await handlers['files:open']({ noteId: 'x' })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(await handlers['sources:add']({ path: '' })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(await handlers['notes:saveFile']({ noteId: 1, title: 't', text: 'x', tags: [], baseline: { path: '/x', hash: 'nothex' } })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST' },
    });
  });
});
