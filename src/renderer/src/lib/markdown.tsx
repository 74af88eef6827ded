// A small markdown renderer that builds React elements directly: no HTML string is ever parsed, so a note can't
// inject markup or script (sanitised by construction). Covers headings, paragraphs, lists, quotes, code, rules,
// emphasis, inline code, links (http/https/mailto only) and autolinks. Images render as links: nothing remote loads.
import { Fragment, type ReactNode } from 'react';

type Block =
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'code'; lang: string; text: string }
  | { kind: 'quote'; lines: string[] }
  | { kind: 'list'; ordered: boolean; start: number; items: { text: string; checked: boolean | null }[] }
  | { kind: 'rule' };

const FENCE = /^\s{0,3}(```|~~~)\s*([\w+-]*)\s*$/;
const HEADING = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const RULE = /^\s{0,3}([-*_])(\s*\1){2,}\s*$/;
const BULLET = /^\s{0,3}([-*+])\s+(.*)$/;
const ORDERED = /^\s{0,3}(\d{1,9})[.)]\s+(.*)$/;
const QUOTE = /^\s{0,3}>\s?(.*)$/;
const TASK = /^\[([ xX])\]\s+(.*)$/;

/** Splits markdown into blocks. */
export function parseBlocks(markdown: string): Block[] {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (line.trim() === '') {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const marker = fence[1] ?? '```';
      const body: string[] = [];
      i++;
      while (i < lines.length && !(lines[i] ?? '').trim().startsWith(marker)) body.push(lines[i++] ?? '');
      i++;
      blocks.push({ kind: 'code', lang: fence[2] ?? '', text: body.join('\n') });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      blocks.push({ kind: 'heading', level: (heading[1] ?? '#').length, text: heading[2] ?? '' });
      i++;
      continue;
    }
    if (RULE.test(line)) {
      blocks.push({ kind: 'rule' });
      i++;
      continue;
    }
    if (QUOTE.test(line)) {
      const quoted: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i] ?? '')) quoted.push(QUOTE.exec(lines[i++] ?? '')?.[1] ?? '');
      blocks.push({ kind: 'quote', lines: quoted });
      continue;
    }
    const bullet = BULLET.exec(line);
    const ordered = ORDERED.exec(line);
    if (bullet || ordered) {
      const isOrdered = !bullet;
      const pattern = isOrdered ? ORDERED : BULLET;
      const items: { text: string; checked: boolean | null }[] = [];
      while (i < lines.length) {
        const m = pattern.exec(lines[i] ?? '');
        if (m) {
          const text = m[2] ?? '';
          const task = TASK.exec(text);
          items.push(task ? { text: task[2] ?? '', checked: task[1] !== ' ' } : { text, checked: null });
          i++;
        } else if ((lines[i] ?? '').trim() !== '' && /^\s{2,}/.test(lines[i] ?? '') && items.length > 0) {
          const last = items[items.length - 1];
          if (last) last.text += ` ${(lines[i] ?? '').trim()}`;
          i++;
        } else break;
      }
      blocks.push({ kind: 'list', ordered: isOrdered, start: isOrdered ? Number(ordered?.[1] ?? 1) : 1, items });
      continue;
    }
    const para: string[] = [];
    while (i < lines.length) {
      const l = lines[i] ?? '';
      if (l.trim() === '' || FENCE.test(l) || HEADING.test(l) || QUOTE.test(l) || RULE.test(l) || BULLET.test(l) || ORDERED.test(l)) break;
      para.push(l.trim());
      i++;
    }
    blocks.push({ kind: 'paragraph', text: para.join('\n') });
  }
  return blocks;
}

/** True for link targets a note may point at; everything else (javascript:, file:, data:) renders as plain text. */
export function isSafeHref(href: string): boolean {
  return /^(https?:\/\/|mailto:)/i.test(href.trim());
}

