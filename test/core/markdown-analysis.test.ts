// A corpus of tricky Markdown: each case asserts what the one parse reads from it (tags, wikilinks, blocks). Before
// the parser, the tag regex read '#ff0000' in a CSS colour inside a fenced block inside a quote as a tag.
import { describe, expect, it } from 'vitest';
import { markdownNote } from '../../src/core/importers/markdown-note';
import { analyseMarkdown } from '../../src/core/markdown/markdown-analysis';

const tags = (md: string): readonly string[] => analyseMarkdown(md).tags;
const links = (md: string): readonly string[] => analyseMarkdown(md).links;
const blocks = (md: string): string[] => analyseMarkdown(md).blocks.map((b) => `${b.kind}${b.level ?? ''}:${md.slice(b.start, b.end)}`);

describe('tags come only from text', () => {
  it('not from a fenced block inside a quote (the Obsidian CSS case), nor any other code', () => {
    expect(tags('> ```css\n> a { color: #ff0000; }\n> ```\n> outside #quoted')).toEqual(['quoted']);
    expect(tags('~~~\n#tilde\n~~~\n\n    #indented code\n\nInline `#code` and ``#double `x` #more`` ok #yes')).toEqual(['yes']);
    expect(tags('```\n#unclosed fence runs to the end\n\n#still-code')).toEqual([]);
    expect(tags('- item\n\n      #code-in-list\n- #listed')).toEqual(['listed']);
  });

  it('not from HTML blocks, inline HTML or HTML comments', () => {
    expect(tags('<!-- #hidden -->\n\ntext <!-- #inline-comment --> #seen')).toEqual(['seen']);
    expect(tags('<div>\n#in-html\n</div>\n\n<span title="#attr">x</span> #after')).toEqual(['after']);
    expect(tags('<!--\nmulti-line #comment\n\nwith a blank line #still\n-->\n#out')).toEqual(['out']);
  });

  it('not from %% comments, inline or over several lines', () => {
    expect(tags('a %% #secret %% #open')).toEqual(['open']);
    expect(tags('%%\n#hidden\n\n#hidden-too\n%%\n\n#shown')).toEqual(['shown']);
    expect(tags('text %%\nspans #lines\n%% #after')).toEqual(['after']);
  });

  it('not from URLs, link targets, link text or wikilink headings', () => {
    expect(tags('https://example.org/#anchor and <https://x.org/#auto> #real')).toEqual(['real']);
    expect(tags('[#label](https://x.org/#frag) ![#alt](pic.png#x) [ref][r]\n\n[r]: https://y.org/#z')).toEqual([]);
    expect(tags('[[Note#Heading|#label]] and [[#Local heading]] #t')).toEqual(['t']);
  });

  it('not from math', () => {
    expect(tags('Cost $#x + 1$ and $$#y$$ #z')).toEqual(['z']);
    expect(tags('$$\n\\#a #b\n$$\n\n#after-math')).toEqual(['after-math']);
  });

  it('from headings, emphasis, quotes, nested lists, callouts, tables, tasks and footnotes', () => {
    expect(tags('# Title #htag\n\n#line-start **#bold** _#em_')).toEqual(['htag', 'line-start', 'bold', 'em']);
    expect(tags('> - item #inquote\n>   > nested #deep\n> > > three #three')).toEqual(['inquote', 'deep', 'three']);
    expect(tags('> [!tip] Title #calltag\n> body #callbody')).toEqual(['calltag', 'callbody']);
    expect(tags('| a | #cell |\n| --- | --- |\n| `#code` | x #row |')).toEqual(['cell', 'row']);
    expect(tags('- [ ] todo #task\n- [x] done #finished')).toEqual(['task', 'finished']);
    expect(tags('Text[^1].\n\n[^1]: A footnote #foot')).toEqual(['foot']);
  });

  it('keeps Obsidian\'s tag rules: no numeric tags, no escaped or mid-word #, nesting kept', () => {
    expect(tags('#1 #2024 \\#escaped C#sharp a#b (#paren) #a/b/c #x_y-z #trailing/')).toEqual(['a/b/c', 'x_y-z', 'trailing']);
    expect(tags('#日本語 #über')).toEqual(['日本語', 'über']);
    expect(tags('&#35;entity &amp;#amp&nbsp;#after-space')).toEqual(['after-space']);
  });
});

