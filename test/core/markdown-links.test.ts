// What the one Markdown parse reads as links to notes: wikilinks, embeds and relative Markdown links, never code,
// math, HTML, comments, escapes, URLs or files that are not notes.
import { describe, expect, it } from 'vitest';
import { analyseMarkdown } from '../../src/core/markdown/markdown-analysis';

const links = (md: string) => analyseMarkdown(md).noteLinks;
const targets = (md: string): string[] => links(md).map((l) => `${l.kind}:${l.target}`);

describe('links to notes from the one parse', () => {
  it('reads wikilinks with label, heading and block reference, and embeds', () => {
    expect(links('See [[Note|the label]], [[Other#Some Heading]] and [[Third#^abc123]].\n\n![[Picture note]]')).toEqual([
      { kind: 'wikilink', target: 'Note', heading: null, blockRef: null, label: 'the label', context: 'See the label, Other and Third.' },
      { kind: 'wikilink', target: 'Other', heading: 'Some Heading', blockRef: null, label: null, context: 'See the label, Other and Third.' },
      { kind: 'wikilink', target: 'Third', heading: null, blockRef: 'abc123', label: null, context: 'See the label, Other and Third.' },
      { kind: 'embed', target: 'Picture note', heading: null, blockRef: null, label: null, context: 'Picture note' },
    ]);
  });

  it('reads relative Markdown links to notes, percent-decoded, with ../ and headings', () => {
    expect(links('[one](other.md) [two](folder/Other%20Note.md) [three](../x.md#Heading) [four](y.md#^blk) [No ending](Plain)')).toEqual([
      { kind: 'markdown', target: 'other.md', heading: null, blockRef: null, label: 'one', context: 'one two three four No ending' },
      { kind: 'markdown', target: 'folder/Other Note.md', heading: null, blockRef: null, label: 'two', context: 'one two three four No ending' },
      { kind: 'markdown', target: '../x.md', heading: 'Heading', blockRef: null, label: 'three', context: 'one two three four No ending' },
      { kind: 'markdown', target: 'y.md', heading: null, blockRef: 'blk', label: 'four', context: 'one two three four No ending' },
      { kind: 'markdown', target: 'Plain', heading: null, blockRef: null, label: 'No ending', context: 'one two three four No ending' },
    ]);
  });

  it('does not count URLs, mail, anchors, images or files that are not notes', () => {
    expect(targets('[w](https://x.org/a.md) [m](mailto:a@b.c) [a](#local) [p](paper.pdf) [i](pic.png) ![img](note.md) <https://y.org> [s](//host/n.md) [o](obsidian://open?x)')).toEqual([]);
    expect(targets('![[diagram.png]] [[Photo.JPG|a photo]] ![[talk.mp3]] ![[Paper.pdf]]')).toEqual(['embed:Paper.pdf']); // an imported PDF is a note
  });

  it('finds nothing inside code, math, HTML, comments or escapes', () => {
    const md = [
      '```\n[[fenced]] [x](fenced.md)\n```',
      '    [[indented]]',
      'Inline `[[code]]` and `[c](code.md)`, math $[[m]]$, <span>[[html]]</span>? no: html inline is a tag only.',
      '<div>\n[[html block]]\n</div>',
      '%% [[commented]] %%',
      'Escaped \\[\\[not a link]] and \\[no](no.md)',
    ].join('\n\n');
    expect(targets(md)).toEqual(['wikilink:html']);
  });

  it('keeps repeats in order and gives each link its own line as context', () => {
    const found = links('First line with [[A]]\nsecond line with **[[B]]** and `code`\n\n- item [[A]]');
    expect(found.map((l) => [l.target, l.context])).toEqual([
      ['A', 'First line with A'],
      ['B', 'second line with B and code'],
      ['A', 'item A'],
    ]);
  });

  it('skips links into the same note and cuts long lines to a window around the link', () => {
    expect(targets('[[#Heading here]] and [[^block]]')).toEqual(['wikilink:^block']);
    const long = `${'word '.repeat(200)}[[Far]]${' more'.repeat(200)}`;
    const [link] = links(long);
    expect(link!.context.length).toBeLessThanOrEqual(242);
    expect(link!.context).toContain('Far');
    expect(link!.context.indexOf('Far')).toBeLessThan(90); // a little before the link, so it shows in two lines
    const late = links(`${'A fairly ordinary sentence that goes on. '.repeat(4)}Notes on watering are in [[Tomato care]].`);
    expect(late[0]!.context).toMatch(/^….{60,90}Tomato care\.$/);
    expect(links('Short line with [[Near]] the start.')[0]!.context).toBe('Short line with Near the start.');
  });
});
