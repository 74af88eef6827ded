// Recall: the search text, mode and filters, and the ranked results. Searches as you type, latest query wins.
import { create } from 'zustand';
import type { RecallHit, RecallMode, RecallOptions } from '../../../shared/models';
import { api, messageOf, unwrap } from '../lib/api';
import { useNotesStore } from './notes-store';
import { useUiStore } from './ui-store';

/** Modes in the order the toggle cycles through them. */
export const RECALL_MODES: readonly RecallMode[] = ['hybrid', 'vector', 'keyword'];

interface RecallState {
  query: string;
  mode: RecallMode;
  tags: readonly string[];
  when: string;
  results: readonly RecallHit[];
  /** The query text the current results answer (they may lag the box by one request). */
  resultsFor: string;
  appliedRange: { from: string | null; to: string | null } | null;
  pendingEmbeddings: number;
  notices: readonly string[];
  tookMs: number | null;
  loading: boolean;
  error: string | null;
  /** performance.now() when the query the results answer was typed (for the keypress-to-results measurement). */
  typedAt: number;
  setQuery(query: string): void;
  setMode(mode: RecallMode): void;
  cycleMode(): void;
  addTag(tag: string): void;
  removeTag(tag: string): void;
  setWhen(when: string): void;
  clearFilters(): void;
  /** Re-runs the current search (after notes changed). */
  refresh(): void;
}

/** Hits fetched per keystroke: each costs a note fetch and a snippet, and 100 fill several screens of the virtual list. */
const RESULT_LIMIT = 100;

const initial = () => ({
  query: '',
  mode: 'hybrid' as RecallMode,
  tags: [] as readonly string[],
  when: '',
  results: [] as readonly RecallHit[],
  resultsFor: '',
  appliedRange: null,
  pendingEmbeddings: 0,
  notices: [] as readonly string[],
  tookMs: null,
  loading: false,
  error: null,
  typedAt: 0,
});

let inFlight = false;
let again = false;
let typedAt = 0;

/** The recall store. */
export const useRecallStore = create<RecallState>()((set, get) => {
  /** Runs the search for the current state; while one runs, later changes coalesce into one follow-up request. */
  async function search(): Promise<void> {
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    try {
      do {
        again = false;
        const { query, mode, tags, when } = get();
        const started = typedAt;
        if (query.trim() === '') {
          set({ results: [], resultsFor: '', loading: false, error: null, appliedRange: null, tookMs: null });
          continue;
        }
        set({ loading: true });
        const options: RecallOptions = {
          mode,
          limit: RESULT_LIMIT,
          ...(tags.length ? { tags } : {}),
          ...(when.trim() ? { when: when.trim() } : {}),
        };
        try {
          const result = await unwrap(api().recall.query({ query, options }));
          set({
            results: result.results,
            resultsFor: query,
            appliedRange: result.appliedRange,
            pendingEmbeddings: result.pendingEmbeddings,
            notices: result.notices ?? [],
            tookMs: result.tookMs,
            error: null,
            typedAt: started,
          });
          if (!again) useUiStore.getState().select(0);
        } catch (error) {
          set({ error: messageOf(error), results: [], resultsFor: query, typedAt: started });
        }
      } while (again);
    } finally {
      inFlight = false;
      set({ loading: false });
    }
  }

  /** Filters changed: refresh whichever list is showing. */
  function filtersChanged(): void {
    void search();
    if (get().query.trim() === '') void useNotesStore.getState().loadBrowse();
  }

  return {
    ...initial(),
    setQuery: (query) => {
      typedAt = performance.now();
      const wasEmpty = get().query.trim() === '';
      set({ query });
      if (useUiStore.getState().view !== 'recall') useUiStore.getState().setView('recall');
      if (query.trim() === '' && !wasEmpty) {
        useUiStore.getState().select(0);
        void useNotesStore.getState().loadBrowse();
      }
      void search();
    },
    setMode: (mode) => {
      typedAt = performance.now();
      set({ mode });
      void search();
    },
    cycleMode: () => {
      const i = RECALL_MODES.indexOf(get().mode);
      get().setMode(RECALL_MODES[(i + 1) % RECALL_MODES.length] ?? 'hybrid');
    },
    addTag: (tag) => {
      const t = tag.trim().replace(/^#+/, '');
      if (!t || get().tags.includes(t)) return;
      typedAt = performance.now();
      set({ tags: [...get().tags, t] });
      filtersChanged();
    },
    removeTag: (tag) => {
      typedAt = performance.now();
      set({ tags: get().tags.filter((t) => t !== tag) });
      filtersChanged();
    },
    setWhen: (when) => {
      typedAt = performance.now();
      set({ when });
      filtersChanged();
    },
    clearFilters: () => {
      set({ tags: [], when: '' });
      filtersChanged();
    },
    refresh: () => void search(),
  };
});

/** Resets the store (tests). */
export function resetRecallStore(): void {
  useRecallStore.setState(initial());
}
