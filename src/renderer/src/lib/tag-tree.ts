// Nested tags (`area/sub`, as Obsidian writes them) as the rows of an indented tree.

/** A tag and how many notes carry it. */
export interface TagCount {
  readonly tag: string;
  readonly count: number;
}

/** One row of the tree: a tag (or a folder-like parent no note carries itself), its depth and last path segment. */
export interface TagTreeRow {
  readonly path: string;
  readonly name: string;
  readonly depth: number;
  /** Notes tagged exactly this; null for a parent that only exists through its children. */
  readonly count: number | null;
}

/**
 * The tags as a tree in path order: `home`, `home/garden`, `home/garden/roses`, `work`... Every parent appears
 * before its children, also when no note carries the parent itself (count null).
 */
export function tagTree(tags: readonly TagCount[]): TagTreeRow[] {
  const counts = new Map(tags.map((t) => [t.tag, t.count]));
  const paths = new Set<string>();
  for (const { tag } of tags) {
    const parts = tag.split('/');
    for (let i = 1; i <= parts.length; i++) paths.add(parts.slice(0, i).join('/'));
  }
  const segments = (p: string): string[] => p.split('/');
  const sorted = [...paths].sort((a, b) => {
    const x = segments(a);
    const y = segments(b);
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      const order = x[i]!.localeCompare(y[i]!, undefined, { sensitivity: 'base' });
      if (order !== 0) return order;
    }
    return x.length - y.length;
  });
  return sorted.map((path) => {
    const parts = segments(path);
    return { path, name: parts[parts.length - 1]!, depth: parts.length - 1, count: counts.get(path) ?? null };
  });
}
