// The app holds the memory (and its lock) and serves it on the local socket; `engram mcp` talks to it there.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engram } from '../../src/core/engine/engram';
import { connectMemorySocket } from '../../src/mcp/memory-socket-client';
import { memorySocketPath, memoryTokenPath } from '../../src/mcp/memory-socket-path';
import { MemorySocketServer, type NotesChangedEvent } from '../../src/mcp/memory-socket-server';
import { openTempEngram } from '../support/temp-engram';
import { callError, callJson, connectAgent, type AgentSession } from './support/mcp-process';

describe('engram mcp while the app is running', { timeout: 180_000 }, () => {
  let app: { engram: Engram; dataDir: string; cleanup: () => Promise<void> };
  let server: MemorySocketServer;
  const changes: NotesChangedEvent[] = [];
  const agents: AgentSession[] = [];
  const agent = async (name: string): Promise<AgentSession> => {
    const session = await connectAgent(app.dataDir, name);
    agents.push(session);
    return session;
  };

  beforeAll(async () => {
    app = await openTempEngram();
    server = await MemorySocketServer.start({ dataDir: app.dataDir, api: app.engram });
    server.on('notes-changed', (event) => changes.push(event));
  });
  afterAll(async () => {
    await Promise.all(agents.map((a) => a.close()));
    await server?.close();
    await app?.cleanup();
  });

  it('serves only this user, and only clients with the token', async () => {
    if (process.platform !== 'win32') expect(fs.statSync(memorySocketPath(app.dataDir)).mode & 0o777).toBe(0o600);
    expect(fs.statSync(memoryTokenPath(app.dataDir)).mode & 0o777).toBe(0o600);
    await expect(connectMemorySocket({ dataDir: app.dataDir, token: 'not-the-token' })).rejects.toThrow(/token does not match/);
    const client = await connectMemorySocket({ dataDir: app.dataDir });
    expect(client).not.toBeNull();
    await expect(client!.getNote(424_242)).rejects.toMatchObject({ name: 'EngramError', code: 'NOT_FOUND' });
    await client!.close();
    expect(await app.engram.status()).toMatchObject({ notes: 0 }); // the client's close left the app's memory open
  });

  it("writes the agent's notes into the app's memory, attributed, and tells the app", async () => {
    await app.engram.setAgentAccess('codex-cli', 'read-write'); // new agents may only read until the person allows more
    const codex = await agent('codex-cli');
    const { note } = await callJson<{ note: { id: number } }>(codex, 'remember', { content: 'Deploys happen on Thursdays after the standup.', tags: ['work'] });
    expect(await app.engram.getNote(note.id)).toMatchObject({ author: 'codex-cli', source: { kind: 'mcp', path: 'codex-cli' } });
    expect(changes).toContainEqual({ method: 'addNote', noteId: note.id });
    expect(await callJson(codex, 'status')).toMatchObject({ servedBy: 'the Engram app', agent: 'codex-cli' });
    const mine = await app.engram.listNotes({ authors: ['codex-cli'] });
    expect(mine.notes.map((n) => n.id)).toEqual([note.id]);
    const agentsSeen = await app.engram.listAgents();
    expect(agentsSeen.agents).toContainEqual(expect.objectContaining({ name: 'codex-cli', access: 'read-write', usesDefault: false, notes: 1 }));
    expect(agentsSeen.agents.find((a) => a.name === 'codex-cli')!.lastSeenAt).not.toBeNull();
  });

  it('enforces per-agent access: blocked agents get an error, read-only ones may recall but not write', async () => {
    await app.engram.addNote({ body: 'The wifi password for the cabin is written on the fridge.' });
    await app.engram.setAgentAccess('nosy-bot', 'blocked');
    await app.engram.setAgentAccess('reader-bot', 'read-only');
    const nosy = await agent('nosy-bot');
    const reader = await agent('reader-bot');

    expect(await callError(nosy, 'recall', { query: 'wifi password' })).toMatch(/not allowed the agent "nosy-bot"/);
    expect(await callError(nosy, 'status')).toMatch(/blocked/);
    // reconnecting under another spelling is the same agent; under a new name it is a new agent: read-only at most
    expect(await callError(await agent('Nosy-Bot\u200b'), 'recall', { query: 'wifi password' })).toMatch(/not allowed the agent "nosy-bot"/i);
    const renamed = await agent('nosy-bot2');
    expect(await callError(renamed, 'remember', { content: 'Sneaking a note in under a new name.' })).toMatch(/"nosy-bot2" has read-only access.*engram agents set "nosy-bot2" read-write/);
    expect((await app.engram.listAgents()).agents.find((a) => a.name === 'nosy-bot2')).toMatchObject({ awaitingDecision: true });

    const found = await callJson<{ results: { title: string; author: string }[] }>(reader, 'recall', { query: 'wifi password cabin', mode: 'keyword' });
    expect(found.results[0]).toMatchObject({ author: 'you' });
    expect(await callError(reader, 'remember', { content: 'I should not be able to write this.' })).toMatch(/read-only access/);
    const before = (await app.engram.listNotes()).total;
    expect(await callError(reader, 'forget', { id: 1 })).toMatch(/read-only access/);
    expect((await app.engram.listNotes()).total).toBe(before);

    // access changes apply to the next call, without reconnecting
    await app.engram.setAgentAccess('reader-bot', null);
    expect(await callError(reader, 'remember', { content: 'Still read-only, now by default.' })).toMatch(/read-only access/);
    await app.engram.setAgentAccess('reader-bot', 'read-write');
    await callJson(reader, 'remember', { content: 'Allowed to write now.' });
  }, 240_000); // four engram mcp processes start here

  it('loses nothing when the app and two agents write at the same time', async () => {
    await app.engram.setAgentAccess('agent-a', 'read-write');
    await app.engram.setAgentAccess('agent-b', 'read-write');
    const a = await agent('agent-a');
    const b = await agent('agent-b');
    const start = (await app.engram.listNotes({ limit: 1 })).total;
    const count = 15;
    await Promise.all([
      ...Array.from({ length: count }, (_, i) => app.engram.addNote({ body: `App note ${i} about the garden plan.` })),
      ...Array.from({ length: count }, (_, i) => callJson(a, 'remember', { content: `Agent A note ${i} about the garden plan.` })),
      ...Array.from({ length: count }, (_, i) => callJson(b, 'remember', { content: `Agent B note ${i} about the garden plan.` })),
    ]);
    expect((await app.engram.listNotes({ limit: 1 })).total).toBe(start + 3 * count);
    for (const author of ['agent-a', 'agent-b']) {
      const page = await app.engram.listNotes({ authors: [author], limit: 100 });
      expect(page.notes.map((n) => n.body).sort()).toEqual(Array.from({ length: count }, (_, i) => `Agent ${author.at(-1)!.toUpperCase()} note ${i} about the garden plan.`).sort());
    }
    const recalled = await callJson<{ results: { author: string }[] }>(a, 'recall', { query: 'garden plan', mode: 'keyword', authors: ['agent-b'], limit: 50 });
    expect(recalled.results).toHaveLength(count);
    expect(new Set(recalled.results.map((r) => r.author))).toEqual(new Set(['agent-b']));
  });
});
