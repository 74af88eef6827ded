// The middle column: recall results, recent notes or forgotten notes, virtualised, with a one-line summary.
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatCount, formatShortDate } from '../lib/format';
import { useFocusRequest } from '../lib/use-focus-request';
import { paneShowsNote } from '../lib/use-one-selection';
import { useNotesStore } from '../stores/notes-store';
import { useRecallStore } from '../stores/recall-store';
import { useUiStore } from '../stores/ui-store';
import { Highlighted } from './highlighted';
import type { ListItem, ListKind } from './list-items';
import { VirtualList } from './virtual-list';
import { WhyHint } from './why-hint';

/** Height of one row in px (the virtual list needs a fixed height). */
export const ROW_HEIGHT = 104;

interface ResultListProps {
  readonly id: string;
  readonly kind: ListKind;
  readonly items: readonly ListItem[];
  readonly onOpen: (index: number, focusDetail: boolean) => void;
  readonly onKeyDown: (event: KeyboardEvent<HTMLDivElement>) => void;
}

declare global {
  interface Window {
    /**
     * Set by the performance harness: per rendered answer, the query it answers, performance.now() of the
     * keystroke that produced that query and of the frame that shows it, and the difference in ms.
     */
    __engramPerf?: { query: string; ms: number; typedAt: number; renderedAt: number }[];
  }
}

/**
 * The results' count line: "3 matches · 41 ms", "3 matches · 4 less related", or "No matches · 5 less related" when
 * every hit is only loosely related.
 */
export function resultsSummary(items: readonly ListItem[], hasMore: boolean, tookMs: number | null): string {
  const loose = items.filter((item) => item.lessRelated).length;
  const matches = items.length - loose;
  const count = matches === 0 && loose > 0 ? 'No matches' : `${formatCount(matches)}${hasMore && loose === 0 ? '+' : ''} ${matches === 1 ? 'match' : 'matches'}`;
  const time = tookMs !== null ? ` · ${Math.round(tookMs)} ms` : '';
  return loose > 0 ? `${count} · ${formatCount(loose)}${hasMore ? '+' : ''} less related${time}` : `${count}${time}`;
}

