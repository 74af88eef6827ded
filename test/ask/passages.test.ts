// Passages for the prompt: the recalled snippet widened to its paragraphs, within a limit, without a heading that
// only repeats the title; the range always points at the passage's text in the note.
import { describe, expect, it } from 'vitest';
import { skipTitleHeading, widenToParagraphs } from '../../src/core/ask/passages';

const body = '# Boiler\n\nIntro paragraph about the house.\n\nWe decided to replace the boiler in March. The plumber quoted 2,400 euros.\n\nOther topic.';

describe('passages', () => {
  it('widens a snippet to its paragraph', () => {
    const start = body.indexOf('replace');
    const range = widenToParagraphs(body, { start, end: start + 20 });
    expect(body.slice(range.start, range.end)).toBe('We decided to replace the boiler in March. The plumber quoted 2,400 euros.');
  });

  it('cuts a long paragraph to the limit around the snippet, at whitespace', () => {
    const long = `${'word '.repeat(500)}KEY SENTENCE HERE ${'tail '.repeat(500)}`;
    const start = long.indexOf('KEY');
    const range = widenToParagraphs(long, { start, end: start + 17 }, 300);
    const text = long.slice(range.start, range.end);
    expect(text).toContain('KEY SENTENCE HERE');
    expect(text.length).toBeLessThanOrEqual(300);
    expect(/^\S/.test(text) && /\S$/.test(text)).toBe(true);
  });

  it('drops a heading that repeats the title, and keeps one that does not', () => {
    const whole = { start: 0, end: body.indexOf('\n\nWe decided') };
    const skipped = skipTitleHeading(body, whole, 'Boiler');
    expect(body.slice(skipped.start, skipped.end)).toBe('Intro paragraph about the house.');
    expect(skipTitleHeading(body, whole, 'Something else')).toEqual(whole);
  });
});
