// Small formatters for human output: dates, tags, sizes and highlighted snippets.
import type { Note, TextRange } from '../shared/models';
import type { Styles } from './output';

const pad = (n: number): string => String(n).padStart(2, '0');

/** An ISO instant as a local calendar date, e.g. 2024-03-01. */
export function formatDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** An ISO instant as local date and time, e.g. 2024-03-01 09:30. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${formatDate(iso)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Tags as `#a #b`, or an empty string when there are none. */
export function formatTags(tags: readonly string[]): string {
  return tags.map((t) => `#${t}`).join(' ');
}

export { formatBytes } from '../shared/byte-size';

/** Where a note came from, e.g. `file /home/me/notes/a.md` or `cli`. */
export function formatSource(source: Note['source']): string {
  return source.path ? `${source.kind} ${source.path}` : source.kind;
}

/**
 * A snippet on one line with its highlight ranges styled. Line breaks become spaces and runs of spaces collapse,
 * so a passage from the middle of a note reads as a sentence.
 */
export function renderSnippet(text: string, highlights: readonly TextRange[], styles: Styles): string {
  const flat = text.replace(/\s/g, ' ');
  const ranges = [...highlights]
    .map((r) => ({ start: Math.max(0, r.start), end: Math.min(flat.length, r.end) }))
    .filter((r) => r.end > r.start)
    .sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  let out = '';
  let at = 0;
  for (const r of merged) {
    out += flat.slice(at, r.start) + styles.highlight(flat.slice(r.start, r.end));
    at = r.end;
  }
  out += flat.slice(at);
  return out.replace(/ {2,}/g, ' ').trim();
}

/** An embedding model in a few words, e.g. `ollama nomic-embed-text (768 dimensions)`. */
export function formatModel(space: { readonly provider: string; readonly model: string; readonly dimensions: number }): string {
  return `${space.provider} ${space.model} (${space.dimensions} dimensions)`;
}

/** Rows of cells as aligned columns (two spaces apart), header first; trailing spaces are trimmed. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[], styles?: Styles): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  const head = line(header);
  return [styles ? styles.bold(head) : head, ...rows.map(line)];
}

/** Labelled rows (`Label   value`) with the labels padded to one width and styled bold. */
export function formatFields(rows: readonly (readonly [string, string])[], styles: Styles): string[] {
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${styles.bold(label.padEnd(width))}  ${value}`);
}
