// One store, several processes: `engram mcp` hands the memory to the app when it starts, takes it back when the app
// quits, and shares its own with a second agent host.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engram } from '../../src/core/engine/engram';
import { openEngram } from '../../src/core/engine/open-engram';
import { MemorySocketServer } from '../../src/mcp/memory-socket-server';
import { tempDir, testSeed } from '../support/temp-engram';
import { callJson, connectAgent, type AgentSession } from './support/mcp-process';

/** Opens the memory as the app does, retrying while `engram mcp` still holds it (it lets go when idle). */
async function openAsApp(dataDir: string): Promise<Engram> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      return await openEngram({ dataDir, holder: 'the Engram app' });
    } catch (error) {
      if ((error as { code?: string }).code !== 'DATA_DIR_LOCKED' || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

describe('the memory moves between engram mcp and the app', { timeout: 180_000 }, () => {
  const dir = tempDir('engram-mcp-handover-');
  const sessions: AgentSession[] = [];

  beforeAll(async () => {
    const memory = await openEngram({ dataDir: dir.dir, seed: testSeed() });
    await memory.setDefaultAgentAccess('read-write'); // the person lets every agent write
    await memory.close();
  });
  afterAll(async () => {
    await Promise.all(sessions.map((s) => s.close()));
    dir.cleanup();
  });

  it('shares a memory opened by one engram mcp with a second one', async () => {
    const first = await connectAgent(dir.dir, 'first-host', ['--idle-close', '30']);
    sessions.push(first);
    await callJson(first, 'remember', { content: 'Written by the first host.' });
    expect(await callJson(first, 'status')).toMatchObject({ servedBy: expect.stringContaining('this engram mcp') });
    const second = await connectAgent(dir.dir, 'second-host');
    sessions.push(second);
    await callJson(second, 'remember', { content: 'Written by the second host.' });
    expect(await callJson(second, 'status')).toMatchObject({ servedBy: expect.stringContaining('another engram mcp'), notes: 2 });
    await first.close();
    await second.close();
    sessions.length = 0;
  });

  it('lets the app start when idle, uses the app while it runs, and opens the memory again when it quits', async () => {
    const agent = await connectAgent(dir.dir, 'handover-host', ['--idle-close', '1']);
    sessions.push(agent);
    const { note } = await callJson<{ note: { id: number } }>(agent, 'remember', { content: 'Remembered before the app started.' });

    const app = await openAsApp(dir.dir); // possible only once engram mcp let go of the lock
    const server = await MemorySocketServer.start({ dataDir: dir.dir, api: app });
    try {
      expect(await app.getNote(note.id)).toMatchObject({ author: 'handover-host' });
      await callJson(agent, 'remember', { content: 'Remembered while the app runs.' });
      expect(await callJson(agent, 'status')).toMatchObject({ servedBy: 'the Engram app' });
      expect((await app.listNotes({ authors: ['handover-host'] })).total).toBe(2);
    } finally {
      await server.close();
      await app.close();
    }

    await callJson(agent, 'remember', { content: 'Remembered after the app quit.' });
    expect(await callJson(agent, 'status')).toMatchObject({ servedBy: expect.stringContaining('this engram mcp') });
    const { results } = await callJson<{ results: { author: string }[] }>(agent, 'recall', { query: 'remembered', mode: 'keyword', authors: ['handover-host'] });
    expect(results).toHaveLength(3);
  });
});
