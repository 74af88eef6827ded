// The channels for settings, re-embed, import, agents and dialogs over a real Engram (real PGlite on a temporary
// data directory, the real built-in model): validated before the core, passed through intact, core errors kept.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireDataDirLock } from '../../src/core/db/data-dir-lock';
import type { Engram } from '../../src/core/engine/engram';
import { openEngram } from '../../src/core/engine/open-engram';
import { createIpcHandlers, type IpcDialogs, type IpcHandlerTable } from '../../src/main/ipc-handlers';
import { isLockedByMcp, openWithMcpRetry } from '../../src/main/open-with-retry';
import { coreError, valueOf } from '../support/ipc-results';
import { stepLog } from '../support/step-log';
import { openTempEngram, tempDir, testSeed } from '../support/temp-engram';

let engram: Engram;
let closeEngram: () => Promise<void>;
let handlers: IpcHandlerTable;
/** A port nothing listens on: "Ollama" there is refused at once, whatever runs on this machine. */
let closedPort: number;
const sources = tempDir('engram-ipc-import-');
const saved = tempDir('engram-ipc-saved-');

/**
 * Stand-ins for Electron's native dialogs (the one part that cannot run here): the picker answers a fixed path,
 * and saving writes the text into a temporary folder, as the real save dialog does where the user points it.
 */
const dialogs: IpcDialogs = {
  pickSource: async (kind) => `/picked/${kind}`,
  saveText: async (text, suggestedName) => {
    const file = path.join(saved.dir, suggestedName);
    fs.writeFileSync(file, text);
    return file;
  },
};