/** The list column. */
export function ResultList({ id, kind, items, onOpen, onKeyDown }: ResultListProps) {
  const selectedIndex = useUiStore((s) => s.selectedIndex);
  const currentId = useNotesStore((s) => s.current?.id ?? null);
  const pane = useUiStore((s) => s.pane);
  const { query, resultsFor, tookMs, error, pendingEmbeddings, typedAt, loading, notices, hasMore, provisional } = useRecallStore(
    useShallow((s) => ({
      provisional: s.provisional,
      hasMore: s.hasMore,
      notices: s.notices,
      query: s.query,
      resultsFor: s.resultsFor,
      tookMs: s.tookMs,
      error: s.error,
      pendingEmbeddings: s.pendingEmbeddings,
      typedAt: s.typedAt,
      loading: s.loading,
    })),
  );
  const { browseTotal, browseLoaded, forgottenLoaded, browseScope, showScope } = useNotesStore(
    useShallow((s) => ({ browseTotal: s.browseTotal, browseLoaded: s.browseLoaded, forgottenLoaded: s.forgottenLoaded, browseScope: s.browseScope, showScope: s.showScope })),
  );
  const scope = kind === 'browse' ? browseScope : null;
  const loadMore = useRecallStore((s) => s.loadMore);
  const listWrap = useRef<HTMLDivElement>(null);
  const focusTarget = useRef<HTMLElement | null>(null);
  useEffect(() => {
    focusTarget.current = listWrap.current?.querySelector('.vlist') ?? null;
  });
  useFocusRequest('list', focusTarget);

  // Keypress-to-results measurement for the performance harness (no cost unless the harness asks for it). Only an
  // answer counts: the list turning to results at a new query's first keystroke still holds the last query's typedAt.
  useEffect(() => {
    if (kind === 'results' && resultsFor.trim() !== '' && window.__engramPerf && typedAt > 0) {
      requestAnimationFrame(() => {
        const renderedAt = performance.now();
        window.__engramPerf?.push({ query: resultsFor, ms: renderedAt - typedAt, typedAt, renderedAt });
      });
    }
  }, [kind, resultsFor, typedAt]);

  let summary: string;
  if (kind === 'forgotten') summary = `${formatCount(items.length)} forgotten ${items.length === 1 ? 'note' : 'notes'}`;
  else if (kind === 'browse') summary = browseTotal > items.length ? `Latest ${formatCount(items.length)} of ${formatCount(browseTotal)} notes` : `${formatCount(items.length)} ${items.length === 1 ? 'note' : 'notes'}`;
  else if (items.length === 0 && loading && (resultsFor !== query || provisional)) summary = 'Searching…'; // never "0 matches" while a search runs
  else if (provisional) summary = `${formatCount(items.length)} by words · adding meaning…`;
  else summary = resultsSummary(items, hasMore, tookMs);
  const firstLessRelated = kind === 'results' ? items.findIndex((item) => item.lessRelated) : -1;

  const loaded = kind === 'forgotten' ? forgottenLoaded : kind === 'browse' ? browseLoaded : !loading || (resultsFor === query && !provisional);
  let empty: { title: string; body: string } | null = null;
  if (items.length === 0 && loaded) {
    if (kind === 'forgotten') empty = { title: 'Nothing forgotten', body: 'Notes you forget stay here until you restore them.' };
    else if (kind === 'browse') empty = { title: 'No notes yet', body: 'Write your first note and it becomes searchable at once.' };
    else if (error) empty = { title: 'Search failed', body: error };
    else empty = { title: 'No matches', body: 'Try other words, the Meaning mode, or fewer filters.' };
  }

  return (
    <section className="list-column" aria-label={kind === 'forgotten' ? 'Forgotten notes' : kind === 'browse' ? 'Notes' : 'Search results'}>
      <div className="list-summary" aria-live="polite">
        <span className="list-summary-name" title={scope?.title}>
          {scope ? scope.label : kind === 'browse' ? 'Recent' : kind === 'forgotten' ? 'Forgotten' : 'Results'}
        </span>
        <span className="muted">{summary}</span>
        {scope && (
          <button type="button" className="link-btn list-summary-all" onClick={() => showScope(null)}>
            Show all
          </button>
        )}
      </div>
      {kind === 'results' &&
        notices.map((notice) => (
          <div key={notice} className="list-note list-note-warn" role="note">
            {notice}
          </div>
        ))}
      {firstLessRelated === 0 && !provisional && (
        <div className="list-note" role="note">
          Nothing holds these words or comes close in meaning. The closest notes are below, less related.
        </div>
      )}
      {kind === 'results' && pendingEmbeddings > 0 && notices.length === 0 && (
        <div className="list-note" role="note">
          {formatCount(pendingEmbeddings)} {pendingEmbeddings === 1 ? 'passage is' : 'passages are'} still being embedded; they match by words until then.
        </div>
      )}
      <div className="list-wrap" ref={listWrap}>
        {empty ? (
          <div className="list-empty">
            <p className="list-empty-title">{empty.title}</p>
            <p>{empty.body}</p>
          </div>
        ) : (
          <VirtualList
            id={id}
            count={items.length}
            rowHeight={ROW_HEIGHT}
            selectedIndex={selectedIndex}
            label={kind === 'results' ? 'Search results' : 'Notes'}
            onKeyDown={onKeyDown}
            onEndReached={kind === 'results' ? loadMore : undefined}
            contentKey={kind === 'results' ? `results:${resultsFor}` : kind}
            renderRow={(index) => {
              const item = items[index];
              if (!item) return null;
              // one selection: a row is filled only when it is the note the pane shows
              const selected = index === selectedIndex && paneShowsNote(pane) && item.id === currentId;
              return (
                <div
                  id={`${id}-opt-${index}`}
                  role="option"
                  aria-selected={selected}
                  className={`row${selected ? ' selected' : ''}${item.lessRelated ? ' less-related' : ''}${index === firstLessRelated ? ' first-less-related' : ''}`}
                  data-note-id={item.id}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => onOpen(index, false)}
                  onDoubleClick={() => onOpen(index, true)}
                >
                  <div className="row-top">
                    {index === firstLessRelated && <span className="visually-hidden">Less related from here on: </span>}
                    <span className="row-title">{item.title || 'Untitled'}</span>
                    {item.author && item.author !== 'you' && (
                      <span className="row-author" title={`Written by the agent ${item.author}`}>
                        {item.author}
                      </span>
                    )}
                    <time className="row-date" dateTime={item.date}>
                      {formatShortDate(item.date)}
                    </time>
                  </div>
                  <div className="row-snippet">{item.snippet ? <Highlighted snippet={item.snippet} /> : item.preview}</div>
                  <div className="row-bottom">
                    <span className="row-tags">
                      {item.tags.slice(0, 4).map((t) => (
                        <span key={t} className="tag">
                          #{t}
                        </span>
                      ))}
                    </span>
                    {item.why && <WhyHint why={item.why} lessRelated={item.lessRelated} />}
                  </div>
                </div>
              );
            }}
          />
        )}
      </div>
    </section>
  );
}
