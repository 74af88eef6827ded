// A note's Markdown as React elements, from the app's one Markdown parser (src/shared/markdown): CommonMark, GFM
// tables, task lists and strikethrough, Obsidian callouts, wikilinks, %%comments%% and math, and footnotes. No HTML
// string is ever built or parsed (raw HTML in a note stays text), links open only for http(s) and mailto, and images
// render as links: nothing remote loads.
import { Fragment, type ReactNode } from 'react';
import type { Token } from '../../../shared/markdown/markdown-it-types';
import { createDisplayParser } from '../../../shared/markdown/markdown-parser';
import type { WikilinkMeta } from '../../../shared/markdown/wikilink-rule';
import { CALLOUT, calloutOf } from './markdown-callout';
import { type TokenNode, tokenTree } from './markdown-tree';

/** True for link targets a note may point at; everything else (javascript:, file:, data:) renders as plain text. */
export function isSafeHref(href: string): boolean {
  return /^(https?:\/\/|mailto:)/i.test(href.trim());
}

/** How a wikilink is shown: the note it opens, or null when no note has that title. */
export type WikilinkResolver = (target: string) => (() => void) | null;

const parser = createDisplayParser();

/** Renders a markdown document as React elements; `openWikilink` makes [[links]] buttons that open their note. */
export function Markdown({ source, openWikilink }: { source: string; openWikilink?: WikilinkResolver }): ReactNode {
  const nodes = tokenTree(parser.parse(source, {}));
  return <>{renderNodes(nodes, { openWikilink })}</>;
}

/** The targets of the [[wikilinks]] in a document (outside code and comments), each once. */
export function wikilinkTargets(source: string): string[] {
  const targets = new Set<string>();
  for (const token of parser.parse(source, {})) {
    for (const child of token.children ?? []) {
      if (child.type === 'wikilink' && (child.meta as WikilinkMeta).target) targets.add((child.meta as WikilinkMeta).target);
    }
  }
  return [...targets];
}

interface RenderContext {
  readonly openWikilink?: WikilinkResolver;
}

function renderNodes(nodes: readonly TokenNode[], ctx: RenderContext): ReactNode[] {
  return nodes.map((node, i) => renderNode(node, ctx, i));
}

function renderNode(node: TokenNode, ctx: RenderContext, key: number): ReactNode {
  const { token, children } = node;
  const inner = (): ReactNode[] => renderNodes(children, ctx);
  switch (token.type) {
    case 'inline':
      return <Fragment key={key}>{renderNodes(tokenTree(token.children ?? []), ctx)}</Fragment>;
    case 'text':
      return token.content;
    case 'softbreak':
    case 'hardbreak':
      return <br key={key} />;
    case 'paragraph_open':
      return token.hidden ? <Fragment key={key}>{inner()}</Fragment> : <p key={key}>{inner()}</p>;
    case 'heading_open': {
      const Tag = `h${Math.min(6, Number(token.tag.slice(1)) + 1)}` as 'h2';
      return <Tag key={key}>{inner()}</Tag>;
    }
    case 'blockquote_open':
      return renderQuote(node, ctx, key);
    case 'bullet_list_open':
      return <ul key={key}>{inner()}</ul>;
    case 'ordered_list_open':
      return (
        <ol key={key} start={Number(token.attrGet('start') ?? 1)}>
          {inner()}
        </ol>
      );
    case 'list_item_open':
      return renderListItem(node, ctx, key);
    case 'fence':
    case 'code_block':
      return (
        <pre key={key} data-lang={token.info.trim().split(/\s+/)[0] || undefined}>
          <code>{token.content.replace(/\n$/, '')}</code>
        </pre>
      );
    case 'math_block':
      return (
        <pre key={key} className="math">
          <code>{token.content}</code>
        </pre>
      );
    case 'hr':
      return <hr key={key} />;
    case 'table_open':
      return (
        <div key={key} className="table-scroll">
          <table>{inner()}</table>
        </div>
      );
    case 'thead_open':
      return <thead key={key}>{inner()}</thead>;
    case 'tbody_open':
      return <tbody key={key}>{inner()}</tbody>;
    case 'tr_open':
      return <tr key={key}>{inner()}</tr>;
    case 'th_open':
    case 'td_open': {
      const Cell = token.type === 'th_open' ? 'th' : 'td';
      const align = /text-align:(left|right|center)/.exec(attr(token, 'style'))?.[1] as 'left' | undefined;
      return (
        <Cell key={key} style={align ? { textAlign: align } : undefined}>
          {inner()}
        </Cell>
      );
    }
    case 'code_inline':
      return <code key={key}>{token.content.trim()}</code>;
    case 'math_inline':
      return (
        <code key={key} className="math">
          {token.content}
        </code>
      );
    case 'strong_open':
      return <strong key={key}>{inner()}</strong>;
    case 'em_open':
      return <em key={key}>{inner()}</em>;
    case 's_open':
      return <del key={key}>{inner()}</del>;
    case 'link_open':
      return renderLink(attr(token, 'href'), inner(), key, token.markup === 'linkify' ? undefined : attr(token, 'title') || attr(token, 'href'));
    case 'image': {
      const src = attr(token, 'src');
      return renderLink(src, [token.content || src], key, src);
    }
    case 'wikilink':
      return renderWikilink(token.meta as WikilinkMeta, ctx, key);
    case 'footnote_ref':
      return (
        <sup key={key} className="footnote-ref">
          [{footnoteLabel(token)}]
        </sup>
      );
    case 'footnote_block_open':
      return (
        <section key={key} className="footnotes" aria-label="Footnotes">
          <ol>{inner()}</ol>
        </section>
      );
    case 'footnote_open':
      return <li key={key}>{inner()}</li>;
    case 'footnote_anchor':
    case 'obsidian_comment':
    case 'obsidian_comment_block':
    case 'html_block':
    case 'html_inline':
      return null; // comments are hidden; HTML is never recognised by the display parser, so it is text already
    default:
      return token.content ? token.content : <Fragment key={key}>{inner()}</Fragment>;
  }
}