beforeAll(async () => {
  ({ engram, cleanup: closeEngram } = await openTempEngram());
  handlers = createIpcHandlers(engram, { dialogs });
  closedPort = await new Promise<number>((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
});
afterAll(async () => {
  await closeEngram?.();
  sources.cleanup();
  saved.cleanup();
});


async function count(sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await engram.database.query<{ n: number }>(`select count(*)::int as n from (${sql}) as counted`, params);
  return rows[0]!.n;
}

/** The stored Ollama host setting (undefined when there is none). */
async function storedHost(): Promise<unknown> {
  const { rows } = await engram.database.query<{ value: unknown }>("select value from settings where key = 'ollama.host'");
  return rows[0]?.value;
}

/** A folder of small markdown notes to import. */
function markdownFolder(name: string, notes: Record<string, string>): string {
  const dir = path.join(sources.dir, name);
  fs.mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(notes)) fs.writeFileSync(path.join(dir, file), text);
  return dir;
}

/** Everything the channels below could change, read back from the core and the database. */
async function coreState() {
  return {
    notes: await count('select 1 from notes'),
    importJobs: await count('select 1 from import_jobs'),
    unfinished: valueOf(await handlers['import:unfinished'](undefined)),
    spaces: valueOf(await handlers['spaces:list'](undefined)).map((s) => ({ id: s.id, state: s.state, model: s.model })),
    reembed: valueOf(await handlers['reembed:status'](undefined)).phase,
    agents: valueOf(await handlers['agents:list'](undefined)),
    settings: valueOf(await handlers['settings:get'](undefined)),
    storedHost: await storedHost(),
    savedFiles: fs.readdirSync(saved.dir),
  };
}

describe('IPC: settings, re-embed, import, agents, dialogs', () => {
  it('validates embedding choices, import requests and agent access before the core sees them', async () => {
    const folder = markdownFolder('validation', { 'a.md': '# Alpha\n\nA note that must not be imported.' });
    const before = await coreState();
    // where a payload is only slightly off, it points at real things, so a request that got through would show
    const bad: [keyof typeof handlers, unknown][] = [
      ['embedding:choose', { provider: 'openai', model: 'x' }],
      ['embedding:choose', { provider: 'ollama' }],
      ['embedding:choose', { provider: 'ollama', model: 'm', dimensions: 0 }],
      ['embedding:choose', { provider: 'builtin', model: 'x' }],
      ['reembed:plan', { provider: 'builtin', extra: 1 }],
      ['reembed:start', { provider: 'builtin', model: 'x' }],
      ['reembed:pause', { now: true }],
      ['import:preview', { path: folder, extra: 1 }],
      ['import:run', { path: '' }],
      ['import:run', { path: folder, format: 'docx' }],
      ['import:run', { path: folder, deleteMissing: 'yes' }],
      ['import:run', { path: folder, exclude: [''] }],
      ['import:run', { path: folder, maxFileBytes: 0 }],
      ['import:run', folder],
      ['import:resume', { jobId: -1 }],
      ['import:discard', { jobId: '1' }],
      ['agents:setAccess', { name: 'claude', access: 'admin' }],
      ['agents:setAccess', { name: '', access: 'blocked' }],
      ['agents:setAccess', { name: 'claude', access: 'blocked', extra: true }],
      ['agents:setDefault', { access: 'root' }],
      ['agents:setDefault', { access: 'blocked', extra: true }],
      ['settings:update', { ollamaHost: 42 }],
      ['settings:update', { somethingElse: true }],
      ['settings:update', { ollamaHost: `http://127.0.0.1:${closedPort}`, somethingElse: true }],
      ['dialog:pickSource', { kind: 'anything' }],
      ['dialog:saveReport', { json: 1 }],
      ['dialog:saveReport', { json: '{}', suggestedName: 'r.json', extra: true }],
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
    expect(await coreState()).toEqual(before);
  });

  it('passes valid requests through and keeps core error codes', async () => {
    const host = `http://127.0.0.1:${closedPort}`;
    expect(valueOf(await handlers['settings:get'](undefined))).toEqual({ ollamaHost: null });
    expect(await handlers['settings:update']({ ollamaHost: ` ${host} ` })).toEqual({ ok: true, value: { ollamaHost: host } });
    expect(await storedHost()).toBe(host);
    expect(valueOf(await handlers['settings:get'](undefined))).toEqual({ ollamaHost: host });
    // a value the core refuses keeps its code and message, and the setting stays
    expect(await handlers['settings:update']({ ollamaHost: 'ftp://example.org' })).toEqual({
      ok: false,
      error: await coreError(() => engram.updateSettings({ ollamaHost: 'ftp://example.org' })),
    });
    expect(await handlers['settings:update']({ ollamaHost: 'ftp://example.org' })).toMatchObject({ error: { code: 'INVALID_INPUT', message: expect.stringContaining('ftp://example.org') } });
    expect(await storedHost()).toBe(host);

    // the choice reaches the core whole: it probes the model at the configured host, or refuses the width
    const spaces = valueOf(await handlers['spaces:list'](undefined));
    const unreachable = await handlers['embedding:choose']({ provider: 'ollama', model: 'nomic-embed-text', dimensions: 256 });
    expect(unreachable).toMatchObject({ ok: false, error: { code: 'EMBEDDING_UNAVAILABLE', message: expect.stringContaining('Cannot use that model') } });
    expect(await handlers['embedding:choose']({ provider: 'ollama', model: 'nomic-embed-text', dimensions: 5000 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('5000') },
    });
    const doctor = valueOf(await handlers['ollama:doctor']({ model: 'nomic-embed-text' }));
    expect(doctor).toMatchObject({ host, reachable: false, configuredModel: 'nomic-embed-text', ok: false });
    expect(valueOf(await handlers['embedding:choose']({ provider: 'builtin' }))).toMatchObject({ outcome: 'unchanged', activeSpace: { provider: 'builtin' } });
    expect(valueOf(await handlers['spaces:list'](undefined))).toEqual(spaces);

    // re-embed: the built-in model is already active, so there is nothing to build, undo or pause
    expect(valueOf(await handlers['reembed:plan']({ provider: 'builtin' }))).toMatchObject({ sameAsActive: true, chosen: { provider: 'builtin' } });
    expect(await handlers['reembed:start']({ provider: 'builtin' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('already the active space') } });
    expect(await handlers['reembed:undo'](undefined)).toEqual({ ok: false, error: await coreError(() => engram.undoReembed()) });
    expect(await handlers['reembed:undo'](undefined)).toMatchObject({ error: { code: 'NOT_FOUND', message: expect.stringContaining('no previous embedding space') } });
    for (const channel of ['reembed:pause', 'reembed:resume', 'reembed:cancel'] as const) {
      expect(await handlers[channel](undefined), channel).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringContaining('No re-embed is running') } });
    }
    expect(valueOf(await handlers['reembed:status'](undefined))).toMatchObject({ phase: 'idle', building: null });
    expect(valueOf(await handlers['spaces:purgeRetired'](undefined))).toEqual({ spaces: 0, reclaimedBytes: 0 });
    expect(valueOf(await handlers['spaces:list'](undefined))).toEqual(spaces);

    // agents: access is stored where the MCP server reads it
    expect(valueOf(await handlers['agents:setAccess']({ name: 'claude', access: 'read-only' }))).toMatchObject({ agents: [{ name: 'claude', access: 'read-only' }] });
    expect(await engram.agentAccess('claude')).toBe('read-only');
    expect(valueOf(await handlers['agents:setDefault']({ access: 'blocked' }))).toMatchObject({ defaultAccess: 'blocked' });
    expect(await engram.agentAccess('someone-new')).toBe('blocked');
    expect(await handlers['agents:setAccess']({ name: '   ', access: 'blocked' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('empty') } });
    // null: back to the default (the agent stays listed, as one that has been seen)
    expect(valueOf(await handlers['agents:setAccess']({ name: 'claude', access: null })).agents).toContainEqual(expect.objectContaining({ name: 'claude', access: 'blocked', usesDefault: true }));
    expect(valueOf(await handlers['agents:setDefault']({ access: 'read-write' }))).toEqual(valueOf(await handlers['agents:list'](undefined)));
    expect(await engram.agentAccess('claude')).toBe('read-write');

    // A blank host means "use OLLAMA_HOST or the default": the setting is cleared.
    expect(await handlers['settings:update']({ ollamaHost: '   ' })).toEqual({ ok: true, value: { ollamaHost: null } });
    expect(await storedHost()).toBeUndefined();
    expect(valueOf(await handlers['settings:get'](undefined))).toEqual({ ollamaHost: null });
    expect(await handlers['settings:update']({})).toEqual({ ok: true, value: { ollamaHost: null } });
  });

  it('previews, runs, cancels, resumes and discards imports of a markdown folder', async () => {
    // this test once timed out in CI and never here: if it does again, the failure names the step it waited in
    const step = stepLog();
    const folder = markdownFolder('notes', {
      'apples.md': '# Apples\n\nThe orchard gave forty kilos of apples this autumn.',
      'bees.md': '---\ntags: [garden]\n---\n# Bees\n\nThe hive swarmed in May.',
      'cider.md': '# Cider\n\nPress the apples, then wait three weeks.',
    });
    const notesIn = (dir: string) => count('select 1 from notes where source_path like $1 and deleted_at is null', [`${dir}%`]);

    step('a path that does not exist');
    // a path that does not exist: the core's own error, and nothing written
    const nowhere = path.join(sources.dir, 'no-such-folder');
    expect(await handlers['import:run']({ path: nowhere })).toEqual({ ok: false, error: await coreError(() => engram.runImport({ path: nowhere })) });
    expect(await handlers['import:preview']({ path: nowhere })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('there is nothing there') } });
    expect(await handlers['import:resume']({ jobId: 999_999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: 'There is no import 999999.' } });

    step('preview (measures the model’s throughput)');
    // preview: what would happen, writing nothing
    const preview = valueOf(await handlers['import:preview']({ path: folder, exclude: ['cider.md'] }));
    expect(preview.counts).toMatchObject({ files: 2, imported: 2, updated: 0, unchanged: 0 });
    expect(preview.samples.map((s) => s.title).sort()).toEqual(['Apples', 'Bees']);
    expect(await notesIn(folder)).toBe(0);
    expect(await count('select 1 from import_jobs')).toBe(0);

    step('run, cancelled as soon as the job exists');
    // cancel as soon as the job exists: the run answers with a cancelled report and the job waits to be resumed
    let cancelled: ReturnType<IpcHandlerTable['import:cancel']> | null = null;
    const unsubscribe = engram.onImportProgress((p) => {
      if (p.phase === 'importing' && !cancelled) cancelled = handlers['import:cancel'](undefined);
    });
    let stopped;
    try {
      stopped = valueOf(await handlers['import:run']({ path: folder, exclude: ['cider.md'] }));
    } finally {
      unsubscribe();
    }
    expect(await cancelled).toEqual({ ok: true, value: true });
    expect(stopped).toMatchObject({ state: 'cancelled', source: { path: folder } });
    expect(valueOf(await handlers['import:unfinished'](undefined))).toEqual([expect.objectContaining({ jobId: stopped.jobId, path: folder, state: 'cancelled' })]);
    expect(await handlers['import:cancel'](undefined)).toEqual({ ok: true, value: false }); // nothing is running now

    step('resume');
    const resumed = valueOf(await handlers['import:resume']({ jobId: stopped.jobId }));
    expect(resumed).toMatchObject({ jobId: stopped.jobId, state: 'completed', resumed: true, counts: { files: 2, failed: 0 } });
    expect(await notesIn(folder)).toBe(2); // the job kept its exclude: cider.md stays out
    expect(valueOf(await handlers['import:unfinished'](undefined))).toEqual([]);
    expect(await handlers['import:resume']({ jobId: stopped.jobId })).toEqual({ ok: false, error: await coreError(() => engram.resumeImport(stopped.jobId)) });
    expect(await handlers['import:resume']({ jobId: stopped.jobId })).toMatchObject({ error: { code: 'INVALID_INPUT', message: expect.stringContaining('completed') } });

    step('a full run, then a keyword recall');
    // a full run: the new file is imported, the others are already there; the notes are found at once
    const report = valueOf(await handlers['import:run']({ path: folder }));
    expect(report).toMatchObject({ state: 'completed', resumed: false, counts: { files: 3, imported: 1, unchanged: 2, failed: 0 } });
    expect(report.imported.map((e) => e.title)).toEqual(['Cider']);
    expect(await notesIn(folder)).toBe(3);
    const bees = await engram.recall('hive swarmed', { mode: 'keyword' });
    expect(bees.results[0]).toMatchObject({ title: 'Bees', tags: ['garden'], source: { path: path.join(folder, 'bees.md') } });

    step('save the report');
    // the report saved through the dialog is the report, as JSON
    const json = JSON.stringify(report);
    const savedAt = valueOf(await handlers['dialog:saveReport']({ json }));
    expect(savedAt.path).toBe(path.join(saved.dir, 'engram-import-report.json'));
    expect(JSON.parse(fs.readFileSync(savedAt.path!, 'utf8'))).toEqual(report);

    step('a second run, cancelled, then discarded');
    // discard: a second cancelled job is forgotten, the notes it stored stay
    fs.writeFileSync(path.join(folder, 'dates.md'), '# Dates\n\nMedjool dates keep for months.');
    cancelled = null;
    const again = engram.onImportProgress((p) => {
      if (p.phase === 'importing' && !cancelled) cancelled = handlers['import:cancel'](undefined);
    });
    let second;
    try {
      second = valueOf(await handlers['import:run']({ path: folder }));
    } finally {
      again();
    }
    expect(second).toMatchObject({ state: 'cancelled' });
    expect(second.jobId).not.toBe(stopped.jobId);
    expect(valueOf(await handlers['import:unfinished'](undefined)).map((j) => j.jobId)).toEqual([second.jobId]);
    expect(await handlers['import:discard']({ jobId: second.jobId })).toEqual({ ok: true, value: null });
    expect(valueOf(await handlers['import:unfinished'](undefined))).toEqual([]);
    expect(await count('select 1 from import_jobs where id = $1', [second.jobId])).toBe(0);
    expect(await notesIn(folder)).toBeGreaterThanOrEqual(3);
  });

  it('answers the dialogs with null when main provides none, and uses them when it does', async () => {
    const bare = createIpcHandlers(engram);
    expect(await bare['dialog:pickSource']({ kind: 'folder' })).toEqual({ ok: true, value: null });
    expect(await bare['dialog:saveReport']({ json: '{}' })).toEqual({ ok: true, value: { path: null } });
    expect(await handlers['dialog:pickSource']({ kind: 'file' })).toEqual({ ok: true, value: '/picked/file' });
    expect(await handlers['dialog:pickSource']({ kind: 'folder' })).toEqual({ ok: true, value: '/picked/folder' });
    const result = await handlers['dialog:saveReport']({ json: '{"a":1}', suggestedName: 'r.json' });
    expect(result).toEqual({ ok: true, value: { path: path.join(saved.dir, 'r.json') } });
    expect(fs.readFileSync(path.join(saved.dir, 'r.json'), 'utf8')).toBe('{"a":1}');
  });

  it('waits for `engram mcp` to release the memory, but not for any other holder', async () => {
    const dir = tempDir();
    const open = () => openEngram({ dataDir: dir.dir, seed: testSeed() });
    // the holder names the real processes write into engram.lock (src/mcp/run-mcp-stdio.ts, src/cli/with-engine.ts)
    const mcp = acquireDataDirLock(dir.dir, 'engram mcp (an AI agent host)');
    let opened: Engram | null = null;
    try {
      // held for good: it gives up after waitMs with the lock error
      const timedOut = await openWithMcpRetry(open, { intervalMs: 5, waitMs: 30 }).catch((error: unknown) => error);
      expect(timedOut).toMatchObject({ code: 'DATA_DIR_LOCKED', message: expect.stringContaining('engram mcp') });
      expect(isLockedByMcp(timedOut)).toBe(true);

      // released after a while: it keeps trying until it opens
      let attempts = 0;
      const waits: Error[] = [];
      setTimeout(() => mcp.release(), 100);
      opened = (await openWithMcpRetry(
        () => {
          attempts++;
          return open();
        },
        { intervalMs: 10, waitMs: 30_000, onWait: (error) => waits.push(error) },
      )) as Engram;
      expect(attempts).toBeGreaterThan(1);
      expect(waits).toHaveLength(attempts - 1);
      expect(waits.every(isLockedByMcp)).toBe(true);
      expect(valueOf(await createIpcHandlers(opened)['status:get'](undefined)).dataDir).toBe(dir.dir);
      await opened.close();
      opened = null;

      // the CLI holds it: refused at once
      const cli = acquireDataDirLock(dir.dir, 'the engram CLI');
      try {
        let cliAttempts = 0;
        const refused = await openWithMcpRetry(() => {
          cliAttempts++;
          return open();
        }).catch((error: unknown) => error);
        expect(refused).toMatchObject({ code: 'DATA_DIR_LOCKED', message: expect.stringContaining('the engram CLI') });
        expect(isLockedByMcp(refused)).toBe(false);
        expect(cliAttempts).toBe(1);
      } finally {
        cli.release();
      }
    } finally {
      mcp.release();
      await opened?.close();
      dir.cleanup();
    }
  });
});
