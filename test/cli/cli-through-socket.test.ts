// The CLI while another process holds the memory and serves it on the memory socket, as the app does: every command
// goes through the socket with the same output and exit codes as on a memory the CLI opens itself.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngramApi } from '../../src/core/engine/engram-api';
import { openEngramInWorker } from '../../src/core/engine/engram-worker-client';
import { MemorySocketServer } from '../../src/mcp/memory-socket-server';
import type { EngramStatus } from '../../src/shared/models';
import { callJson, connectAgent, type AgentSession } from '../mcp/support/mcp-process';
import { prepareDataDir, spawnCli as spawnCliOnce, tempDir, type CliRun, type RunOptions } from './cli-process';

/** A CLI run with room for a busy machine (each run opens or connects to the memory). */
const spawnCli = (args: readonly string[], options: RunOptions = {}): Promise<CliRun> => spawnCliOnce(args, { timeoutMs: 170_000, ...options });

/** A memory held by this process as the app holds it: the engine in a worker thread, served on the socket. */
interface Held {
  readonly api: EngramApi;
  readonly server: MemorySocketServer;
  close(): Promise<void>;
}

async function holdLikeTheApp(dataDir: string, autoEmbed: boolean): Promise<Held> {
  const api = await openEngramInWorker({ dataDir, autoEmbed, holder: 'the Engram app' });
  const server = await MemorySocketServer.start({ dataDir, api, log: () => undefined });
  return {
    api,
    server,
    close: async () => {
      await server.close();
      await api.close();
    },
  };
}

/** Output with what legitimately differs between two memories made seconds apart (paths, dates, timings) masked. */
function normalise(text: string, dataDir: string): string {
  return text
    .replaceAll(dataDir, '<DATA>')
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, '<ISO>')
    .replace(/\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?/g, '<DATE>')
    .replace(/"(tookMs|databaseBytes|diskBytes|estimatedSeconds|chunksPerSecond|seconds)": \d+(\.\d+)?/g, '"$1": <N>') // measured
    .replace(/at \d+(\.\d+)?\/s, about \S+/g, 'at <N>/s, about <T>')
    .replace(/ in \d+(m\d+)?s/g, ' in <T>');
}

/** A run as compared: exit code and normalised streams. */
function comparable(run: CliRun, dataDir: string): { code: number | null; stdout: string; stderr: string } {
  return { code: run.code, stdout: normalise(run.stdout, dataDir), stderr: normalise(run.stderr, dataDir) };
}

describe('the CLI while a process that serves the memory holds it', { timeout: 600_000 }, () => {
  let root: string;
  let cleanup: () => Promise<void>;
  let direct: string;
  let held: string;
  let holder: Held;

  beforeAll(async () => {
    const tmp = await tempDir('engram-cli-socket-');
    root = tmp.dir;
    cleanup = tmp.remove;
    direct = path.join(root, 'direct');
    held = path.join(root, 'held');
    await Promise.all([prepareDataDir(direct), prepareDataDir(held)]);
    holder = await holdLikeTheApp(held, false);
    await mkdir(path.join(root, 'vault'));
    for (let i = 1; i <= 3; i++) await writeFile(path.join(root, 'vault', `trip-${i}.md`), `# Trip ${i}\n\nPack the tent and the stove for trip ${i}.\n`);
    await writeFile(path.join(root, 'meeting.md'), '# Budget meeting\n\nThe quarterly budget review moved to Tuesday.\n');
  }, 300_000);
  afterAll(async () => {
    await holder?.close();
    await cleanup?.();
  });

  /** Runs the same command against both memories and expects the same outcome. */
  const same = async (...args: string[]): Promise<CliRun> => {
    const [d, h] = await Promise.all([spawnCli(['--data-dir', direct, ...args], { cwd: root }), spawnCli(['--data-dir', held, ...args], { cwd: root })]);
    expect(comparable(h, held), `engram ${args.join(' ')}`).toEqual(comparable(d, direct));
    return h;
  };

  it('refuses nothing: the held memory answers every command, with the same output and exit codes', async () => {
    expect((await same('add', 'Water the tomatoes every morning', '--tag', 'home/garden')).code).toBe(0);
    expect((await same('add', 'Water the tomatoes every morning', '--tag', 'home/garden')).stdout).toContain('Already stored as note 1');
    await same('--json', 'add', '--file', 'meeting.md', '--tag', 'work');
    await same('get', '1');
    await same('--json', 'recall', '"budget review"', '--mode', 'keyword');
    await same('forget', '1');
    await same('--json', 'list', '--forgotten');
    await same('restore', '1');
    expect((await same('import', 'vault')).stdout).toContain('3 new');
    await same('config', 'get');
    expect(holder.server.callsInFlight).toBe(0);
  });

  it('gives the same errors and exit codes', async () => {
    expect((await same('get', '999')).code).toBe(1);
    expect((await same('list', '--when', 'gibberish')).code).toBe(1);
    expect((await same('reembed', '--pause')).code).toBe(1);
  });

  it("reports the holder's status, and the app sees the CLI's notes at once", async () => {
    const run = await spawnCli(['--data-dir', held, '--json', 'status']);
    expect(run.code).toBe(0);
    const status = JSON.parse(run.stdout) as EngramStatus;
    expect(status).toMatchObject({ dataDir: held, notes: 5, forgottenNotes: 0 });
    expect((await holder.api.listNotes({ tags: ['work'] })).notes.map((n) => n.title)).toEqual(['Budget meeting']);
  });

  it('wait embeds through the holder, with progress on stderr', async () => {
    const run = await spawnCli(['--data-dir', held, 'wait', '--batch-size', '1']);
    expect(run.stderr).toMatch(/^embedding: \d+\/\d+ chunks \(\d+%\)$/m);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Embedded \d+ chunks? in \d+s\.$/m);
    expect((await holder.api.status()).embeddings.pending).toBe(0);
    const again = await spawnCli(['--data-dir', held, '--json', 'wait']);
    expect(JSON.parse(again.stdout)).toMatchObject({ embedded: 0, pending: 0, failed: 0 });
    const found = await spawnCli(['--data-dir', held, '--json', 'recall', 'looking after vegetables in the garden', '--mode', 'vector', '--limit', '1']);
    expect(JSON.parse(found.stdout).results[0]).toMatchObject({ title: 'Water the tomatoes every morning' });
  });
});

