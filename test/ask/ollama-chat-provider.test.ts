// The Ollama chat provider through the real `ollama` client against the stand-in on 127.0.0.1: streaming, the done
// line, aborting, a cut stream, an error line, and every "cannot answer" case with what to do.
import { Ollama } from 'ollama';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ChatError, type ChatStreamEvent } from '../../src/core/ask/chat-provider';
import { OllamaChatProvider } from '../../src/core/ask/ollama-chat-provider';
import { startFakeOllamaServer, type FakeOllamaServer } from '../support/fake-ollama-server';

let server: FakeOllamaServer;
const messages = [
  { role: 'system' as const, content: 'Answer only from the passages.' },
  { role: 'user' as const, content: 'Passages from my notes:\n\n[1] Boiler (2026-03-02)\nWe replaced the boiler in March. It cost a lot.\n\nQuestion: When was the boiler replaced?' },
];
const request = (extra: Partial<{ signal: AbortSignal; answerTokens: number }> = {}) => ({ messages, contextTokens: 4096, answerTokens: 512, ...extra });

async function collect(stream: AsyncIterable<ChatStreamEvent>): Promise<{ events: ChatStreamEvent[]; error: unknown }> {
  const events: ChatStreamEvent[] = [];
  try {
    for await (const event of stream) events.push(event);
    return { events, error: null };
  } catch (error) {
    return { events, error };
  }
}
const text = (events: ChatStreamEvent[]) => events.map((e) => (e.kind === 'piece' ? e.text : '')).join('');

beforeAll(async () => {
  server = await startFakeOllamaServer();
});
afterEach(async () => {
  await server.setDown(false);
  server.clearFaults();
  server.setChatReply(null);
  server.setChatTiming({ loadMs: 0, pieceDelayMs: 0 });
  server.install('llama3.2');
});
afterAll(async () => {
  await server.close();
});

describe('streaming', () => {
  it('streams pieces and a done line, sending num_ctx and num_predict', async () => {
    const provider = new OllamaChatProvider({ host: server.url, model: 'llama3.2' });
    const { events, error } = await collect(provider.stream(request()));
    expect(error).toBeNull();
    expect(text(events)).toBe('Your notes say: We replaced the boiler in March [1].');
    expect(events.filter((e) => e.kind === 'piece').length).toBeGreaterThan(5); // fragments, not one block
    const done = events.at(-1)!;
    expect(done).toMatchObject({ kind: 'done', doneReason: 'stop' });
    const sent = server.requests.filter((r) => r.path === '/api/chat').at(-1)!.body as { options: Record<string, number>; stream: boolean };
    expect(sent.stream).toBe(true);
    expect(sent.options).toMatchObject({ num_ctx: 4096, num_predict: 512 });
  });

  it('reports done_reason "length" when the answer hits num_predict', async () => {
    const provider = new OllamaChatProvider({ host: server.url, model: 'llama3.2' });
    const { events } = await collect(provider.stream(request({ answerTokens: 3 })));
    expect(text(events)).toBe('Your notes s');
    expect(events.at(-1)).toMatchObject({ kind: 'done', doneReason: 'length' });
  });

  it('describes a chat model by its capabilities and context length, and sees when it is loaded', async () => {
    server.unloadModels();
    const provider = new OllamaChatProvider({ host: server.url, model: 'llama3.2' });
    await expect(provider.describe()).resolves.toMatchObject({ model: 'llama3.2', contextLength: 131072, capabilities: ['completion', 'tools'] });
    await expect(provider.isLoaded()).resolves.toBe(false);
    await collect(provider.stream(request()));
    await expect(provider.isLoaded()).resolves.toBe(true);
  });

  it('reports the load time of a model slow to load', async () => {
    server.unloadModels();
    server.setChatTiming({ loadMs: 300 });
    const provider = new OllamaChatProvider({ host: server.url, model: 'llama3.2' });
    const { events } = await collect(provider.stream(request()));
    const done = events.at(-1) as Extract<ChatStreamEvent, { kind: 'done' }>;
    expect(done.loadMs).toBe(300);
  });
});

