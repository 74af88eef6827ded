// `engram ask`: in process against a real engine and the stand-in Ollama (real HTTP on 127.0.0.1), and as a child
// process running the built CLI, whose answer streams to stdout piece by piece.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AskJson } from '../../src/cli/commands/ask';
import type { Engram } from '../../src/core/engine/engram';
import { startFakeOllamaServer, type FakeOllamaServer } from '../support/fake-ollama-server';
import { openTempEngram } from '../support/temp-engram';
import { cliPath, prepareDataDir, tempDir } from './cli-process';
import { SharedEngine } from './in-process';
import { spawn } from 'node:child_process';

let server: FakeOllamaServer;
beforeAll(async () => {
  server = await startFakeOllamaServer();
});
afterAll(async () => {
  await server?.close();
});

describe('engram ask, in process', { timeout: 120_000 }, () => {
  let engram: Engram;
  let shared: SharedEngine;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ engram, cleanup } = await openTempEngram());
    shared = new SharedEngine(engram);
    await engram.addNote({ title: 'Boiler decision', body: 'We decided to replace the boiler in March. The plumber quoted 2,400 euros.', tags: ['home'] });
    await engram.addNote({ title: 'Sourdough', body: 'Sourdough hydration: 75% water works best for my starter.', tags: ['kitchen'] });
    await engram.drainQueue();
    await engram.updateSettings({ ollamaHost: server.url });
  }, 120_000);
  afterAll(async () => {
    await cleanup?.();
  });

  it('prints the streamed answer, its sources and the thread to follow up in', async () => {
    const run = await shared.run(['ask', 'what did I decide about the boiler?']);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('Your notes say: We decided to replace the boiler in March [1].');
    expect(lines[1]).toBe('');
    expect(lines[2]).toBe('Sources');
    expect(lines[3]).toMatch(/^ {2}\[1\] Boiler decision {2}\d{4}-\d\d-\d\d {2}note \d+$/);
    expect(run.stdout).toMatch(/thread (\d+) · llama3\.2 · follow up with: engram ask --thread \1 "…"/);
    // not a terminal: no status line, except one saying the model is loading (the stand-in's model starts unloaded)
    expect(run.stderr).toBe('engram: loading llama3.2… (the first answer after a while can take a minute)\n');
  });

  it('asks a follow-up in a thread and saves the answer with --save; --json prints the turn', async () => {
    const first = JSON.parse((await shared.run(['ask', 'boiler decision', '--json'])).stdout) as AskJson;
    expect(first.turn.state).toBe('complete');
    const follow = await shared.run(['ask', 'and who quoted the price of the boiler?', '--thread', String(first.turn.threadId), '--save', '--json']);
    expect(follow.code).toBe(0);
    const doc = JSON.parse(follow.stdout) as AskJson;
    expect(doc.turn.threadId).toBe(first.turn.threadId);
    expect(doc.savedNoteId).not.toBeNull();
    const note = await engram.getNote(doc.savedNoteId!);
    expect(note.title).toBe('and who quoted the price of the boiler?');
    expect((await engram.getAskThread(first.turn.threadId!)).turns).toHaveLength(2);
  });

  it('says the notes do not cover it, with the closest notes, without a model', async () => {
    const run = await shared.run(['ask', 'what is the capital of France?']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Your notes don't seem to cover this/);
    expect(run.stdout).toContain('Boiler decision');
  });

  it('exits 1 with one line saying what to run when Ollama is down, or the model is missing or cannot chat', async () => {
    await server.setDown(true);
    try {
      const down = await shared.run(['ask', 'what did I decide about the boiler?']);
      expect(down.code).toBe(1);
      expect(down.stderr).toMatch(/^engram: Ollama is not running at http:\/\/127\.0\.0\.1:\d+, so Ask cannot answer\. Start it \(open the Ollama app, or run `ollama serve`\); search keeps working\.\n$/);
      expect(down.stdout).toContain('Notes that match your question (search works without a chat model):');
    } finally {
      await server.setDown(false);
    }
    const missing = await shared.run(['ask', 'boiler?', '--model', 'mistral']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^engram: The chat model mistral is not installed in Ollama at .*Pull it: run `ollama pull mistral`\.\n$/);
    const embedding = await shared.run(['ask', 'boiler?', '--model', 'nomic-embed-text']);
    expect(embedding.code).toBe(1);
    expect(embedding.stderr).toMatch(/^engram: nomic-embed-text is an embedding model; it cannot answer questions\..*`ollama pull llama3\.2`\.\n$/);
  });

  it('exits 1 when the stream is cut, keeping what streamed', async () => {
    server.addFault({ kind: 'chatCut', afterPieces: 4 });
    try {
      const run = await shared.run(['ask', 'what did I decide about the boiler?']);
      expect(run.code).toBe(1);
      expect(run.stdout.startsWith('Your notes say: \n')).toBe(true);
      expect(run.stderr).toMatch(/^engram: The connection to Ollama at .* ended before the answer was complete\. What streamed is kept in thread \d+; ask again to retry\.\n$/);
    } finally {
      server.clearFaults();
    }
  });

  it('config set chat-model and ask-context are stored, checked and shown', async () => {
    expect((await shared.run(['config', 'set', 'chat-model', 'llama3.2'])).stdout).toBe('Ask answers with llama3.2, in a context window of 8192 tokens.\n');
    expect((await shared.run(['config', 'set', 'ask-context', '16384'])).code).toBe(0);
    expect((await shared.run(['config', 'get'])).stdout).toContain('Chat model       llama3.2, context 16384 tokens\n');
    const bad = await shared.run(['config', 'set', 'ask-context', 'lots']);
    expect(bad).toMatchObject({ code: 1, stderr: 'engram: ask-context takes a number of tokens such as 8192 (or default), not "lots".\n' });
    expect((await shared.run(['config', 'set', 'chat-model', 'auto'])).code).toBe(0);
    expect((await shared.run(['config', 'set', 'ask-context', 'default'])).code).toBe(0);
    expect(await engram.getAskSettings()).toEqual({ chatModel: null, contextTokens: 8192 });
  });

  it('refuses an empty question', async () => {
    expect(await shared.run(['ask', '  '])).toMatchObject({ code: 1, stderr: 'engram: The question is empty: say what you want to know.\n' });
  });
});

