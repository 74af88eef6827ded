// Recall: the search text, mode and filters, and the ranked results. Searches as you type, latest query wins.
import { create } from 'zustand';
import type { EmbeddingProgress, RecallHit, RecallMode, RecallOptions, RecallResult } from '../../../shared/models';
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
  /** The results on screen are the words-only preview of a hybrid search whose meaning matches are on their way. */
  provisional: boolean;
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
  provisional: false,
});

/**
 * The stream name search-as-you-type queries share: when a keystroke's query reaches the core while the previous
 * one still runs, the core stops the older one at its next step, so the newest starts at once instead of queueing
 * behind an answer nobody will read.
 */
const SEARCH_STREAM = 'search-box';
/** The stream of the words-only previews that go out beside each hybrid search. */
const PREVIEW_STREAM = 'search-box-words';
/**
 * A hybrid search also asks for its keyword matches alone, which need no model. They are shown if the full answer
 * has not come this long after the keystroke (the model is loading, or busy), so the person sees matches at once; a
 * quicker full answer is shown directly, without a words-only flash before it.
 */
const PREVIEW_AFTER_MS = 120;

/** Number of the newest search sent, and of the newest whose answer is on screen. */
let sentId = 0;
let shownId = 0;
/** The search whose words-only preview is on screen. */
let previewShown: { id: number } | null = null;
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
    const filters = { ...(tags.length ? { tags } : {}), ...(when.trim() ? { when: when.trim() } : {}) };
    const options: RecallOptions = { mode, limit, latestOf: SEARCH_STREAM, ...filters };
    if (mode === 'hybrid' && keepId === null && !keepSelection) void preview(id, query, { mode: 'keyword', limit, latestOf: PREVIEW_STREAM, ...filters }, started);
    try {
      const result = await unwrap(api().recall.query({ query, options }));
      if (id < shownId) return; // a newer answer is on screen (this search's own preview is older)
      const followId = previewShown?.id === id ? selectedNoteId() : null;
      previewShown = null;
      shownId = id;
      set({
        provisional: false,
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
      // a note the person is on stays selected when the list is re-answered (no reshuffle under the cursor)
      const stayOn = keepId ?? followId;
      if (id === sentId && stayOn !== null) {
        const index = result.results.findIndex((hit) => hit.id === stayOn);
        if (index >= 0) useUiStore.getState().select(index);
      } else if (id === sentId && !keepSelection) useUiStore.getState().select(0);
    } catch (error) {
      if (isReplaced(error) || id < shownId) return;
      previewShown = null;
      shownId = id;
      set({ error: messageOf(error), results: [], resultsFor: query, typedAt: started, hasMore: false, provisional: false });
    } finally {
      if (id === sentId) set({ loading: false });
    }
  }

  /**
   * The words-only preview of hybrid search `id`: shown PREVIEW_AFTER_MS after the keystroke if the full answer has
   * not come by then. Its failures are not the person's concern: the full answer reports its own.
   */
  async function preview(id: number, query: string, options: RecallOptions, started: number): Promise<void> {
    let result: RecallResult;
    try {
      result = await unwrap(api().recall.query({ query, options }));
    } catch {
      return;
    }
    const wait = started + PREVIEW_AFTER_MS - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    if (id !== sentId || shownId >= id) return;
    shownId = id;
    set({
      provisional: true,
      results: result.results,
      resultsFor: query,
      appliedRange: result.appliedRange,
      pendingEmbeddings: result.pendingEmbeddings,
      notices: [],
      tookMs: result.tookMs,
      error: null,
      typedAt: started,
      hasMore: false,
    });
    useUiStore.getState().select(0);
    previewShown = { id };
  }

  /**
   * The note selected now. When the meaning matches replace a words-only preview, this note stays selected (and
   * open) if the full answer has it: the person may already be reading it.
   */
  function selectedNoteId(): number | null {
    return get().results[useUiStore.getState().selectedIndex]?.id ?? null;
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
