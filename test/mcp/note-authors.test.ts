// Core support for agents: note authors (stored, filtered in lists and both recall legs), tag counts, agent access.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engram } from '../../src/core/engine/engram';
import { openTempEngram } from '../support/temp-engram';

describe('note authors, tags and agent access', () => {
  let app: { engram: Engram; cleanup: () => Promise<void> };
  beforeAll(async () => {
    app = await openTempEngram();
  });
  afterAll(async () => {
    await app?.cleanup();
  });

  it('stores the author (default "you", trimmed, at most 100 characters)', async () => {
    const { engram } = app;
    expect((await engram.addNote({ body: 'Tomatoes need full sun.', tags: ['garden'] })).note.author).toBe('you');
    expect((await engram.addNote({ body: 'Water the basil daily.', tags: ['garden/herbs'], author: '  claude  ' })).note.author).toBe('claude');
    expect((await engram.addNote({ body: 'Repot the fig in spring.', author: '   ' })).note.author).toBe('you');
    await expect(engram.addNote({ body: 'Too long an author.', author: 'x'.repeat(101) })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect((await engram.getNote((await engram.addNote({ body: 'Compost turns in autumn.', author: 'cursor' })).note.id)).author).toBe('cursor');
  });

  it('filters lists and both recall legs by author', async () => {
    const { engram } = app;
    expect((await engram.listNotes({ authors: ['claude', 'cursor'] })).notes.map((n) => n.author).sort()).toEqual(['claude', 'cursor']);
    expect((await engram.listNotes({ authors: ['you'] })).total).toBe(2);
    await engram.drainQueue();
    for (const mode of ['keyword', 'vector', 'hybrid'] as const) {
      const { results } = await engram.recall('watering herbs in the garden', { mode, authors: ['claude'] });
      expect(results.map((r) => r.title)).toEqual(['Water the basil daily.']);
    }
  });

  it('counts tags on live notes', async () => {
    const { engram } = app;
    const extra = await engram.addNote({ body: 'Forgotten garden note.', tags: ['garden'] });
    await engram.forgetNote(extra.note.id);
    expect(await engram.listTags()).toEqual([
      { tag: 'garden', count: 1 },
      { tag: 'garden/herbs', count: 1 },
    ]);
  });

  it('keeps per-agent access in settings, with a default for unknown agents', async () => {
    const { engram } = app;
    expect(await engram.agentAccess('new-agent')).toBe('read-only'); // names are self-declared: new ones may only read
    await engram.setDefaultAgentAccess('read-write');
    expect(await engram.agentAccess('new-agent')).toBe('read-write');
    await engram.setDefaultAgentAccess('read-only');
    expect(await engram.agentAccess('another-agent')).toBe('read-only');
    await engram.setAgentAccess('claude', 'blocked');
    expect(await engram.agentAccess('claude')).toBe('blocked');
    await expect(engram.setAgentAccess('claude', 'admin' as never)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const list = await engram.listAgents();
    expect(list.defaultAccess).toBe('read-only');
    expect(list.agents.map((a) => [a.name, a.access, a.usesDefault, a.notes])).toEqual([
      ['another-agent', 'read-only', true, 0],
      ['claude', 'blocked', false, 1],
      ['cursor', 'read-only', true, 1],
      ['new-agent', 'read-only', true, 0],
    ]);
    await engram.setAgentAccess('claude', null);
    expect(await engram.agentAccess('claude')).toBe('read-only');
    // an agent cannot pose as the person
    expect(await engram.agentAccess('You')).toBe('read-only');
    expect((await engram.listAgents()).agents.map((a) => a.name)).toContain('agent You');
  });
});
