// One selection: the filled row of the middle list is the note the right-hand pane shows, whatever reloads the list.
import { useEffect, useRef } from 'react';
import type { ListItem } from '../components/list-items';
import { useNotesStore } from '../stores/notes-store';
import { useUiStore, type Pane } from '../stores/ui-store';

/** True when the pane shows a note (read or edited), so a row can be "the one shown". */
export function paneShowsNote(pane: Pane): boolean {
  return pane === 'note' || pane === 'edit';
}

/**
 * Keeps the list's selection and the shown note one and the same.
 * - A list reloaded under the open note (a save, a sync, a filter, an agent's write) moves the selection to where
 *   that note now is, instead of leaving it on whatever row took its index.
 * - A new answer (`contentKey` changed: a new search, or back from results to the recent notes) selects its first
 *   row, and the pane follows it while it shows a note (never over the composer or an edit in progress).
 * A row is drawn filled only when it is the note shown, so the two can never disagree on screen.
 */
export function useOneSelection(items: readonly ListItem[], contentKey: string, open: (index: number, focusDetail: boolean) => void): void {
  const currentId = useNotesStore((s) => s.current?.id ?? null);
  const pane = useUiStore((s) => s.pane);
  const lastKey = useRef(contentKey);
  useEffect(() => {
    const ui = useUiStore.getState();
    const newAnswer = lastKey.current !== contentKey;
    lastKey.current = contentKey;
    const follow = pane === 'note' || (pane === 'empty' && contentKey.startsWith('results:'));
    if (newAnswer && follow && items.length > 0) {
      const item = items[ui.selectedIndex];
      if (item && item.id !== currentId) open(ui.selectedIndex, false);
      return;
    }
    if (!paneShowsNote(pane) || currentId === null) return;
    const at = items.findIndex((item) => item.id === currentId);
    if (at >= 0 && at !== ui.selectedIndex) ui.select(at);
  }, [items, contentKey, currentId, pane, open]);
}
