// The note_links tool through the shipped `engram mcp` (the SDK's client over stdio): links and backlinks for a
// reader, nothing for a blocked agent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngram } from '../../src/core/engine/open-engram';
import type { NoteLinks } from '../../src/shared/connection-models';
import { tempDir, testSeed } from '../support/temp-engram';
import { callError, callJson, connectAgent, type AgentSession } from './support/mcp-process';

describe('note_links over MCP', { timeout: 120_000 }, () => {
  const dir = tempDir('engram-mcp-links-');
  let reader: AgentSession;
  let blocked: AgentSession;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    const memory = await openEngram({ dataDir: dir.dir, seed: testSeed() });
    ids.plan = (await memory.addNote({ title: 'Plan', body: 'The plan.' })).note.id;
    ids.log = (await memory.addNote({ title: 'Log', body: 'Read [[Plan#Goals|the plan]] and [[Missing]].' })).note.id;
    await memory.setAgentAccess('Blocked Agent', 'blocked');
    await memory.close();
    reader = await connectAgent(dir.dir, 'Reader Agent'); // new agents may read
  });
  afterAll(async () => {
    await reader?.close();
    await blocked?.close();
    dir.cleanup();
  });

  it('gives a reader the links, resolved or not, and the backlinks', async () => {
    const log = await callJson<NoteLinks>(reader, 'note_links', { id: ids.log });
    expect(log.outgoing).toEqual([
      { target: 'Plan', kind: 'wikilink', heading: 'Goals', blockRef: null, label: 'the plan', noteId: ids.plan, noteTitle: 'Plan' },
      { target: 'Missing', kind: 'wikilink', heading: null, blockRef: null, label: null, noteId: null, noteTitle: null },
    ]);
    const plan = await callJson<NoteLinks>(reader, 'note_links', { id: ids.plan });
    expect(plan.backlinks).toEqual([{ noteId: ids.log, title: 'Log', context: 'Read the plan and Missing.', count: 1 }]);
    expect(await callError(reader, 'note_links', { id: 999_999 })).toContain('NOT_FOUND');
  });

  it('gives a blocked agent nothing', async () => {
    await reader.close(); // one holder at a time: the next server opens the memory itself
    blocked = await connectAgent(dir.dir, 'Blocked Agent');
    const error = await callError(blocked, 'note_links', { id: ids.plan });
    expect(error).toContain('blocked');
    expect(error).not.toContain('Log');
  });
});
