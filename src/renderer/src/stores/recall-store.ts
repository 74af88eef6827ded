// Recall: the search text, mode and filters, and the ranked results. Searches as you type, latest query wins.
import { create } from 'zustand';
import type { EmbeddingProgress, RecallHit, RecallMode, RecallOptions } from '../../../shared/models';
import { api, AppError, messageOf, unwrap } from '../lib/api';
import { useNotesStore } from './notes-store';
import { useStatusStore } from './status-store';
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
  /** How many hits the current search asks for: one page per keystroke, more as the list is scrolled. */
  limit: number;
  /** The last answer filled the whole limit, so scrolling on can fetch more. */
  hasMore: boolean;
  setQuery(query: string): void;
  setMode(mode: RecallMode): void;
  cycleMode(): void;
  addTag(tag: string): void;
  removeTag(tag: string): void;
  setWhen(when: string): void;
  clearFilters(): void;
  /** Re-runs the current search (after notes changed). */
  refresh(): void;
  /** Re-runs the current search in place: the same note stays selected, no spinner (the index behind it changed). */
  refreshQuietly(): void;
  /** Fetches the next page of hits for the current search (the list was scrolled to its end). */
  loadMore(): void;
}

/**
 * Hits fetched per keystroke. Every hit costs a note fetch, a BM25 score and a snippet, so search as you type asks
 * for a few screens' worth; scrolling to the end fetches MORE_STEP more, up to the core's MAX_RESULTS.
 */
const FIRST_PAGE = 50;
const MORE_STEP = 100;
const MAX_RESULTS = 1000;

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
  limit: FIRST_PAGE,
  hasMore: false,
});

/**
 * The stream name search-as-you-type queries share: when a keystroke's query reaches the core while the previous
 * one still runs, the core stops the older one at its next step, so the newest starts at once instead of queueing
 * behind an answer nobody will read.
 */
const SEARCH_STREAM = 'search-box';

/** Number of the newest search sent, and of the newest whose answer is on screen. */
let sentId = 0;
let shownId = 0;
let typedAt = 0;
/** The next search only extends the list (load more): keep the selection where it is. */
let extending = false;
/** The next search re-answers the same query in place: keep this note selected. */
let keepSelectedId: number | null = null;

/**
 * Results answered while passages still waited for their embeddings rank by keywords for those passages. They are
 * re-answered in place once this share of the waiting passages has been embedded (or all of them), at most every
 * MIN_REFRESH_GAP_MS, so the list catches up without the person typing again.
 */
const STALE_SHARE = 0.2;
const MIN_REFRESH_GAP_MS = 2000;
let lastQuietRefresh = 0;

function isReplaced(error: unknown): boolean {
  return error instanceof AppError && error.code === 'CANCELLED';
}

/** The recall store. */
export const useRecallStore = create<RecallState>()((set, get) => {
  /**
   * Runs the search for the current state at once. An older search still running is stopped by the core (same
   * stream); if it answers anyway, its answer is shown only while nothing newer is on screen.
   */
  async function search(): Promise<void> {
    const id = ++sentId;
    const keepSelection = extending;
    const keepId = keepSelectedId;
    extending = false;
    keepSelectedId = null;
    const { query, mode, tags, when, limit } = get();
    const started = typedAt;
    if (query.trim() === '') {
      shownId = id;
      set({ results: [], resultsFor: '', loading: false, error: null, appliedRange: null, tookMs: null });
      return;
    }
    if (keepId === null) set({ loading: true });
    const options: RecallOptions = {
      mode,
      limit,
      latestOf: SEARCH_STREAM,
      ...(tags.length ? { tags } : {}),
      ...(when.trim() ? { when: when.trim() } : {}),
    };
    try {
      const result = await unwrap(api().recall.query({ query, options }));
      if (id < shownId) return;
      shownId = id;
      set({
        results: result.results,
        resultsFor: query,
        appliedRange: result.appliedRange,
        pendingEmbeddings: result.pendingEmbeddings,
        notices: result.notices ?? [],
        tookMs: result.tookMs,
        error: null,
        typedAt: started,
        hasMore: result.results.length >= limit && limit < MAX_RESULTS,
      });
      if (id === sentId && keepId !== null) {
        const index = result.results.findIndex((hit) => hit.id === keepId);
        if (index >= 0) useUiStore.getState().select(index);
      } else if (id === sentId && !keepSelection) useUiStore.getState().select(0);
    } catch (error) {
      if (isReplaced(error) || id < shownId) return;
      shownId = id;
      set({ error: messageOf(error), results: [], resultsFor: query, typedAt: started, hasMore: false });
    } finally {
      if (id === sentId) set({ loading: false });
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
      set({ query, limit: FIRST_PAGE });
      if (useUiStore.getState().view !== 'recall') useUiStore.getState().setView('recall');
      if (query.trim() === '' && !wasEmpty) {
        useUiStore.getState().select(0);
        void useNotesStore.getState().loadBrowse();
      }
      void search();
    },
    setMode: (mode) => {
      typedAt = performance.now();
      set({ mode, limit: FIRST_PAGE });
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
      set({ tags: [...get().tags, t], limit: FIRST_PAGE });
      filtersChanged();
    },
    removeTag: (tag) => {
      typedAt = performance.now();
      set({ tags: get().tags.filter((t) => t !== tag), limit: FIRST_PAGE });
      filtersChanged();
    },
    setWhen: (when) => {
      typedAt = performance.now();
      set({ when, limit: FIRST_PAGE });
      filtersChanged();
    },
    clearFilters: () => {
      set({ tags: [], when: '', limit: FIRST_PAGE });
      filtersChanged();
    },
    refresh: () => void search(),
    refreshQuietly: () => {
      const { results, query, loading } = get();
      if (query.trim() === '' || loading) return;
      keepSelectedId = results[useUiStore.getState().selectedIndex]?.id ?? -1;
      void search();
    },
    loadMore: () => {
      const { hasMore, loading, limit, query } = get();
      if (!hasMore || loading || query.trim() === '') return;
      extending = true;
      set({ limit: Math.min(MAX_RESULTS, limit + MORE_STEP), hasMore: false });
      void search();
    },
  };
});

/** Passages still waiting for embeddings now, from the backlog's live progress (null when unknown). */
function waitingNow(progress: EmbeddingProgress | null): number | null {
  if (!progress) return null;
  return progress.kind === 'idle' ? progress.pending : Math.max(0, progress.total - progress.done);
}

// Results on screen were answered while passages waited: as the backlog is embedded, re-answer them in place.
useStatusStore.subscribe((state, previous) => {
  if (state.progress === previous.progress) return;
  const { pendingEmbeddings, resultsFor, query } = useRecallStore.getState();
  const waiting = waitingNow(state.progress);
  if (pendingEmbeddings === 0 || waiting === null || resultsFor !== query) return;
  const caughtUp = waiting === 0 || pendingEmbeddings - waiting >= Math.max(1, Math.ceil(pendingEmbeddings * STALE_SHARE));
  // the last refresh (nothing waits any more) always goes out; the ones on the way there are spaced
  if (!caughtUp || (waiting > 0 && performance.now() - lastQuietRefresh < MIN_REFRESH_GAP_MS)) return;
  lastQuietRefresh = performance.now();
  useRecallStore.getState().refreshQuietly();
});

/** Resets the store (tests). */
export function resetRecallStore(): void {
  useRecallStore.setState(initial());
}
