// The middle list's rows, whichever source feeds it: recall results, recent notes, or forgotten notes.
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { MatchReason, Note, Snippet } from '../../../shared/models';
import { importedAliases } from '../lib/note-origin';
import { useNotesStore } from '../stores/notes-store';
import { useRecallStore } from '../stores/recall-store';
import { useUiStore } from '../stores/ui-store';

/** One row of the middle list. */
export interface ListItem {
  readonly id: number;
  readonly title: string;
  readonly date: string;
  readonly tags: readonly string[];
  readonly snippet: Snippet | null;
  readonly preview: string;
  readonly why: MatchReason | null;
  /** A search hit shown under "Less related" (no query word, meaning not close); false for notes listed. */
  readonly lessRelated: boolean;
  readonly forgotten: boolean;
  /** 'you' or an agent's name; absent when unknown. */
  readonly author?: string;
}

/** What the list shows. */
export type ListKind = 'results' | 'browse' | 'forgotten';

function previewOf(note: Note): string {
  return importedAliases(note)
    .body
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+/gm, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|`|~~)/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 240);
}

function fromNote(note: Note): ListItem {
  return {
    id: note.id,
    title: note.title,
    date: note.deletedAt ?? note.createdAt,
    tags: note.tags,
    snippet: null,
    preview: previewOf(note),
    why: null,
    lessRelated: false,
    forgotten: note.deletedAt !== null,
    author: note.author,
  };
}

/** The rows of the middle list and which kind they are. */
export function useListItems(): { kind: ListKind; items: readonly ListItem[] } {
  const view = useUiStore((s) => s.view);
  const { query, results } = useRecallStore(useShallow((s) => ({ query: s.query, results: s.results })));
  const { browse, forgotten } = useNotesStore(useShallow((s) => ({ browse: s.browse, forgotten: s.forgotten })));
  const kind: ListKind = view === 'forgotten' ? 'forgotten' : query.trim() ? 'results' : 'browse';
  const items = useMemo(() => {
    if (kind === 'forgotten') return forgotten.map(fromNote);
    if (kind === 'browse') return browse.map(fromNote);
    return results.map(
      (hit): ListItem => ({
        id: hit.id,
        title: hit.title,
        date: hit.createdAt,
        tags: hit.tags,
        snippet: hit.snippet,
        preview: '',
        why: hit.why,
        lessRelated: hit.lessRelated,
        forgotten: hit.forgotten,
        ...(hit.author ? { author: hit.author } : {}),
      }),
    );
  }, [kind, forgotten, browse, results]);
  return { kind, items };
}
