import { describe, expect, it } from 'vitest';
import { fusionLabel, parseCutoffs, parseFusions, parseSweep } from '../../eval/eval-options';
import { withDivider } from '../../eval/less-related';
import type { RecallHit } from '../../src/shared/models';
import { documentIdOf, noteForDocument } from '../../eval/eval-memory';
import { queryText } from '../../eval/eval-run';
import { leaveOneOut } from '../../eval/leave-one-out';
import { relativeGain } from '../../eval/metrics';
import type { SmartCollection } from '../../eval/smart-collection';

describe('the notes and queries of an evaluation', () => {
  const collection = { name: 'cacm', files: { documents: '/data/cacm/cacm.all' } } as unknown as SmartCollection;

  it('keeps a document without an abstract as a note whose body is its title', () => {
    const note = noteForDocument(collection, { id: 4, title: 'Glossary of Terms', authors: [], abstract: '', crossRefs: [] });
    expect(note).toEqual({ title: 'Glossary of Terms', body: 'Glossary of Terms', source: { kind: 'cacm', path: 'cacm.all#4' } });
    expect(documentIdOf(note.source)).toBe(4);
    expect(documentIdOf({ path: null })).toBeNull();
    expect(documentIdOf({ path: 'notes/todo.md' })).toBeNull();
  });

  it('sends queries without their prose quote marks, which Engram would read as required phrases', () => {
    expect(queryText({ id: 1, text: 'text formatting, "what you see is what you get" systems', title: null, authors: [], bibliography: null })).toBe(
      'text formatting, what you see is what you get systems',
    );
  });
});

describe('the less-related cut-off', () => {
  const hit = (id: number, score: number, keyword: boolean, similarity: number | null): RecallHit =>
    ({ id, score, lessRelated: false, why: { keyword: keyword ? { rank: 1, score: 1 } : null, vector: similarity === null ? null : { rank: 1, similarity } } }) as unknown as RecallHit;

  it('moves hits without a query word below the cut-off under the divider, from recall order by score', () => {
    const hits = [hit(1, 0.9, false, 0.2), hit(2, 0.8, true, 0.1), hit(3, 0.7, false, 0.5), hit(4, 0.95, false, null)];
    expect(withDivider(hits, 0.35).map((h) => h.id)).toEqual([2, 3, 4, 1]);
    expect(withDivider(hits, 0).map((h) => h.id)).toEqual([1, 2, 3, 4]);
    expect(parseCutoffs('0, 0.35')).toEqual([0, 0.35]);
    expect(() => parseCutoffs('0.2,2')).toThrow(/--cutoffs/);
  });
});

describe('the evaluation options', () => {
  it('parses score and rank fusion rows, and refuses anything else', () => {
    expect(parseFusions('z:0.4; rrf:20,0.5,1; 60,1,1')).toEqual([
      { method: 'zscore', vectorWeight: 0.4 },
      { k: 20, vector: 0.5, keyword: 1 },
      { k: 60, vector: 1, keyword: 1 },
    ]);
    expect(() => parseFusions('z:1.5')).toThrow(/--fusion/);
    expect(() => parseFusions('rrf:20,0.5')).toThrow(/--fusion/);
    expect(fusionLabel({ method: 'zscore', vectorWeight: 0.3 })).toBe('z-score, vector weight 0.3');
  });

  it('parses the sweep, or skips it', () => {
    expect(parseSweep(undefined)).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(parseSweep('0.2,0.4')).toEqual([0.2, 0.4]);
    expect(parseSweep('none')).toEqual([]);
    expect(() => parseSweep('0.2,2')).toThrow(/--sweep/);
  });
});

describe('leaveOneOut', () => {
  const keyword = new Map([
    ['a', 0.4],
    ['b', 0.5],
  ]);
  const points = [
    { label: 'w 0.2', ndcgAt10: new Map([['a', 0.42], ['b', 0.56]]) },
    { label: 'w 0.3', ndcgAt10: new Map([['a', 0.44], ['b', 0.54]]) },
  ];

  it('chooses each setting on the other collection and reports it on the one left out', () => {
    expect(leaveOneOut(points, keyword)).toEqual([
      // chosen on b (w 0.2: +12% there), measured on a: 0.42 = +5%
      { measuredOn: 'a', chosenOn: ['b'], label: 'w 0.2', ndcgAt10: 0.42, gainOverKeyword: relativeGain(0.42, 0.4) },
      // chosen on a (w 0.3: +10% there), measured on b: 0.54 = +8%
      { measuredOn: 'b', chosenOn: ['a'], label: 'w 0.3', ndcgAt10: 0.54, gainOverKeyword: relativeGain(0.54, 0.5) },
    ]);
  });

  it('has nothing to choose on with a single collection', () => {
    expect(leaveOneOut(points, new Map([['a', 0.4]]))).toEqual([]);
  });
});
