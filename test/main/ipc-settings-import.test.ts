// The channels for settings, re-embed, import, agents and dialogs: validated before the core, passed through intact.
import { describe, expect, it, vi } from 'vitest';
import type { EngramApi } from '../../src/core/engine/engram-api';
import { EngramError } from '../../src/core/errors';
import { createIpcHandlers } from '../../src/main/ipc-handlers';
import { isLockedByMcp, openWithMcpRetry } from '../../src/main/open-with-retry';

function fakeEngine(overrides: Partial<EngramApi> = {}): EngramApi {
  const notImplemented = (): never => {
    throw new Error('not used');
  };
  return new Proxy(overrides as EngramApi, {
    get: (target, prop: string) => (prop in target ? target[prop as keyof EngramApi] : prop === 'then' ? undefined : notImplemented),
  });
}

describe('IPC: settings, re-embed, import, agents, dialogs', () => {
  it('validates embedding choices, import requests and agent access before the core sees them', async () => {
    const core = { chooseEmbedding: vi.fn(), startReembed: vi.fn(), runImport: vi.fn(), setAgentAccess: vi.fn(), updateSettings: vi.fn() };
    const handlers = createIpcHandlers(fakeEngine(core as unknown as Partial<EngramApi>));
    const bad: [keyof typeof handlers, unknown][] = [
      ['embedding:choose', { provider: 'openai', model: 'x' }],
      ['embedding:choose', { provider: 'ollama' }],
      ['embedding:choose', { provider: 'ollama', model: 'm', dimensions: 0 }],
      ['reembed:start', { provider: 'builtin', model: 'x' }],
      ['import:run', { path: '' }],
      ['import:run', { path: '/x', format: 'docx' }],
      ['import:run', { path: '/x', deleteMissing: 'yes' }],
      ['agents:setAccess', { name: 'claude', access: 'admin' }],
      ['agents:setAccess', { name: '', access: 'blocked' }],
      ['settings:update', { ollamaHost: 42 }],
      ['settings:update', { somethingElse: true }],
      ['import:resume', { jobId: -1 }],
      ['dialog:pickSource', { kind: 'anything' }],
    ];
    for (const [channel, payload] of bad) {
      const result = await handlers[channel](payload);
      expect(result.ok, `${channel} ${JSON.stringify(payload)}`).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('INVALID_REQUEST');
    }
    for (const fn of Object.values(core)) expect(fn).not.toHaveBeenCalled();
  });

  it('passes valid requests through and keeps core error codes', async () => {
    const chooseEmbedding = vi.fn(async () => ({ outcome: 'reembed-needed' as const }));
    const undoReembed = vi.fn(async () => {
      throw new EngramError('NOT_FOUND', 'There is no previous embedding space to go back to.');
    });
    const updateSettings = vi.fn(async (patch: { ollamaHost?: string | null }) => ({ ollamaHost: patch.ollamaHost ?? null }));
    const discardImport = vi.fn(async () => undefined);
    const handlers = createIpcHandlers(fakeEngine({ chooseEmbedding, undoReembed, updateSettings, discardImport } as unknown as Partial<EngramApi>));
    expect(await handlers['embedding:choose']({ provider: 'ollama', model: 'nomic-embed-text', dimensions: 256 })).toMatchObject({ ok: true });
    expect(chooseEmbedding).toHaveBeenCalledWith({ provider: 'ollama', model: 'nomic-embed-text', dimensions: 256 });
    expect(await handlers['reembed:undo'](undefined)).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'There is no previous embedding space to go back to.' } });
    // A blank host means "use OLLAMA_HOST or the default".
    expect(await handlers['settings:update']({ ollamaHost: '   ' })).toEqual({ ok: true, value: { ollamaHost: null } });
    expect(updateSettings).toHaveBeenLastCalledWith({ ollamaHost: null });
    expect(await handlers['import:discard']({ jobId: 3 })).toEqual({ ok: true, value: null });
  });

  it('answers the dialogs with null when main provides none, and uses them when it does', async () => {
    const bare = createIpcHandlers(fakeEngine());
    expect(await bare['dialog:pickSource']({ kind: 'folder' })).toEqual({ ok: true, value: null });
    expect(await bare['dialog:saveReport']({ json: '{}' })).toEqual({ ok: true, value: { path: null } });
    const saveText = vi.fn(async () => '/home/ann/report.json');
    const withDialogs = createIpcHandlers(fakeEngine(), { dialogs: { pickSource: async (kind) => `/picked/${kind}`, saveText } });
    expect(await withDialogs['dialog:pickSource']({ kind: 'file' })).toEqual({ ok: true, value: '/picked/file' });
    expect(await withDialogs['dialog:saveReport']({ json: '{"a":1}', suggestedName: 'r.json' })).toEqual({ ok: true, value: { path: '/home/ann/report.json' } });
    expect(saveText).toHaveBeenCalledWith('{"a":1}', 'r.json');
  });

  it('waits for `engram mcp` to release the memory, but not for any other holder', async () => {
    const locked = new EngramError('DATA_DIR_LOCKED', 'The memory in /d is open in another process (engram mcp (an AI agent host), pid 7).');
    expect(isLockedByMcp(locked)).toBe(true);
    expect(isLockedByMcp(new EngramError('DATA_DIR_LOCKED', 'open in another process (engram CLI, pid 9)'))).toBe(false);
    let calls = 0;
    const engine = fakeEngine();
    const opened = await openWithMcpRetry(
      async () => {
        if (++calls < 3) throw locked;
        return engine;
      },
      { intervalMs: 5, waitMs: 1000 },
    );
    expect(opened).toBe(engine);
    expect(calls).toBe(3);
    await expect(openWithMcpRetry(async () => Promise.reject(locked), { intervalMs: 5, waitMs: 30 })).rejects.toBe(locked);
    const cli = new EngramError('DATA_DIR_LOCKED', 'open in another process (engram CLI, pid 9)');
    let cliCalls = 0;
    await expect(
      openWithMcpRetry(async () => {
        cliCalls++;
        throw cli;
      }),
    ).rejects.toBe(cli);
    expect(cliCalls).toBe(1);
  });
});