describe('engram ask, the built CLI as a child process', { timeout: 120_000 }, () => {
  let dir: string;
  let remove: () => Promise<void>;
  beforeAll(async () => {
    ({ dir, remove } = await tempDir('engram-ask-cli-'));
    await prepareDataDir(dir);
    const { openEngram } = await import('../../src/core/engine/open-engram');
    const setup = await openEngram({ dataDir: dir });
    await setup.addNote({ title: 'Boiler decision', body: 'We decided to replace the boiler in March. The plumber quoted 2,400 euros.' });
    await setup.updateSettings({ ollamaHost: server.url });
    await setup.close();
  }, 120_000);
  afterAll(async () => {
    await remove?.();
  });

  it('stops on Ctrl-C, keeps what streamed in the thread and exits 130', async () => {
    server.setChatTiming({ pieceDelayMs: 150 });
    try {
      let stdout = '';
      let stderr = '';
      const code = await new Promise<number | null>((resolve, reject) => {
        const child = spawn(process.execPath, [cliPath, '--data-dir', dir, 'ask', 'what did I decide about the boiler?'], { stdio: ['ignore', 'pipe', 'pipe'] });
        child.stdout.setEncoding('utf8').on('data', (c: string) => {
          if (stdout === '') child.kill('SIGINT'); // the first piece has arrived
          stdout += c;
        });
        child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
        child.on('error', reject);
        child.on('close', resolve);
      });
      expect(code).toBe(130);
      expect(stderr).toMatch(/engram: stopped; the unfinished answer is kept in thread (\d+)\.\n$/);
      const threadId = Number(/thread (\d+)/.exec(stderr)![1]);
      const { openEngram } = await import('../../src/core/engine/open-engram');
      const check = await openEngram({ dataDir: dir });
      try {
        const [turn] = (await check.getAskThread(threadId)).turns;
        expect(turn!.state).toBe('stopped');
        expect(turn!.answer.length).toBeGreaterThan(0);
        expect(stdout.startsWith(turn!.answer)).toBe(true);
      } finally {
        await check.close();
      }
    } finally {
      server.setChatTiming({ pieceDelayMs: 0 });
    }
  });

  it('streams the answer to stdout as it is generated', async () => {
    try {
      server.setChatTiming({ pieceDelayMs: 40 });
      // collect stdout with the time each chunk arrived: the answer must arrive in several chunks, not at the end
      const chunks: string[] = [];
      const code = await new Promise<number | null>((resolve, reject) => {
        const child = spawn(process.execPath, [cliPath, '--data-dir', dir, 'ask', 'what did I decide about the boiler?'], { stdio: ['ignore', 'pipe', 'pipe'] });
        child.stdout.setEncoding('utf8').on('data', (c: string) => chunks.push(c));
        child.on('error', reject);
        child.on('close', resolve);
      });
      expect(code).toBe(0);
      const stdout = chunks.join('');
      expect(stdout.startsWith('Your notes say: We decided to replace the boiler in March [1].\n')).toBe(true);
      const beforeSources = chunks.slice(0, chunks.findIndex((c) => c.includes('Sources')));
      expect(beforeSources.length).toBeGreaterThan(3);
    } finally {
      server.setChatTiming({ pieceDelayMs: 0 });
    }
  });
});
