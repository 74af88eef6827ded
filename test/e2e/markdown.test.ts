// The renderer's markdown: rendered to React elements, so HTML in a note is text and unsafe links are not links.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { isSafeHref, Markdown, wikilinkTargets } from '../../src/renderer/src/lib/markdown';

const html = (source: string): string => renderToStaticMarkup(createElement(Markdown, { source }));

describe('markdown rendering', () => {
  it('renders blocks: headings (one level below the title), lists, tasks, quotes, code, rules', () => {
    expect(html('# Title\n\npara *em* **strong** ~~gone~~ `code`')).toBe(
      '<h2>Title</h2><p>para <em>em</em> <strong>strong</strong> <del>gone</del> <code>code</code></p>',
    );
    expect(html('1. one\n2. two')).toBe('<ol start="1"><li>one</li><li>two</li></ol>');
    expect(html('- [x] done\n- [ ] todo')).toMatch(/^<ul><li class="task"><input type="checkbox"[^>]*aria-label="done"[^>]*checked=""\/>done<\/li><li class="task">/);
    expect(html('> quoted\n> more')).toBe('<blockquote><p>quoted<br/>more</p></blockquote>');
    expect(html('```js\nconst a = 1 < 2;\n```')).toBe('<pre data-lang="js"><code>const a = 1 &lt; 2;</code></pre>');
    expect(html('---')).toBe('<hr/>');
  });

  it('keeps underscores inside words literal', () => {
    expect(html('snake_case_name and window.__pwned = 1')).toBe('<p>snake_case_name and window.__pwned = 1</p>');
    expect(html('window.__pwned = 1 and __strong__')).toBe('<p>window.__pwned = 1 and <strong>strong</strong></p>');
    expect(html('an _emphasis_ here')).toBe('<p>an <em>emphasis</em> here</p>');
  });

  it('never interprets HTML and links only http(s) and mailto', () => {
    const out = html('<script>alert(1)</script> <img src=x onerror=alert(2)> [a](javascript:alert(3)) [b](https://x.org) https://y.org/p.');
    expect(out).not.toMatch(/<script|<img|href="javascript/);
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out).toContain('<span>a</span>');
    expect(out).toContain('<a href="https://x.org" target="_blank" rel="noreferrer noopener" title="https://x.org">b</a>');
    expect(out).toContain('<a href="https://y.org/p" target="_blank" rel="noreferrer noopener">https://y.org/p</a>.');
    expect(isSafeHref('file:///etc/passwd')).toBe(false);
    expect(isSafeHref('data:text/html,hi')).toBe(false);
    expect(isSafeHref('mailto:me@example.org')).toBe(true);
  });
});

describe('markdown rendering of GFM and Obsidian syntax', () => {
  const withLinks = (source: string): string =>
    renderToStaticMarkup(createElement(Markdown, { source, openWikilink: (target: string) => (target === 'Alpha' ? () => undefined : null) }));

  it('renders tables with their alignment, task lists nested, and footnotes', () => {
    expect(html('| a | b |\n|:-|-:|\n| 1 | **2** |')).toBe(
      '<div class="table-scroll"><table><thead><tr><th style="text-align:left">a</th><th style="text-align:right">b</th></tr></thead><tbody><tr><td style="text-align:left">1</td><td style="text-align:right"><strong>2</strong></td></tr></tbody></table></div>',
    );
    expect(html('- [ ] a\n  - [x] b')).toMatch(/^<ul><li class="task"><input[^>]*aria-label="not done"\/>a<ul><li class="task"><input[^>]*aria-label="done"[^>]*\/>b<\/li><\/ul><\/li><\/ul>$/);
    expect(html('Text[^1].\n\n[^1]: The note.')).toBe(
      '<p>Text<sup class="footnote-ref">[1]</sup>.</p><section class="footnotes" aria-label="Footnotes"><ol><li><p>The note.</p></li></ol></section>',
    );
  });

  it('renders callouts as titled boxes (the kind as title when none is given)', () => {
    expect(html('> [!tip] My *title*\n> body line')).toBe(
      '<div class="callout callout-tip" role="note"><div class="callout-title">My <em>title</em></div><div class="callout-body"><p>body line</p></div></div>',
    );
    expect(html('> [!WARNING]\n> x')).toBe('<div class="callout callout-warning" role="note"><div class="callout-title">Warning</div><div class="callout-body"><p>x</p></div></div>');
    expect(html('> [!custom-kind] T')).toContain('class="callout callout-note"');
    expect(html('> not [!tip] a callout')).toBe('<blockquote><p>not [!tip] a callout</p></blockquote>');
  });

  it('renders wikilinks as buttons when they name a note, else as unresolved text; hides %% comments; math as code', () => {
    const out = withLinks('See [[Alpha]], [[Alpha#Part|the part]] and [[Beta]]. %% hidden %%');
    expect(out).toContain('<button type="button" class="wikilink" title="Open “Alpha”">Alpha</button>');
    expect(out).toContain('<button type="button" class="wikilink" title="Open “Alpha”">the part</button>');
    expect(out).toContain('<span class="wikilink wikilink-unresolved" title="No note titled “Beta”">Beta</span>');
    expect(out).not.toContain('hidden');
    expect(html('[[Alpha]]')).toContain('wikilink-unresolved'); // no resolver: nothing opens
    expect(html('$x^2$\n\n$$\ny\n$$')).toBe('<p><code class="math">x^2</code></p><pre class="math"><code>y</code></pre>');
    expect(wikilinkTargets('[[A]] [[B|b]] [[A#h]] `[[C]]` %% [[D]] %%')).toEqual(['A', 'B']);
  });

  it('renders images as links and never loads them', () => {
    expect(html('![alt](https://x.org/p.png) ![](javascript:x)')).toBe(
      '<p><a href="https://x.org/p.png" target="_blank" rel="noreferrer noopener" title="https://x.org/p.png">alt</a> <span>javascript:x</span></p>',
    );
  });

  it('renders 80k characters of unclosed emphasis (quadratic before: 14 s)', () => {
    const out = html('**a '.repeat(20_000));
    expect(out.startsWith('<p>**a **a')).toBe(true);
    expect(html(`${'[['.repeat(20_000)}${'$a '.repeat(10_000)}`).length).toBeGreaterThan(60_000);
  });
});