function attr(token: Token, name: string): string {
  const value = token.attrGet(name);
  return value === null ? '' : String(value);
}

function renderLink(href: string, label: ReactNode[], key: number, title: string | undefined): ReactNode {
  if (!isSafeHref(href)) return <span key={key}>{label}</span>;
  return (
    <a key={key} href={href} target="_blank" rel="noreferrer noopener" title={title}>
      {label}
    </a>
  );
}

function renderWikilink(link: WikilinkMeta, ctx: RenderContext, key: number): ReactNode {
  const text = link.label || (link.heading ? `${link.target}${link.target ? ' › ' : ''}${link.heading}` : link.target);
  const open = link.target ? ctx.openWikilink?.(link.target) : null;
  if (!open) {
    return (
      <span key={key} className="wikilink wikilink-unresolved" title={link.target ? `No note titled “${link.target}”` : undefined}>
        {text}
      </span>
    );
  }
  return (
    <button key={key} type="button" className="wikilink" onClick={open} title={`Open “${link.target}”`}>
      {text}
    </button>
  );
}

function footnoteLabel(token: Token): string {
  const meta = token.meta as { id?: number } | null;
  return String((meta?.id ?? 0) + 1);
}

/** A list item; `[ ]` / `[x]` at its start makes it a task with a (read-only) checkbox. */
function renderListItem(node: TokenNode, ctx: RenderContext, key: number): ReactNode {
  const para = node.children[0];
  const first = para?.token.type === 'paragraph_open' ? (para.children[0]?.token ?? null) : null;
  const task = first ? /^\[([ xX])\]\s+/.exec(first.content) : null;
  if (!first || !task) return <li key={key}>{renderNodes(node.children, ctx)}</li>;
  const done = task[1] !== ' ';
  const text = first.children?.[0];
  if (text?.type === 'text') text.content = text.content.replace(/^\[[ xX]\]\s+/, '');
  return (
    <li key={key} className="task">
      <input type="checkbox" checked={done} readOnly disabled aria-label={done ? 'done' : 'not done'} />
      {renderNodes(node.children, ctx)}
    </li>
  );
}

/** A quote, or an Obsidian callout (`> [!tip] Title`) as a titled box. */
function renderQuote(node: TokenNode, ctx: RenderContext, key: number): ReactNode {
  const callout = calloutOf(node, parser);
  if (!callout) return <blockquote key={key}>{renderNodes(node.children, ctx)}</blockquote>;
  const title = callout.title.length ? renderNodes(tokenTree(callout.title), ctx) : callout.kind.charAt(0).toUpperCase() + callout.kind.slice(1);
  return (
    <div key={key} className={`callout callout-${CALLOUT.has(callout.kind) ? callout.kind : 'note'}`} role="note">
      <div className="callout-title">{title}</div>
      {callout.body.length > 0 && <div className="callout-body">{renderNodes(callout.body, ctx)}</div>}
    </div>
  );
}