describe('wikilinks', () => {
  it('reads targets outside code, in order, once each', () => {
    expect(links('See [[A]], [[B|b]], [[C#Part]], ![[d.png]], [[A]] and `[[Code]]`')).toEqual(['A', 'B', 'C', 'd.png']);
    expect(links('```\n[[Fenced]]\n```\n> [[Quoted]]\n\n| [[Cell]] |\n| - |\n%% [[Hidden]] %%')).toEqual(['Quoted', 'Cell']);
    expect(links('[[#Heading only]] [[]] [[a\nb]]')).toEqual([]);
  });
});

describe('blocks (chunk boundaries)', () => {
  it('headings (ATX and setext), code with blank lines kept whole, list items, quotes, tables', () => {
    const md = '# One\n\npara\nline two\n\n```js\na\n\nb\n```\n\n- x\n- y\n\n> q\n> r\n\nSet\n===\n\n| a |\n| - |\n| b |';
    expect(blocks(md)).toEqual([
      'heading1:# One',
      'paragraph:para\nline two',
      'code:```js\na\n\nb\n```',
      'paragraph:- x',
      'paragraph:- y',
      'paragraph:> q\n> r',
      'heading1:Set\n===',
      'paragraph:| a |\n| - |\n| b |',
    ]);
    expect(analyseMarkdown('## Two ##\n').blocks[0]).toMatchObject({ level: 2, text: 'Two' });
  });

  it('covers text no block holds (link definitions) and HTML and math blocks', () => {
    expect(blocks('Text[^1] #t\n\n[^1]: Note #foot\n\nafter')).toEqual(['paragraph:Text[^1] #t', 'paragraph:[^1]: Note #foot', 'paragraph:after']);
    expect(blocks('[r]: https://x.org\n\n<div>\nx\n</div>\n\n$$\nx^2\n$$')).toEqual(['paragraph:[r]: https://x.org', 'paragraph:<div>\nx\n</div>', 'code:$$\nx^2\n$$']);
  });

  it('keeps offsets exact with CRLF line endings', () => {
    const md = '# A\r\n\r\ntext\r\n';
    expect(blocks(md)).toEqual(['heading1:# A', 'paragraph:text']);
  });

  it('stays linear on pathological input', () => {
    const md = `${'**a '.repeat(20_000)}${'[['.repeat(10_000)}${'$a '.repeat(10_000)}${'%% '.repeat(1)} #end`;
    expect(tags(md)).toEqual(['end']);
  });
});

describe('front matter tags in every YAML shape Obsidian accepts', () => {
  const note = (front: string, body = 'Text #inline'): readonly string[] =>
    markdownNote({ absPath: '/v/n.md', relPath: 'n.md', bytes: Buffer.from(`---\n${front}\n---\n${body}`), mtime: new Date(0) }, 'obsidian', 'file-name').tags;

  it.each([
    ['tags: one', ['inline', 'one']],
    ['tags: one, two', ['inline', 'one', 'two']],
    ['tags: one two', ['inline', 'one', 'two']],
    ['tags: [one, "#two"]', ['inline', 'one', 'two']],
    ['tags:\n  - one\n  - area/sub', ['area/sub', 'inline', 'one']],
    ['tags:\n- "#one"\n- two', ['inline', 'one', 'two']],
    ['tag: one', ['inline', 'one']],
    ['tags: "#one"', ['inline', 'one']],
    ['tags:', ['inline']],
    ['tags: 2024', ['inline']], // numeric tags are no tags, in the front matter too
  ])('%s', (front, expected) => {
    expect(note(front)).toEqual(expected);
  });

  it('not from the aliases line appended to the body', () => {
    const n = markdownNote({ absPath: '/v/n.md', relPath: 'n.md', bytes: Buffer.from('---\naliases: ["#alias"]\n---\n# H\n\ntext'), mtime: new Date(0) }, 'obsidian', 'file-name');
    expect(n.tags).toEqual([]);
    expect(n.body).toContain('Aliases: #alias');
    expect(n.blocks?.map((b) => n.body.slice(b.start, b.end))).toEqual(['# H', 'text', 'Aliases: #alias']);
  });
});
