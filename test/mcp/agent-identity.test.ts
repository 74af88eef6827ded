// Agent names are self-declared: a new name gets only the safe default, names are normalised before they are keyed
// or shown, and no agent is ever shown as the person.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { looksLikePerson, normaliseAgentName } from '../../src/core/agents/agent-name';
import { SettingsRepository } from '../../src/core/db/repositories/settings-repository';
import type { Engram } from '../../src/core/engine/engram';
import { openEngram } from '../../src/core/engine/open-engram';
import { openTempEngram, tempDir, testSeed } from '../support/temp-engram';

/** Names an agent host might send that render as "you". */
const LOOKS_LIKE_YOU = [
  'you\u200b', // zero-width space
  'y\u043eu', // Cyrillic о
  '\u202dyou\u202c', // left-to-right override (a right-to-left one around "uoy" is cleaned to "uoy", above)
  'yo\u00adu', // soft hyphen
  '\uff59\uff4f\uff55', // full-width
  'YOU',
  '\u2066you\u2069', // isolates
  'y\u200do\u200cu', // joiners
];

describe('agent names', () => {
  it('are normalised: NFKC, no invisible or bidirectional characters, spaces folded', () => {
    expect(normaliseAgentName('  claude\u200b-ai  ')).toBe('claude-ai');
    expect(normaliseAgentName('\ufeffcursor\u00a0\u00a0vscode\u202c')).toBe('cursor vscode');
    expect(normaliseAgentName('\u202euoy')).toBe('uoy');
    expect(normaliseAgentName('codex\ncli')).toBe('codex cli');
    expect(() => normaliseAgentName('\u200b\u200d\u202e')).toThrow(/cannot be empty/);
  });

  it('never read as the person: every look-alike of "you" becomes "agent ..."', () => {
    for (const name of LOOKS_LIKE_YOU) {
      const stored = normaliseAgentName(name);
      expect(stored, JSON.stringify(name)).toMatch(/^agent /);
      expect(stored).not.toMatch(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069\u00ad\ufeff]/);
    }
    expect(looksLikePerson('yours')).toBe(false);
    expect(normaliseAgentName('young-agent')).toBe('young-agent');
  });
});

describe('agent access against renamed and look-alike agents', () => {
  let app: { engram: Engram; cleanup: () => Promise<void> };
  beforeAll(async () => {
    app = await openTempEngram();
  });
  afterAll(async () => {
    await app?.cleanup();
  });

  it('gives a new, unknown agent read-only access by default, so a blocked agent gains nothing by renaming', async () => {
    const { engram } = app;
    expect((await engram.listAgents()).defaultAccess).toBe('read-only');
    await engram.setAgentAccess('blocked-agent', 'blocked');
    expect(await engram.agentAccess('blocked-agent')).toBe('blocked');
    expect(await engram.agentAccess('Blocked-Agent')).toBe('blocked');
    expect(await engram.agentAccess('blocked-agent\u200b')).toBe('blocked');
    expect(await engram.agentAccess('\u2066blocked-agent\u2069')).toBe('blocked');
    expect(await engram.agentAccess('blocked-agent2')).toBe('read-only');
    const listed = await engram.listAgents();
    expect(listed.agents.map((a) => a.name)).toEqual(['blocked-agent', 'blocked-agent2']);
    expect(listed.agents.find((a) => a.name === 'blocked-agent2')).toMatchObject({ usesDefault: true, awaitingDecision: true });
    expect(listed.agents.find((a) => a.name === 'blocked-agent')).toMatchObject({ usesDefault: false, awaitingDecision: false });
  });

  it('lets the person choose the default: blocked (nothing until allowed), or read-write', async () => {
    const { engram } = app;
    await engram.setDefaultAgentAccess('blocked');
    expect(await engram.agentAccess('brand-new-agent')).toBe('blocked');
    await engram.setAgentAccess('Brand-New-Agent', 'read-write');
    expect(await engram.agentAccess('brand-new-agent')).toBe('read-write');
    expect((await engram.listAgents()).agents.filter((a) => a.name.toLowerCase() === 'brand-new-agent')).toHaveLength(1);
    await engram.setDefaultAgentAccess('read-write');
    expect((await engram.listAgents()).agents.find((a) => a.name === 'blocked-agent2')).toMatchObject({ access: 'read-write', awaitingDecision: false });
    await engram.setDefaultAgentAccess('read-only');
  });

  it('never stores or lists an agent as the person', async () => {
    const { engram } = app;
    for (const name of LOOKS_LIKE_YOU) {
      const { note } = await engram.addNote({ body: `Written by ${JSON.stringify(name)}.`, author: name });
      expect(note.author, JSON.stringify(name)).toMatch(/^agent /);
      expect(await engram.agentAccess(name)).toBe('read-only');
    }
    expect((await engram.addNote({ body: 'Written by the person.' })).note.author).toBe('you');
    expect((await engram.listNotes({ authors: ['you'] })).notes.map((n) => n.body)).toEqual(['Written by the person.']);
    expect((await engram.listAgents()).agents.every((a) => !looksLikePerson(a.name) && a.name !== 'you')).toBe(true);
  });
});

describe('a memory from before agent names were normalised and new agents were read-only', () => {
  const dir = tempDir('engram-agents-upgrade-');
  afterAll(() => dir.cleanup());

  it('keeps what known agents had, cleans stored names, and gives new names the safe default', async () => {
    const old = await openEngram({ dataDir: dir.dir, seed: testSeed() });
    const settings = new SettingsRepository(old.database);
    await old.addNote({ body: 'A note by cursor.', author: 'cursor' });
    const spoof = await old.addNote({ body: 'A note by a spoofer.', author: 'mallory' });
    // as the previous version left it: no default stored (read-write for all), raw names, no policy version
    await old.database.query(`update notes set author = 'you\u200b' where id = $1`, [spoof.note.id]);
    await settings.set('agents.registry', {
      claude: { lastSeenAt: '2026-01-01T00:00:00.000Z' },
      'blocked-agent': { access: 'blocked' },
      'Blocked-Agent\u200b': { access: 'read-write', lastSeenAt: '2026-01-02T00:00:00.000Z' },
    });
    await settings.set('agents.policyVersion', null);
    await old.close();

    const upgraded = await openEngram({ dataDir: dir.dir });
    try {
      expect(await upgraded.agentAccess('claude')).toBe('read-write');
      expect(await upgraded.agentAccess('cursor')).toBe('read-write');
      expect(await upgraded.agentAccess('blocked-agent')).toBe('blocked');
      expect(await upgraded.agentAccess('someone-new')).toBe('read-only');
      expect((await upgraded.getNote(spoof.note.id)).author).toBe('agent you');
      const names = (await upgraded.listAgents()).agents.map((a) => a.name);
      expect(names.filter((n) => n.toLowerCase() === 'blocked-agent')).toHaveLength(1);
      expect(names).toContain('agent you');
    } finally {
      await upgraded.close();
    }
    const again = await openEngram({ dataDir: dir.dir });
    try {
      expect(await again.agentAccess('someone-new')).toBe('read-only'); // the upgrade ran once: new names stay read-only
    } finally {
      await again.close();
    }
  }, 180_000); // opens the memory three times
});
