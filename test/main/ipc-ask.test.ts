// Ask over IPC: the ask:* and ollama:pull channels validate their payloads, a question answers through the handler
// table while its pieces arrive on the event side, and errors stay typed and readable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AskEvent } from '../../src/shared/ask-models';
import type { Engram } from '../../src/core/engine/engram';
import { createIpcHandlers, type IpcHandlerTable } from '../../src/main/ipc-handlers';
import { startFakeOllamaServer, type FakeOllamaServer } from '../support/fake-ollama-server';
import { valueOf } from '../support/ipc-results';
import { openTempEngram } from '../support/temp-engram';

let engram: Engram;
let cleanup: () => Promise<void>;
let handlers: IpcHandlerTable;
let server: FakeOllamaServer;

beforeAll(async () => {
  server = await startFakeOllamaServer();
  ({ engram, cleanup } = await openTempEngram());
  handlers = createIpcHandlers(engram, { log: () => undefined });
  await engram.addNote({ title: 'Boiler decision', body: 'We decided to replace the boiler in March.' });
  await engram.drainQueue();
  await engram.updateSettings({ ollamaHost: server.url });
});
afterAll(async () => {
  await cleanup?.();
  await server?.close();
});

describe('ask over IPC', () => {
  it('answers, with its pieces on the event side, and lists, saves and deletes the thread', async () => {
    const events: AskEvent[] = [];
    const stop = engram.onAskEvent((e) => events.push(e));
    const turn = valueOf(await handlers['ask:ask']({ requestId: 'ipc-1', question: 'What did I decide about the boiler?', filters: { when: 'this year' } }));
    stop();
    expect(turn.state).toBe('complete');
    expect(events.filter((e) => e.kind === 'token').map((e) => (e.kind === 'token' ? e.text : '')).join('')).toBe(turn.answer);
    expect(valueOf(await handlers['ask:threads'](undefined)).map((t) => t.id)).toEqual([turn.threadId]);
    expect(valueOf(await handlers['ask:thread']({ id: turn.threadId })).turns).toHaveLength(1);
    expect(valueOf(await handlers['ask:save']({ turnId: turn.id })).note.tags).toEqual(['ask']);
    expect(valueOf(await handlers['ask:deleteThread']({ id: turn.threadId }))).toBeNull();
    expect(valueOf(await handlers['ask:stop']({ requestId: 'ipc-1' }))).toBe(false);
  });

  it('refuses malformed payloads before the core sees them', async () => {
    const cases: [keyof IpcHandlerTable, unknown][] = [
      ['ask:ask', { question: 'no request id' }],
      ['ask:ask', { requestId: 'x', question: 'q', filters: { tags: 'home' } }],
      ['ask:ask', { requestId: 'x', question: 'q', extra: true }],
      ['ask:ask', { requestId: 'x', question: 'q'.repeat(4001) }],
      ['ask:updateSettings', { contextTokens: 10 }],
      ['ollama:pull', { model: '' }],
      ['ask:thread', { id: -1 }],
    ];
    for (const [channel, payload] of cases) {
      const result = await (handlers[channel] as (p: unknown) => Promise<{ ok: boolean; error?: { code: string } }>)(payload);
      expect(result, `${channel} ${JSON.stringify(payload).slice(0, 60)}`).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    }
  });

  it('keeps the core\'s error codes: an unknown thread, an empty question', async () => {
    expect(await handlers['ask:thread']({ id: 424242 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: 'There is no Ask thread 424242.' } });
    expect(await handlers['ask:ask']({ requestId: 'ipc-2', question: '  ' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('reads and changes the chat model setting', async () => {
    expect(valueOf(await handlers['ask:updateSettings']({ chatModel: 'llama3.2', contextTokens: 4096 }))).toEqual({ chatModel: 'llama3.2', contextTokens: 4096 });
    expect(valueOf(await handlers['ask:settings'](undefined))).toEqual({ chatModel: 'llama3.2', contextTokens: 4096 });
  });
});
