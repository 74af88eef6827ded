// What the open note connects to: related notes (by meaning), its links and its backlinks. Follows the open note,
// and is re-read when the memory changes (a note added, edited, forgotten, or newly embedded) so it stays live.
import { create } from 'zustand';
import type { NoteLinks, RelatedNotes } from '../../../shared/connection-models';
import { api, messageOf, unwrap } from '../lib/api';
import { useNotesStore } from './notes-store';
import { useStatusStore } from './status-store';

interface ConnectionsState {
  /** The note these connections belong to (null: no note open). */
  noteId: number | null;
  related: RelatedNotes | null;
  links: NoteLinks | null;
  /** Why the related list could not be read (the links have their own). */
  relatedError: string | null;
  linksError: string | null;
  /** Reads both for `noteId`; `quietly` keeps what is shown until the new answer comes. */
  load(noteId: number | null, quietly?: boolean): Promise<void>;
}

/** Related notes shown in the panel. */
export const RELATED_LIMIT = 8;
/** A burst of changes (an import, an agent writing) re-reads the panel once, this long after the last one. */
const CHANGE_SETTLE_MS = 400;
/**
 * A newly opened note's connections are asked for once it has stayed open this long: search as you type opens each
 * answer's first note, and related notes is a search of its own (a vector search and a long BM25 query) that should
 * not compete with the next keystroke's.
 */
const OPEN_SETTLE_MS = 250;
/**
 * While a backlog embeds, passages elsewhere in the memory are embedded every couple of seconds; the panel follows
 * them at most this often, so its entries do not move under the reader at every status poll (and a related-notes
 * search does not run every two seconds beside the backlog). Notes added or forgotten, another active model, and
 * the open note's own passages being embedded still show CHANGE_SETTLE_MS after they settle.
 */
const EMBEDDING_REFRESH_GAP_MS = 5_000;

const empty = { related: null, links: null, relatedError: null, linksError: null };

/** The connections store. */
export const useConnectionsStore = create<ConnectionsState>()((set, get) => {
  let loadSeq = 0;
  return {
    noteId: null,
    ...empty,
    load: async (noteId, quietly = false) => {
      const seq = ++loadSeq;
      if (!quietly || noteId !== get().noteId) set({ noteId, ...empty });
      if (noteId === null) return;
      const [related, links] = await Promise.allSettled([
        (async () => unwrap(api().notes.related({ id: noteId, limit: RELATED_LIMIT })))(),
        (async () => unwrap(api().notes.links({ id: noteId })))(),
      ]);
      if (seq !== loadSeq || get().noteId !== noteId) return; // another note was opened meanwhile
      set({
        related: related.status === 'fulfilled' ? related.value : null,
        relatedError: related.status === 'rejected' ? messageOf(related.reason) : null,
        links: links.status === 'fulfilled' ? links.value : null,
        linksError: links.status === 'rejected' ? messageOf(links.reason) : null,
      });
    },
  };
});

let settleTimer: ReturnType<typeof setTimeout> | undefined;
let openTimer: ReturnType<typeof setTimeout> | undefined;
/** When the panel was last re-read because the memory changed (performance.now()). */
let lastRefreshAt = Number.NEGATIVE_INFINITY;

/** Re-reads the open note's connections once a burst of changes has settled (and not before `notBefore`). */
function reloadSoon(notBefore = 0): void {
  clearTimeout(settleTimer);
  settleTimer = setTimeout(
    () => {
      lastRefreshAt = performance.now();
      const { noteId, load } = useConnectionsStore.getState();
      if (noteId !== null) void load(noteId, true);
    },
    Math.max(CHANGE_SETTLE_MS, notBefore - performance.now()),
  );
}

// The open note changed (another note, or the same note edited): read its connections.
useNotesStore.subscribe((state, previous) => {
  const note = state.current;
  if (note?.id === previous.current?.id && note?.updatedAt === previous.current?.updatedAt && note?.deletedAt === previous.current?.deletedAt) return;
  if (note?.id === useConnectionsStore.getState().noteId) return reloadSoon();
  clearTimeout(openTimer);
  useConnectionsStore.setState({ noteId: note?.id ?? null, related: null, links: null, relatedError: null, linksError: null });
  if (note) openTimer = setTimeout(() => void useConnectionsStore.getState().load(note.id), OPEN_SETTLE_MS);
});

// The memory changed (counts, or passages newly embedded): what the open note connects to may have too.
useStatusStore.subscribe((state, previous) => {
  const now = state.status;
  const before = previous.status;
  if (!now || !before) return;
  const notesMoved = (['notes', 'forgottenNotes', 'chunks'] as const).some((k) => now[k] !== before[k]);
  if (notesMoved || now.activeSpace?.id !== before.activeSpace?.id) return reloadSoon();
  if (now.embeddings.done === before.embeddings.done) return;
  const waitingOnOwn = (useConnectionsStore.getState().related?.pendingPassages ?? 0) > 0;
  reloadSoon(waitingOnOwn ? 0 : lastRefreshAt + EMBEDDING_REFRESH_GAP_MS);
});

/** Resets the store (tests). */
export function resetConnectionsStore(): void {
  clearTimeout(settleTimer);
  clearTimeout(openTimer);
  lastRefreshAt = Number.NEGATIVE_INFINITY;
  useConnectionsStore.setState({ noteId: null, ...empty });
}
