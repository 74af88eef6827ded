import { describe, expect, it } from 'vitest';
import { chunkMarkdown } from '../../src/core/chunking/markdown-chunker';

describe('chunkMarkdown', () => {
  it('starts a chunk at each heading and records the heading path and exact ranges', () => {
    const body = '# Garden\n\nTomatoes need sun.\n\n## Watering\n\nEvery morning.\n\n# Work\n\nBudget review.';
    const chunks = chunkMarkdown(body, 1000);
    expect(chunks.map((c) => c.headingPath)).toEqual(['Garden', 'Garden > Watering', 'Work']);
    for (const c of chunks) expect(body.slice(c.range.start, c.range.end)).toBe(c.text);
    expect(chunks[1]!.text).toBe('## Watering\n\nEvery morning.');
  });

  it('packs paragraphs while they fit and never exceeds the limit', () => {
    const body = Array.from({ length: 40 }, (_, i) => `Paragraph ${i} has a few words in it.`).join('\n\n');
    const chunks = chunkMarkdown(body, 200);
    expect(chunks.length).toBeGreaterThan(5);
    expect(Math.max(...chunks.map((c) => c.text.length))).toBeLessThanOrEqual(200);
    expect(chunks.map((c) => c.text).join('\n\n')).toBe(body);
  });

  it('keeps a fenced code block whole when it fits, even with blank lines and # inside', () => {
    const code = '```python\n# not a heading\n\ndef f():\n    return 1\n```';
    const chunks = chunkMarkdown(`Intro paragraph.\n\n${code}\n\nAfter.`, 1000);
    expect(chunks).toHaveLength(1);
    expect(chunks[0]!.text).toContain(code);
    const small = chunkMarkdown(`${'Intro words here. '.repeat(5)}\n\n${code}`, code.length + 5);
    expect(small.some((c) => c.text === code)).toBe(true);
  });

  it('cuts a 100k-character single line into pieces that cover it', () => {
    const line = 'word '.repeat(20_000).trim();
    const chunks = chunkMarkdown(line, 1000);
    expect(chunks.every((c) => c.text.length <= 1000)).toBe(true);
    expect(chunks[chunks.length - 1]!.range.end).toBe(line.length);
    expect(chunks.map((c) => c.text).join(' ')).toBe(line);
  });

  it('returns nothing for blank text', () => {
    expect(chunkMarkdown('  \n\n \n', 500)).toEqual([]);
  });
});
