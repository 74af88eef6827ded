// The sidebar: new note, the two views, and the tags seen so far (click one to filter by it).
import { useState } from 'react';
import { tagTree } from '../lib/tag-tree';
import { useShallow } from 'zustand/react/shallow';
import { useCaptureStore } from '../stores/capture-store';
import { useNotesStore } from '../stores/notes-store';
import { useRecallStore } from '../stores/recall-store';
import { useSourcesStore } from '../stores/sources-store';
import { useUiStore } from '../stores/ui-store';
import { modKey } from '../lib/use-focus-request';

/**
 * Tags listed before "Show all": the most used ones. A vault import can bring thousands of tags, and drawing them
 * all took 300 ms of the window's time after a 10k-note import.
 */
const TOP_TAGS = 40;

/** The left column. */
export function Sidebar() {
  const [allTags, setAllTags] = useState(false);
  const view = useUiStore((s) => s.view);
  const setView = useUiStore((s) => s.setView);
  const begin = useCaptureStore((s) => s.begin);
  const { tagCounts, forgottenCount, loadForgotten } = useNotesStore(
    useShallow((s) => ({ tagCounts: s.tagCounts, forgottenCount: s.forgotten.length, loadForgotten: s.loadForgotten })),
  );
  const attention = useSourcesStore((s) => s.sources.filter((f) => f.state === 'offline' || f.state === 'waiting' || f.state === 'error' || f.conflicts > 0).length);
  const { activeTags, addTag, removeTag } = useRecallStore(
    useShallow((s) => ({ activeTags: s.tags, addTag: s.addTag, removeTag: s.removeTag })),
  );

  return (
    <nav className="sidebar" aria-label="Engram">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          <svg viewBox="0 0 24 24" width="20" height="20">
            <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" strokeWidth="2" />
            <circle cx="12" cy="12" r="3.2" fill="currentColor" />
          </svg>
        </span>
        <span className="brand-name">Engram</span>
      </div>
      <button type="button" className="btn btn-primary new-note" onClick={begin} aria-keyshortcuts="Control+N Meta+N">
        <svg aria-hidden="true" viewBox="0 0 16 16" width="14" height="14">
          <path d="M8 3v10M3 8h10" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </svg>
        New note <kbd>{modKey()} N</kbd>
      </button>
      <ul className="nav-list">
        <li>
          <button
            type="button"
            className={`nav-item ${view === 'recall' ? 'active' : ''}`}
            aria-current={view === 'recall' ? 'page' : undefined}
            onClick={() => setView('recall')}
          >
            <svg aria-hidden="true" viewBox="0 0 24 24" width="16" height="16">
              <circle cx="11" cy="11" r="6.5" fill="none" stroke="currentColor" strokeWidth="2" />
              <path d="M16 16l4.5 4.5" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
            </svg>
            Recall
          </button>
        </li>
        <li>
          <button
            type="button"
            className={`nav-item ${view === 'forgotten' ? 'active' : ''}`}
            aria-current={view === 'forgotten' ? 'page' : undefined}
            onClick={() => {
              setView('forgotten');
              void loadForgotten();
            }}
          >
            <svg aria-hidden="true" viewBox="0 0 24 24" width="16" height="16">
              <path d="M5 7h14M10 7V5h4v2M7 7l1 13h8l1-13" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
            </svg>
            Forgotten
            {forgottenCount > 0 && <span className="count">{forgottenCount}</span>}
          </button>
        </li>
        <li>
          <button
            type="button"
            className={`nav-item ${view === 'import' ? 'active' : ''}`}
            aria-current={view === 'import' ? 'page' : undefined}
            onClick={() => setView('import')}
            aria-keyshortcuts="Control+O Meta+O"
            title={`Import (${modKey()} O)`}
          >
            <svg aria-hidden="true" viewBox="0 0 24 24" width="16" height="16">
              <path d="M12 4v11M7 10l5 5 5-5M5 19h14" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
            </svg>
            Import
          </button>
        </li>
        <li>
          <button
            type="button"
            className={`nav-item ${view === 'sources' ? 'active' : ''}`}
            aria-current={view === 'sources' ? 'page' : undefined}
            onClick={() => setView('sources')}
          >
            <svg aria-hidden="true" viewBox="0 0 24 24" width="16" height="16">
              <path d="M3 7.5V18a1.5 1.5 0 0 0 1.5 1.5h15A1.5 1.5 0 0 0 21 18V9a1.5 1.5 0 0 0-1.5-1.5H12L10 5H4.5A1.5 1.5 0 0 0 3 6.5z" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
            </svg>
            Folders
            {attention > 0 && (
              <span className="count count-warn" aria-label={`${attention} need attention`}>
                {attention}
              </span>
            )}
          </button>
        </li>
        <li>
          <button
            type="button"
            className={`nav-item ${view === 'settings' ? 'active' : ''}`}
            aria-current={view === 'settings' ? 'page' : undefined}
            onClick={() => setView('settings')}
            aria-keyshortcuts="Control+, Meta+,"
            title={`Settings (${modKey()} ,)`}
          >
            <svg aria-hidden="true" viewBox="0 0 24 24" width="16" height="16">
              <circle cx="12" cy="12" r="3" fill="none" stroke="currentColor" strokeWidth="2" />
              <path
                d="M12 2.5v3M12 18.5v3M2.5 12h3M18.5 12h3M5.3 5.3l2.1 2.1M16.6 16.6l2.1 2.1M5.3 18.7l2.1-2.1M16.6 7.4l2.1-2.1"
                fill="none"
                stroke="currentColor"
                strokeWidth="2"
                strokeLinecap="round"
              />
            </svg>
            Settings
          </button>
        </li>
      </ul>
      {tagCounts.length > 0 && (
        <section className="tag-section" aria-labelledby="tags-heading">
          <h2 id="tags-heading" className="section-label">
            Tags
          </h2>
          <ul className="tag-list">
            {(allTags ? tagTree(tagCounts) : tagCounts.filter((t, i) => i < TOP_TAGS || activeTags.includes(t.tag)).map(({ tag, count }) => ({ path: tag, name: tag, depth: 0, count }))).map(({ path, name, depth, count }) => {
              const active = activeTags.includes(path);
              return (
                <li key={path}>
                  <button
                    type="button"
                    className={`tag-link ${active ? 'active' : ''}`}
                    data-depth={Math.min(depth, 4)}
                    aria-pressed={active}
                    aria-label={depth > 0 ? `${path}${count === null ? '' : `, ${count} notes`}` : undefined}
                    title={path}
                    onClick={() => (active ? removeTag(path) : addTag(path))}
                  >
                    <span aria-hidden="true">#</span>
                    <span className="tag-name">{name}</span>
                    {count !== null && (
                      <span className="count" aria-label={`${count} notes`}>
                        {count}
                      </span>
                    )}
                  </button>
                </li>
              );
            })}
          </ul>
          {tagCounts.length > TOP_TAGS && (
            <button type="button" className="tag-more" aria-expanded={allTags} onClick={() => setAllTags(!allTags)}>
              {allTags ? 'Show fewer tags' : `Show all ${tagCounts.length.toLocaleString()} tags`}
            </button>
          )}
        </section>
      )}
    </nav>
  );
}
