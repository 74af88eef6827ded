// The renderer's markdown: rendered to React elements, so HTML in a note is text and unsafe links are not links.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { isSafeHref, Markdown } from '../../src/renderer/src/lib/markdown';

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
