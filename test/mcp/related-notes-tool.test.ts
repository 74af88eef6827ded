// The `related_notes` MCP tool of the shipped `engram mcp`: what a read-only agent gets, and that a blocked one gets nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngram } from '../../src/core/engine/open-engram';
import { tempDir, testSeed } from '../support/temp-engram';
import { callError, callJson, connectAgent, type AgentSession } from './support/mcp-process';

interface RelatedJson {
  noteId: number;
  state: string;
  results: { id: number; title: string; similarity: number; passage: string; matchedOwnPassage: string; lessRelated: boolean }[];
  notice?: string;
}

describe('engram mcp: related_notes', { timeout: 180_000 }, () => {
  const dir = tempDir('engram-mcp-related-');
  const ids: Record<string, number> = {};
  const sessions: AgentSession[] = [];

  beforeAll(async () => {
    const memory = await openEngram({ dataDir: dir.dir, seed: testSeed() });
    ids.tea = (await memory.addNote({ body: 'Green tea is brewed at 80 degrees for two minutes; boiling water makes it bitter.' })).note.id;
    ids.brew = (await memory.addNote({ body: 'How to brew tea: oolong likes 90 degrees, black tea boiling water, steep three to four minutes.' })).note.id;
    ids.boat = (await memory.addNote({ body: 'Sailing trip: check the tide tables and pack the spare rope.' })).note.id;
    await memory.drainQueue();
    ids.fresh = (await memory.addNote({ body: 'Matcha is whisked, not steeped, with water just under 80 degrees.' })).note.id;
    await memory.setAgentAccess('reader-bot', 'read-only');
    await memory.setAgentAccess('nosy-bot', 'blocked');
    await memory.close();
    sessions.push(await connectAgent(dir.dir, 'reader-bot'));
  }, 180_000);
  afterAll(async () => {
    for (const session of sessions) await session.close();
    dir.cleanup();
  });

  it('gives a read-only agent the closest notes with their passages, and says when a note is not embedded yet', async () => {
    const reader = sessions[0]!;
    const related = await callJson<RelatedJson>(reader, 'related_notes', { id: ids.tea, limit: 5 });
    expect(related).toMatchObject({ noteId: ids.tea, state: 'ready' });
    expect(related.results[0]).toMatchObject({ id: ids.brew, lessRelated: false, passage: expect.stringContaining('brew tea') });
    expect(related.results[0]!.matchedOwnPassage).toContain('Green tea');
    expect(related.results.map((r) => r.id)).not.toContain(ids.tea);
    const boat = related.results.find((r) => r.id === ids.boat);
    if (boat) expect(boat.lessRelated).toBe(true);
    expect(await callError(reader, 'related_notes', { id: 999_999 })).toMatch(/There is no note 999999/);
    const fresh = await callJson<RelatedJson>(reader, 'related_notes', { id: ids.fresh });
    if (fresh.state === 'not-embedded') expect(fresh).toMatchObject({ results: [], notice: expect.stringContaining('not embedded yet') });
    else expect(fresh.state).toBe('ready'); // the server embedded it first
  });

  it('gives a blocked agent nothing', async () => {
    const nosy = await connectAgent(dir.dir, 'nosy-bot');
    sessions.push(nosy);
    expect(await callError(nosy, 'related_notes', { id: ids.tea })).toMatch(/not allowed the agent "nosy-bot"/);
  });
});
