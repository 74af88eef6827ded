// `engram related`'s human output for each state (the built CLI's run is test/cli/related-command.test.ts).
import { describe, expect, it } from 'vitest';
import { formatRelated } from '../../src/cli/commands/related';
import type { RelatedNotes } from '../../src/shared/connection-models';
import type { Styles } from '../../src/cli/output';

const plain: Styles = { bold: (t) => t, dim: (t) => t, highlight: (t) => t };
const note = (noteId: number, similarity: number, lessRelated: boolean) => ({ noteId, title: `Note ${noteId}`, similarity, passage: 'A passage\nover two lines.', matchedOwnPassage: 'Mine.', lessRelated });
const related = (over: Partial<RelatedNotes>): RelatedNotes => ({ noteId: 7, state: 'ready', pendingPassages: 0, notes: [], tookMs: 1, ...over });

describe('engram related, human output', () => {
  it('lists each note on one line with its passage on the next, the less related under their own heading', () => {
    expect(formatRelated(related({ notes: [note(2, 0.61, false), note(3, 0.2, true)] }), plain)).toEqual([
      '0.61  Note 2  note 2',
      '      A passage over two lines.',
      '',
      'Less related:',
      '0.20  Note 3  note 3',
      '      A passage over two lines.',
    ]);
  });

  it('says plainly why a list is short or empty', () => {
    expect(formatRelated(related({ state: 'not-embedded', pendingPassages: 2 }), plain)).toEqual(['Note 7 is not embedded yet: run `engram wait` (or open the app) to embed it, then ask again.']);
    expect(formatRelated(related({ state: 'partly-embedded', pendingPassages: 1, notes: [note(2, 0.5, false)] }), plain).at(-1)).toBe(
      '1 passage of note 7 still waits for embeddings: run `engram wait` to compare it too.',
    );
    expect(formatRelated(related({ state: 'nothing-to-compare' }), plain)[0]).toMatch(/^Note 7 has nothing to compare: it is forgotten or has no text/);
    expect(formatRelated(related({}), plain)).toEqual(['No other notes to compare with.']);
  });
});
