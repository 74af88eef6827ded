// The Ollama doctor lists chat-capable models (by /api/show capabilities) next to embedding models, and says what Ask
// needs; pulling a model from the engine reports progress and can be cancelled.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ModelPullEvent } from '../../src/shared/ask-models';
import { runOllamaDoctor } from '../../src/core/embedding/ollama/ollama-doctor';
import type { Engram } from '../../src/core/engine/engram';
import { startFakeOllamaServer, type FakeOllamaServer } from '../support/fake-ollama-server';
import { openTempEngram } from '../support/temp-engram';

let server: FakeOllamaServer;

beforeAll(async () => {
  server = await startFakeOllamaServer({ pullStepDelayMs: 2 });
});
afterEach(() => {
  server.install('llama3.2');
});
afterAll(async () => {
  await server.close();
});

describe('doctor: chat models', () => {
  it('lists chat models by capability beside the embedding models, without changing the embedding verdict', async () => {
    const report = await runOllamaDoctor({ host: server.url, model: 'nomic-embed-text' });
    expect(report.chatModels.map((m) => m.name)).toEqual(['llama3.2:latest']);
    expect(report.chatModels[0]).toMatchObject({ capabilities: ['completion', 'tools'], contextLength: 131072 });
    expect(report.embeddingModels.map((m) => m.name)).not.toContain('llama3.2:latest');
    expect(report.chatProblems).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('says to pull llama3.2 when no chat model is installed', async () => {
    server.remove('llama3.2');
    const report = await runOllamaDoctor({ host: server.url, model: 'nomic-embed-text' });
    expect(report.chatModels).toEqual([]);
    expect(report.chatProblems).toEqual([expect.objectContaining({ code: 'no-chat-models', command: 'ollama pull llama3.2', pullModel: 'llama3.2' })]);
    expect(report.ok).toBe(true); // embedding still works
  });

  it('checks the chat model chosen for Ask: missing, or unable to chat', async () => {
    const missing = await runOllamaDoctor({ host: server.url, chatModel: 'mistral' });
    expect(missing.configuredChatModel).toBe('mistral');
    expect(missing.chatProblems).toEqual([expect.objectContaining({ code: 'chat-model-not-installed', command: 'ollama pull mistral' })]);
    const embedding = await runOllamaDoctor({ host: server.url, chatModel: 'nomic-embed-text' });
    expect(embedding.chatProblems).toEqual([expect.objectContaining({ code: 'not-a-chat-model' })]);
    expect(embedding.chatProblems[0]!.action).toContain('engram config set chat-model llama3.2');
  });
});

describe('the engine: chat-model setting in the doctor, and pulling with progress', () => {
  let engram: Engram;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ engram, cleanup } = await openTempEngram());
    await engram.updateSettings({ ollamaHost: server.url });
  });
  afterAll(async () => {
    await cleanup?.();
  });

  it('checks the chat model set for Ask', async () => {
    await engram.updateAskSettings({ chatModel: 'qwen3' });
    const report = await engram.ollamaDoctor();
    expect(report.configuredChatModel).toBe('qwen3');
    expect(report.chatProblems[0]).toMatchObject({ code: 'chat-model-not-installed' });
    await engram.updateAskSettings({ chatModel: null });
  });

  it('pulls a chat model with progress from 0 to 1', async () => {
    server.remove('llama3.2');
    const seen: ModelPullEvent[] = [];
    const stop = engram.onPullProgress((e) => seen.push(e));
    await expect(engram.pullModel('llama3.2')).resolves.toEqual({ outcome: 'success', model: 'llama3.2' });
    stop();
    expect(seen.length).toBeGreaterThan(5);
    expect(seen.every((e) => e.model === 'llama3.2')).toBe(true);
    const values = seen.map((e) => e.value);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(values.at(-1)).toBe(1);
    expect((await engram.ollamaDoctor()).chatModels.map((m) => m.name)).toEqual(['llama3.2:latest']);
  });

  it('cancels a pull, and refuses a second one while one runs', async () => {
    const slow = await startFakeOllamaServer({ pullStepDelayMs: 40 });
    await engram.updateSettings({ ollamaHost: slow.url });
    try {
      const pulling = engram.pullModel('bge-m3');
      await new Promise((r) => setTimeout(r, 100));
      await expect(engram.pullModel('all-minilm')).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('Already pulling bge-m3') });
      await expect(engram.cancelPull()).resolves.toBe(true);
      await expect(pulling).resolves.toEqual({ outcome: 'cancelled', model: 'bge-m3' });
      await expect(engram.cancelPull()).resolves.toBe(false);
    } finally {
      await engram.updateSettings({ ollamaHost: server.url });
      await slow.close();
    }
  });
});
