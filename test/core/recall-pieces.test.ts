import { describe, expect, it } from 'vitest';
import { fuseRanks, rankNotes } from '../../src/core/recall/rank-fusion';

const plainRrf = { k: 60, vector: 1, keyword: 1 };
import { parseRecallQuery } from '../../src/core/recall/recall-query';
import { buildSnippet, findHighlights } from '../../src/core/recall/snippet';

describe('parseRecallQuery', () => {
  it('separates quoted phrases (straight and curly) from free text', () => {
    const q = parseRecallQuery('budget "quarterly review" and “finance team”');
    expect(q.phrases).toEqual(['quarterly review', 'finance team']);
    expect(q.text).toBe('budget quarterly review and finance team');
    expect(q.terms).toEqual(['budget', 'quarterly', 'review', 'finance', 'team']);
  });

  it('treats an unclosed quote as plain text', () => {
    expect(parseRecallQuery('say "hello').phrases).toEqual([]);
    expect(parseRecallQuery('say "hello').text).toBe('say hello');
  });
});

describe('rank fusion', () => {
  it('ranks notes by their best chunk and fuses legs by reciprocal rank', () => {
    const vector = rankNotes([
      { chunkId: 1, noteId: 10, score: 0.9 },
      { chunkId: 2, noteId: 10, score: 0.8 },
      { chunkId: 3, noteId: 20, score: 0.7 },
    ]);
    expect([...vector.values()].map((r) => [r.noteId, r.rank])).toEqual([[10, 1], [20, 2]]);
    const keyword = rankNotes([{ chunkId: 3, noteId: 20, score: 5 }, { chunkId: 4, noteId: 30, score: 4 }]);
    const fused = fuseRanks(vector, keyword, plainRrf);
    expect(fused[0]).toEqual({ noteId: 20, score: 1 / 62 + 1 / 61 });
    expect(fused.map((f) => f.noteId)).toEqual([20, 10, 30]);
  });
});

describe('snippets', () => {
  it('highlights phrases and word stems', () => {
    const text = 'Watering tomatoes: water the tomato plants daily.';
    const ranges = findHighlights(text, ['tomatoes', 'water'], ['tomato plants']);
    expect(ranges.map((r) => text.slice(r.start, r.end))).toEqual(['Watering', 'tomatoes', 'water', 'tomato plants']);
  });

  it('picks the window with the matches in a long chunk and maps it to the note body', () => {
    const text = `${'Filler sentence without the word. '.repeat(30)}Here the zebra appears. ${'More filler text. '.repeat(30)}`;
    const snippet = buildSnippet(text, 100, ['zebra'], []);
    expect(snippet.text.length).toBeLessThanOrEqual(280);
    expect(snippet.text).toContain('zebra');
    const h = snippet.highlights[0]!;
    expect(snippet.text.slice(h.start, h.end)).toBe('zebra');
    expect(text.slice(snippet.range.start - 100, snippet.range.end - 100)).toBe(snippet.text);
  });

  it('shows plain text, not Markdown, with the whole matched phrase highlighted (issue 20, point 2)', () => {
    const text = [
      '## Milestones',
      '',
      '| Phase | When |',
      '| --- | --- |',
      '| Pilot | after two full **billing** cycles |',
      '',
      '> [!tip] Night guard',
      '> wear the **night guard** every night, see [[Sleep|sleep notes]] <b>now</b>',
      '',
      `${'Unrelated filler words here. '.repeat(20)}`,
    ].join('\n');
    const phrase = buildSnippet(text, 0, ['two', 'full', 'billing', 'cycles'], ['two full billing cycles']);
    expect(phrase.text).not.toMatch(/##|\||\*\*|---/);
    expect(phrase.text).toContain('Pilot · after two full billing cycles');
    expect(phrase.highlights.map((h) => phrase.text.slice(h.start, h.end))).toEqual(['two full billing cycles']);
    expect(text.slice(phrase.range.start, phrase.range.end)).toContain('two full **billing** cycles'); // the range is in the note's own text
    const guard = buildSnippet(text, 0, ['night', 'guard'], []);
    expect(guard.text).toContain('Night guard\nwear the night guard every night, see sleep notes now');
    expect(guard.text).not.toMatch(/\[!tip\]|>|\[\[|<b>/);
  });
});

describe('worker scripts', () => {
  it('resolve beside the bundle, and into app.asar.unpacked inside a packaged app', async () => {
    const { workerScript } = await import('../../src/core/engine/worker-script');
    const saved = process.env.ENGRAM_WORKER_DIR;
    try {
      process.env.ENGRAM_WORKER_DIR = '/opt/Engram/resources/app.asar/out/main';
      expect(workerScript('engine-worker')).toBe('/opt/Engram/resources/app.asar.unpacked/out/main/engine-worker.js');
      process.env.ENGRAM_WORKER_DIR = '/repo/out/node';
      expect(workerScript('engine-worker')).toBe('/repo/out/node/engine-worker.js');
    } finally {
      process.env.ENGRAM_WORKER_DIR = saved;
    }
  });
});