describe('the CLI beside an app that embeds in the background', { timeout: 600_000 }, () => {
  it('wait joins the app’s own embedding instead of competing with it, and returns when the queue is empty', async () => {
    const tmp = await tempDir('engram-cli-socket-app-');
    const dataDir = path.join(tmp.dir, 'data');
    await prepareDataDir(dataDir);
    const app = await holdLikeTheApp(dataDir, true);
    try {
      await mkdir(path.join(tmp.dir, 'notes'));
      for (let i = 0; i < 40; i++) await writeFile(path.join(tmp.dir, 'notes', `n${i}.md`), `Note ${i} about sailing, tides and ropes.\n`);
      expect((await spawnCli(['--data-dir', dataDir, 'import', 'notes'], { cwd: tmp.dir })).code).toBe(0);
      const run = await spawnCli(['--data-dir', dataDir, '--json', 'wait']);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ pending: 0, failed: 0 });
      const status = await app.api.status();
      expect(status.embeddings).toMatchObject({ pending: 0, failed: 0, done: status.chunks });
    } finally {
      await app.close();
      await tmp.remove();
    }
  });
});

describe('the CLI while engram mcp holds the memory', { timeout: 600_000 }, () => {
  it('goes through engram mcp’s socket, and the agent sees what the CLI added', async () => {
    const tmp = await tempDir('engram-cli-socket-mcp-');
    const dataDir = path.join(tmp.dir, 'data');
    await prepareDataDir(dataDir);
    let agent: AgentSession | null = null;
    try {
      agent = await connectAgent(dataDir, 'holder-agent', ['--idle-close', '60']);
      expect(await callJson(agent, 'status')).toMatchObject({ servedBy: expect.stringContaining('this engram mcp') });
      const added = await spawnCli(['--data-dir', dataDir, 'add', 'The boat insurance renews in April', '--tag', 'boat']);
      expect(added.stderr).toBe('');
      expect(added.code).toBe(0);
      const { results } = await callJson<{ results: { title: string; author: string }[] }>(agent, 'recall', { query: 'boat insurance', mode: 'keyword' });
      expect(results[0]).toMatchObject({ title: 'The boat insurance renews in April', author: 'you' });
      const recalled = await spawnCli(['--data-dir', dataDir, 'recall', 'insurance', '--mode', 'keyword']);
      expect(recalled.code).toBe(0);
      expect(recalled.stdout).toContain('The boat insurance renews in April');
    } finally {
      await agent?.close();
      await tmp.remove();
    }
  });
});

describe('the CLI while the app is still opening the memory', { timeout: 600_000 }, () => {
  it('waits for the socket of a holder that serves, instead of failing on its lock', async () => {
    const tmp = await tempDir('engram-cli-socket-opening-');
    const dataDir = path.join(tmp.dir, 'data');
    await prepareDataDir(dataDir);
    const api = await openEngramInWorker({ dataDir, autoEmbed: false, holder: 'the Engram app', serves: true }); // locked, not serving yet
    let server: MemorySocketServer | null = null;
    try {
      const running = spawnCli(['--data-dir', dataDir, 'add', 'Added while the app was starting']);
      await new Promise((resolve) => setTimeout(resolve, 2000));
      server = await MemorySocketServer.start({ dataDir, api, log: () => undefined });
      const run = await running;
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect((await api.listNotes()).notes.map((n) => n.title)).toEqual(['Added while the app was starting']);
    } finally {
      await server?.close();
      await api.close();
      await tmp.remove();
    }
  });
});
