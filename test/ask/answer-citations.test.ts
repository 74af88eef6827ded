// Citations in answers: mapped to the passages given, invented numbers never valid, uncited sentences found.
import { describe, expect, it } from 'vitest';
import { analyseAnswer, stripCitations, type AnswerPiece } from '../../src/shared/answer-citations';

const citations = (answer: string, passages: number) =>
  analyseAnswer(answer, passages)
    .blocks.flatMap((b) => b.sentences)
    .map((s) => s.pieces.filter((p): p is Extract<AnswerPiece, { kind: 'citation' }> => p.kind === 'citation').map((p) => ({ valid: p.valid, invalid: p.invalid })));

describe('analyseAnswer', () => {
  it('maps [n], [n, m] and [Passage n] to the passages given', () => {
    const a = analyseAnswer('The boiler was replaced in March [1]. The plumber quoted 2,400 euros [2, 3]. It was a condensing model [Passage 2].', 3);
    expect(a.cited).toEqual([1, 2, 3]);
    expect(a.invalid).toEqual([]);
    expect(a.uncitedSentences).toBe(0);
    expect(citations('Replaced in March [1]. Quoted 2,400 euros [2; 3].', 3)).toEqual([[{ valid: [1], invalid: [] }], [{ valid: [2, 3], invalid: [] }]]);
  });

  it('never validates a number the model was not given', () => {
    const a = analyseAnswer('The boiler was replaced in March [1]. It cost 2,400 euros [7]. The warranty is ten years [0].', 2);
    expect(a.cited).toEqual([1]);
    expect(a.invalid).toEqual([0, 7]);
    // a sentence whose only citation is invented counts as uncited
    expect(a.uncitedSentences).toBe(2);
    const mixed = analyseAnswer('Replaced in March by the plumber [1, 9].', 2);
    expect(mixed.cited).toEqual([1]);
    expect(mixed.invalid).toEqual([9]);
    expect(mixed.uncitedSentences).toBe(0);
  });

  it('gives a citation that opens a sentence to the sentence before it', () => {
    const a = analyseAnswer('We chose the condensing boiler in March. [1] The plumber comes on Monday morning. [2]', 2);
    const sentences = a.blocks[0]!.sentences;
    expect(sentences).toHaveLength(2);
    expect(sentences.every((s) => s.cited)).toBe(true);
    expect(a.uncitedSentences).toBe(0);
  });

  it('marks sentences that state something without a citation, but not headings, questions or "the notes do not say"', () => {
    const a = analyseAnswer(
      '## Summary\nHere is what I found:\n- Hydration of 75% works best for this starter [1].\n- Higher hydration makes the dough slack and hard to shape.\nThe notes do not say which flour you used.',
      1,
    );
    expect(a.blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'bullet', 'bullet', 'paragraph']);
    expect(a.uncitedSentences).toBe(1);
    const flagged = a.blocks.flatMap((b) => b.sentences).filter((s) => s.needsCitation && !s.cited);
    expect(flagged.map((s) => s.pieces.map((p) => (p.kind === 'text' ? p.text : '')).join('').trim())).toEqual(['Higher hydration makes the dough slack and hard to shape.']);
  });

  it('reads a citation split across streamed pieces once the pieces are joined', () => {
    const pieces = ['The boi', 'ler was', ' replaced [', '1', ']. Mo', 're [', '2]'];
    let text = '';
    const seen: number[][] = [];
    for (const piece of pieces) {
      text += piece;
      seen.push([...analyseAnswer(text, 2).cited]);
    }
    expect(seen[2]).toEqual([]); // "[" alone is not a citation yet
    expect(seen.at(-1)).toEqual([1, 2]);
  });

  it('strips citation numbers for the model history', () => {
    expect(stripCitations('Replaced in March [1]. Cost 2,400 euros [2, 3] .')).toBe('Replaced in March. Cost 2,400 euros.');
  });
});
