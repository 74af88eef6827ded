// How link targets and the names notes answer to are compared: one normal form for both, so resolving a link is
// an equality lookup (Obsidian compares names without case and without the .md ending).
import path from 'node:path';
import type { LinkKind } from '../../shared/connection-models';

/** A name or path in its lookup form: NFC, '/' separators, trimmed, without a .md/.markdown ending, lower-cased. */
export function nameKey(text: string): string {
  return text.normalize('NFC').replace(/\\/g, '/').trim().replace(/\.(md|markdown)$/i, '').toLowerCase();
}

/**
 * The key a link is looked up by. A Markdown link from a note kept as a file resolves relative to that file's folder
 * (the full path of the file it names); any other link is a name or a vault path (leading `/`, `./`, `../` dropped).
 */
export function targetKey(kind: LinkKind, target: string, fromFile: string | null): string {
  const written = target.replace(/\\/g, '/').trim();
  if (kind === 'markdown' && fromFile && !written.startsWith('/')) {
    return nameKey(path.posix.join(path.posix.dirname(fromFile.replace(/\\/g, '/')), written));
  }
  return nameKey(path.posix.normalize(written).replace(/^(\.\.?\/)+/, '').replace(/^\/+/, ''));
}
