// The search box (search as you type), the mode toggle and the tag / date filters.
import { useRef, useState, type KeyboardEvent } from 'react';
import { ChoiceGroup } from './choice-group';
import { useShallow } from 'zustand/react/shallow';
import type { RecallMode } from '../../../shared/models';
import { formatDay } from '../lib/format';
import { modKey, useFocusRequest } from '../lib/use-focus-request';
import { presetRange, WHEN_PRESETS } from '../lib/when';
import { useNotesStore } from '../stores/notes-store';
import { RECALL_MODES, useRecallStore } from '../stores/recall-store';
import { useAskStore } from '../stores/ask-store';
import { useUiStore } from '../stores/ui-store';
import { AskBox, BoxModeToggle } from './ask-box';

const MODE_LABELS: Record<RecallMode, { label: string; hint: string }> = {
  hybrid: { label: 'Hybrid', hint: 'Meaning and words together' },
  vector: { label: 'Meaning', hint: 'Semantic: finds paraphrases and related ideas' },
  keyword: { label: 'Words', hint: 'Keyword: exact words; "quotes" match a phrase' },
};

/** "Mar 3 – Mar 9, 2026": the end is exclusive, so a range ending at midnight shows the day before. */
function formatRange(from: string | null, to: string | null): string {
  let end = to;
  if (to) {
    const d = new Date(to);
    if (d.getHours() === 0 && d.getMinutes() === 0 && d.getSeconds() === 0) end = new Date(d.getTime() - 1).toISOString();
  }
  const start = from ? formatDay(from) : '…';
  const finish = end ? formatDay(end) : 'now';
  return start === finish ? start : `${start} – ${finish}`;
}

interface SearchHeaderProps {
  /** The id of the list the box drives; absent while no list is shown (an empty view), so aria-controls never dangles. */
  readonly listId: string | undefined;
  readonly activeOptionId: string | undefined;
  readonly onKeyDown: (event: KeyboardEvent<HTMLInputElement>) => void;
}

/** The header above the list. */
export function SearchHeader({ listId, activeOptionId, onKeyDown }: SearchHeaderProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  useFocusRequest('search', inputRef);
  const { query, mode, tags, when, loading, appliedRange, setQuery, setMode, addTag, removeTag, setWhen } = useRecallStore(
    useShallow((s) => ({
      query: s.query,
      mode: s.mode,
      tags: s.tags,
      when: s.when,
      loading: s.loading,
      appliedRange: s.appliedRange,
      setQuery: s.setQuery,
      setMode: s.setMode,
      addTag: s.addTag,
      removeTag: s.removeTag,
      setWhen: s.setWhen,
    })),
  );
  const knownTags = useNotesStore((s) => s.knownTags);
  const [tagDraft, setTagDraft] = useState('');
  const [whenDraft, setWhenDraft] = useState(when);

  const commitTag = (): void => {
    if (tagDraft.trim()) addTag(tagDraft.trim().toLowerCase());
    setTagDraft('');
  };
  const rangeText =
    query.trim() && when.trim() && appliedRange && (appliedRange.from || appliedRange.to)
      ? formatRange(appliedRange.from, appliedRange.to)
      : null;

  // Ask mode puts the question box in the same place; the search box stays mounted (hidden) and keeps its text.
  const askActive = useAskStore((s) => s.active);
  const asking = useUiStore((s) => s.view) === 'recall' && askActive;
  return (
    <header className="search-header">
      <div className="search-row">
        <BoxModeToggle />
        {asking && <AskBox />}
        <div className={`search-box ${loading ? 'loading' : ''}`} hidden={asking}>
          <svg aria-hidden="true" viewBox="0 0 24 24" width="18" height="18" className="search-icon">
            <circle cx="11" cy="11" r="6.5" fill="none" stroke="currentColor" strokeWidth="2" />
            <path d="M16 16l4.5 4.5" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
          </svg>
          <input
            ref={inputRef}
            type="search"
            role="combobox"
            aria-label="Search your memory"
            aria-controls={listId}
            aria-expanded={listId !== undefined}
            aria-autocomplete="list"
            aria-activedescendant={activeOptionId}
            placeholder="Search your memory…"
            value={query}
            autoFocus
            spellCheck={false}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={onKeyDown}
          />
          <kbd className="search-kbd" aria-hidden="true">
            {modKey()} F
          </kbd>
        </div>
        <ChoiceGroup
          label="Search mode"
          hidden={asking}
          choices={RECALL_MODES.map((m) => ({ value: m, label: MODE_LABELS[m].label, title: MODE_LABELS[m].hint }))}
          value={mode}
          onChange={setMode}
        />
      </div>
      <div className="filter-row">
        <div className="filter" role="group" aria-label="Tag filter">
          <span className="filter-label">Tags</span>
          {tags.map((tag) => (
            <button key={tag} type="button" className="chip chip-active" onClick={() => removeTag(tag)} aria-label={`Remove tag filter ${tag}`}>
              #{tag} <span aria-hidden="true">×</span>
            </button>
          ))}
          <input
            className="filter-input"
            aria-label="Filter by tag"
            placeholder={tags.length ? 'add…' : 'any'}
            list="known-tags"
            value={tagDraft}
            onChange={(e) => setTagDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ',') {
                e.preventDefault();
                commitTag();
              } else if (e.key === 'Backspace' && tagDraft === '' && tags.length) {
                removeTag(tags[tags.length - 1] ?? '');
              }
            }}
            onBlur={commitTag}
          />
          <datalist id="known-tags">
            {knownTags.map((t) => (
              <option key={t} value={t} />
            ))}
          </datalist>
        </div>
        <div className="filter" role="group" aria-label="Date filter">
          <label className="filter-label" htmlFor="when-input">
            When
          </label>
          <input
            id="when-input"
            className="filter-input when-input"
            placeholder="any time, or e.g. last week"
            list="when-presets"
            value={whenDraft}
            onChange={(e) => {
              setWhenDraft(e.target.value);
              if ((WHEN_PRESETS as readonly string[]).includes(e.target.value) || e.target.value === '') setWhen(e.target.value);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') setWhen(whenDraft);
              if (e.key === 'Escape' && whenDraft) {
                e.stopPropagation();
                setWhenDraft('');
                setWhen('');
              }
            }}
            onBlur={() => whenDraft !== when && setWhen(whenDraft)}
          />
          <datalist id="when-presets">
            {WHEN_PRESETS.map((p) => (
              <option key={p} value={p} />
            ))}
          </datalist>
          {rangeText && <span className="range-text">{rangeText}</span>}
          {!query.trim() && when.trim() && !presetRange(when) && <span className="range-text">applies when you search</span>}
          {when && (
            <button
              type="button"
              className="icon-btn"
              aria-label="Clear date filter"
              onClick={() => {
                setWhenDraft('');
                setWhen('');
              }}
            >
              ×
            </button>
          )}
        </div>
      </div>
    </header>
  );
}