describe('the stand-in follows the reference', () => {
  it('answers stream: false with one object carrying the whole message and the counters', async () => {
    const client = new Ollama({ host: server.url });
    const answer = await client.chat({ model: 'llama3.2', messages, stream: false });
    expect(answer.message).toEqual({ role: 'assistant', content: 'Your notes say: We replaced the boiler in March [1].' });
    expect(answer.done).toBe(true);
    expect(answer.done_reason).toBe('stop');
    expect(answer.prompt_eval_count).toBeGreaterThan(0);
    expect(answer.eval_count).toBeGreaterThan(0);
  });

  it('answers a missing model with 404 and an embedding model with 400, before streaming', async () => {
    const client = new Ollama({ host: server.url });
    await expect(client.chat({ model: 'mistral', messages })).rejects.toMatchObject({ status_code: 404, message: "model 'mistral' not found" });
    await expect(client.chat({ model: 'nomic-embed-text', messages })).rejects.toMatchObject({ status_code: 400, message: '"nomic-embed-text" does not support chat' });
  });
});

describe('when the answer stops early', () => {
  it('stops generating when the request is aborted mid-stream, keeping what streamed', async () => {
    server.setChatTiming({ pieceDelayMs: 20 });
    const provider = new OllamaChatProvider({ host: server.url, model: 'llama3.2' });
    const controller = new AbortController();
    const events: ChatStreamEvent[] = [];
    let error: unknown = null;
    try {
      for await (const event of provider.stream(request({ signal: controller.signal }))) {
        events.push(event);
        if (events.length === 3) controller.abort();
      }
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ChatError);
    expect((error as ChatError).code).toBe('aborted');
    expect(events).toHaveLength(3);
  });

  it('treats a stream cut without a done line as interrupted', async () => {
    server.addFault({ kind: 'chatCut', afterPieces: 4 });
    const provider = new OllamaChatProvider({ host: server.url, model: 'llama3.2' });
    const { events, error } = await collect(provider.stream(request()));
    expect(text(events)).toBe('Your notes say: ');
    expect(error).toBeInstanceOf(ChatError);
    expect((error as ChatError).code).toBe('interrupted');
    expect((error as ChatError).message).toMatch(/ended before the answer was complete/);
  });

  it('reports an error line mid-stream with its message', async () => {
    server.addFault({ kind: 'chatErrorLine', afterPieces: 2, message: 'model runner has unexpectedly stopped' });
    const provider = new OllamaChatProvider({ host: server.url, model: 'llama3.2' });
    const { events, error } = await collect(provider.stream(request()));
    expect(text(events)).toBe('Your not');
    expect((error as ChatError).code).toBe('interrupted');
    expect((error as ChatError).message).toMatch(/model runner has unexpectedly stopped/);
  });
});

describe('when no answer can be had', () => {
  it('names the pull command for a model that is not installed', async () => {
    const provider = new OllamaChatProvider({ host: server.url, model: 'mistral' });
    const error = await provider.describe().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'model-not-installed', command: 'ollama pull mistral', pullModel: 'mistral' });
    const streamed = await collect(provider.stream(request()));
    expect(streamed.error).toMatchObject({ code: 'model-not-installed' });
  });

  it('refuses an embedding-only model, from /api/show and from /api/chat', async () => {
    const provider = new OllamaChatProvider({ host: server.url, model: 'nomic-embed-text' });
    await expect(provider.describe()).rejects.toMatchObject({ code: 'not-a-chat-model', command: 'ollama pull llama3.2' });
    const streamed = await collect(provider.stream(request()));
    expect(streamed.error).toMatchObject({ code: 'not-a-chat-model' });
  });

  it('says to start Ollama when nothing listens', async () => {
    await server.setDown(true);
    const provider = new OllamaChatProvider({ host: server.url, model: 'llama3.2' });
    const error = await provider.describe().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ollama-unreachable', command: 'ollama serve' });
    expect((error as Error).message).toMatch(/not running at http:\/\/127\.0\.0\.1:\d+/);
    await expect(provider.isLoaded()).resolves.toBeNull();
  });
});
