// How link targets and the names notes answer to are compared: one normal form for both, so resolving a link is
// an equality lookup (Obsidian compares names without case and without the .md ending).
import path from 'node:path';
import type { LinkKind } from '../../shared/connection-models';

/** A name or path in its lookup form: NFC, '/' separators, trimmed, without a .md/.markdown ending, lower-cased. */
export function nameKey(text: string): string {
  return text.normalize('NFC').replace(/\\/g, '/').trim().replace(/\.(md|markdown)$/i, '').toLowerCase();
}

/** What a link is looked up by: the name it ends with, and the path before it when it names one. */
export interface LinkTarget {
  /** The note name (lookup form): the last part of the target. */
  readonly key: string;
  /** The whole target as a path (lookup form) when it has folders: the named note's path must end with it. */
  readonly path: string | null;
}

/**
 * What a link is looked up by. A Markdown link from a note kept as a file resolves relative to that file's folder
 * (the full path of the file it names); any other link is a name or a vault path (leading `/`, `./`, `../` dropped).
 */
export function linkTarget(kind: LinkKind, target: string, fromFile: string | null): LinkTarget {
  const written = target.replace(/\\/g, '/').trim();
  const full =
    kind === 'markdown' && fromFile && !written.startsWith('/')
      ? nameKey(path.posix.join(path.posix.dirname(fromFile.replace(/\\/g, '/')), written))
      : nameKey(path.posix.normalize(written).replace(/^(\.\.?\/)+/, '').replace(/^\/+/, ''));
  const slash = full.lastIndexOf('/');
  return slash === -1 ? { key: full, path: null } : { key: full.slice(slash + 1), path: full };
}
