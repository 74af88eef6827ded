// A Markdown file as write-back sees it: its encoding, its front matter (exactly as written), the blank lines after
// it, and the text below, which is what the person edits. Rebuilding the file changes only what the edit changed:
// the text, and the front matter's title or tags when those were edited; every other byte stays as it was.
import { isMap, isSeq, parseDocument } from 'yaml';
import { decodeText } from '../importers/decode-text';
import { readFrontMatter } from '../importers/front-matter';
import { importTags, tagList } from '../importers/import-tags';
import { inlineTags } from '../importers/inline-tags';

/** How the file's bytes were encoded (kept when writing it back). */
export type TextEncoding = 'utf8' | 'utf8-bom' | 'utf16le' | 'utf16be';

/** A Markdown file split for editing. */
export interface FileText {
  readonly encoding: TextEncoding;
  /** The front matter block as written, delimiters and its line ending included ('' when there is none). */
  readonly frontMatter: string;
  /** Blank lines between the front matter (or the file's start) and the text. */
  readonly gap: string;
  /** The text below, with the file's own line endings. */
  readonly content: string;
  /** The file's line ending (the more common one). */
  readonly eol: '\n' | '\r\n';
  /** Title and tags from the front matter, when it sets them. */
  readonly frontTitle: string | null;
  readonly frontTags: readonly string[];
}

/** Splits a Markdown file's bytes the way the importer reads them (the same front matter rule). */
export function splitFileText(bytes: Buffer): FileText {
  const encoding = encodingOf(bytes);
  const text = decodeText(bytes).text;
  const front = readFrontMatter(text);
  const readBlock = front.content !== text;
  const frontMatter = readBlock ? text.slice(0, text.length - front.content.length) : '';
  const rest = readBlock ? front.content : text;
  const gap = /^\s*\n/.exec(rest)?.[0] ?? '';
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/\n/g) ?? []).length - crlf;
  return {
    encoding,
    frontMatter,
    gap,
    content: rest.slice(gap.length),
    eol: crlf > lf ? '\r\n' : '\n',
    frontTitle: front.title ?? null,
    frontTags: importTags(front.tags),
  };
}

/** The text the editor shows: the content with `\n` line endings. */
export function editableText(file: FileText): string {
  return file.content.replace(/\r\n?/g, '\n');
}

/** What changed in an edit. */
export interface FileEdit {
  /** The new text (`\n` line endings). */
  readonly text: string;
  /** A new front-matter title, or undefined to leave it. */
  readonly title?: string;
  /** The tags the note should have, or undefined to leave them. */
  readonly tags?: readonly string[];
}

/**
 * The file's bytes after an edit: the text replaced (in the file's line endings and encoding), and the front matter
 * changed only where the title or the tags were edited (other keys, comments and order kept by the YAML document).
 * Tags written in the text (#tag) stay there; the front matter lists the others.
 */
export function rebuildFile(file: FileText, edit: FileEdit): Buffer {
  const content = edit.text.replace(/\r\n?/g, '\n').replace(/\n/g, file.eol);
  let frontMatter = file.frontMatter;
  const wantTags = edit.tags === undefined ? null : frontTagsFor(edit.tags, edit.text);
  const tagsChanged = wantTags !== null && !sameList(wantTags, file.frontTags.filter((t) => !inlineSet(edit.text).has(t)));
  const titleChanged = edit.title !== undefined && edit.title !== file.frontTitle;
  if (tagsChanged || titleChanged) {
    frontMatter = editFrontMatter(file, { title: titleChanged ? edit.title : undefined, tags: tagsChanged ? wantTags! : undefined });
  }
  return encode(`${frontMatter}${file.gap}${content}`, file.encoding);
}

/** The tags the front matter should list: those not already written in the text. */
function frontTagsFor(tags: readonly string[], text: string): string[] {
  const inline = inlineSet(text);
  return importTags(tags).filter((t) => !inline.has(t));
}

function inlineSet(text: string): Set<string> {
  return new Set(importTags(inlineTags(text)));
}

/** The front matter with a new title and/or tags; a new block when the file had none. */
function editFrontMatter(file: FileText, change: { title?: string; tags?: readonly string[] }): string {
  const eol = file.eol;
  const match = /^(---[^\n]*\n)([\s\S]*?)((?:---|\.\.\.)[^\n]*(?:\n|$))$/.exec(file.frontMatter);
  const doc = parseDocument(match ? match[2]!.replace(/\r\n/g, '\n') : '', { schema: 'core' });
  if (!isMap(doc.contents)) doc.contents = doc.createNode({}) as unknown as typeof doc.contents;
  if (change.title !== undefined) doc.set('title', change.title);
  if (change.tags !== undefined) {
    const before = doc.get('tags', true);
    const list = doc.createNode([...change.tags]);
    if (isSeq(before) && before.flow) list.flow = true; // `tags: [a, b]` stays on one line
    if (change.tags.length) doc.set('tags', list);
    else doc.delete('tags');
    if (doc.has('tag') && tagList(doc.get('tag')).length) doc.delete('tag');
  }
  if (isMap(doc.contents) && doc.contents.items.length === 0 && !doc.commentBefore && !doc.comment && !doc.contents.commentBefore) return '';
  const body = doc.toString({ lineWidth: 0 }).replace(/\n/g, eol);
  if (!match) return `---${eol}${body}---${eol}`;
  const close = match[3]!.endsWith('\n') ? match[3]! : `${match[3]!}${eol}`;
  return `${match[1]!}${body}${close}`;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  const x = [...a].sort();
  const y = [...b].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

function encodingOf(bytes: Buffer): TextEncoding {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf16be';
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf8-bom';
  return 'utf8';
}

/** Text as bytes in an encoding (with its byte-order mark where the file had one). */
export function encode(text: string, encoding: TextEncoding): Buffer {
  if (encoding === 'utf8') return Buffer.from(text, 'utf8');
  if (encoding === 'utf8-bom') return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
  const le = Buffer.from(text, 'utf16le');
  if (encoding === 'utf16le') return Buffer.concat([Buffer.from([0xff, 0xfe]), le]);
  return Buffer.concat([Buffer.from([0xfe, 0xff]), le.swap16()]);
}