// Alternatives: 1-2 code span, 3-4 link/image, 5-6 strong, 7-8 emphasis, 9 strikethrough, 10 autolink.
// Underscore emphasis must not start or end inside a word (snake_case and __dunder__ stay literal).
const INLINE =
  /(`+)([\s\S]*?[^`])\1(?!`)|!?\[([^\]\n]*)\]\(\s*([^)\s]+)(?:\s+"[^"]*")?\s*\)|(\*\*|(?<![\p{L}\p{N}])__)(?=\S)((?:(?!__)[\s\S])*?\S)\5(?![\p{L}\p{N}])|(\*|(?<![\p{L}\p{N}_])_)(?=[^\s_])([\s\S]*?[^\s_])\7(?![\p{L}\p{N}_])|~~(?=\S)([\s\S]*?\S)~~|(https?:\/\/[^\s<>()]+[^\s<>().,;:!?'"])/gu;

/** Renders inline markdown (emphasis, code, links) as React nodes. */
export function renderInline(text: string, keyPrefix = 'i'): ReactNode[] {
  const out: ReactNode[] = [];
  const pattern = new RegExp(INLINE.source, INLINE.flags);
  let at = 0;
  let n = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    if (m.index > at) out.push(withBreaks(text.slice(at, m.index), `${keyPrefix}-${n++}`));
    const key = `${keyPrefix}-${n++}`;
    if (m[1] !== undefined) {
      out.push(<code key={key}>{(m[2] ?? '').trim()}</code>);
    } else if (m[4] !== undefined) {
      const label = m[3] || m[4];
      const href = m[4];
      out.push(
        isSafeHref(href) ? (
          <a key={key} href={href} target="_blank" rel="noreferrer noopener" title={href}>
            {renderInline(label, key)}
          </a>
        ) : (
          <span key={key}>{label}</span>
        ),
      );
    } else if (m[6] !== undefined) {
      out.push(<strong key={key}>{renderInline(m[6], key)}</strong>);
    } else if (m[8] !== undefined) {
      out.push(<em key={key}>{renderInline(m[8], key)}</em>);
    } else if (m[9] !== undefined) {
      out.push(<del key={key}>{renderInline(m[9], key)}</del>);
    } else if (m[10] !== undefined) {
      out.push(
        <a key={key} href={m[10]} target="_blank" rel="noreferrer noopener">
          {m[10]}
        </a>,
      );
    }
    at = m.index + m[0].length;
  }
  if (at < text.length) out.push(withBreaks(text.slice(at), `${keyPrefix}-${n++}`));
  return out;
}

function withBreaks(text: string, key: string): ReactNode {
  const parts = text.split('\n');
  if (parts.length === 1) return <Fragment key={key}>{text}</Fragment>;
  return (
    <Fragment key={key}>
      {parts.map((p, i) => (
        <Fragment key={i}>
          {i > 0 && <br />}
          {p}
        </Fragment>
      ))}
    </Fragment>
  );
}

/** Renders a markdown document as React elements. */
export function Markdown({ source }: { source: string }): ReactNode {
  const blocks = parseBlocks(source);
  return (
    <>
      {blocks.map((block, i) => {
        const key = `b${i}`;
        switch (block.kind) {
          case 'heading': {
            const level = Math.min(6, block.level + 1) as 2 | 3 | 4 | 5 | 6;
            const Tag = `h${level}` as const;
            return <Tag key={key}>{renderInline(block.text, key)}</Tag>;
          }
          case 'paragraph':
            return <p key={key}>{renderInline(block.text, key)}</p>;
          case 'code':
            return (
              <pre key={key} data-lang={block.lang || undefined}>
                <code>{block.text}</code>
              </pre>
            );
          case 'quote':
            return (
              <blockquote key={key}>
                <Markdown source={block.lines.join('\n')} />
              </blockquote>
            );
          case 'list': {
            const items = block.items.map((item, j) => (
              <li key={j} className={item.checked === null ? undefined : 'task'}>
                {item.checked !== null && <input type="checkbox" checked={item.checked} readOnly disabled aria-label={item.checked ? 'done' : 'not done'} />}
                {renderInline(item.text, `${key}-${j}`)}
              </li>
            ));
            return block.ordered ? (
              <ol key={key} start={block.start}>
                {items}
              </ol>
            ) : (
              <ul key={key}>{items}</ul>
            );
          }
          case 'rule':
            return <hr key={key} />;
        }
      })}
    </>
  );
}
