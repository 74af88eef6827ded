// In the note pane, when the note was opened from search results: the matched passage scrolled into view and
// marked, every occurrence of the matched words highlighted, and next / previous match.
import { useEffect, useMemo, useState, type RefObject } from 'react';
import type { Note, RecallHit } from '../../../shared/models';
import { passageBlocks } from '../lib/passage-blocks';
import { highlightedWords, wordRanges } from '../lib/text-ranges';
import { useRecallStore } from '../stores/recall-store';

/** The CSS Custom Highlight names styled in styles.css (`::highlight(...)`). */
const ALL = 'search-match';
const CURRENT = 'search-match-current';

/** Whether the browser can paint highlights without touching the DOM (Chromium 105+, so every Electron we ship). */
const canHighlight = typeof CSS !== 'undefined' && 'highlights' in CSS;

/** Scrolls a range into view, centred, in its scrolling ancestor. */
function scrollToRange(range: Range): void {
  const element = range.startContainer.parentElement;
  element?.scrollIntoView({ block: 'center' });
}

/** What the note was found by: the matched passage's text and the words highlighted in it. */
interface FoundBy {
  readonly passage: string;
  readonly words: readonly string[];
}

/**
 * What the search hit this note was opened from matched, if the results on screen hold it. Stable while the hit's
 * snippet stays the same: results refreshed underneath (embeddings finished, a re-run) keep the person's place.
 */
function useFoundBy(note: Note): FoundBy | null {
  const hit: RecallHit | undefined = useRecallStore((s) => (s.resultsFor.trim() ? s.results.find((h) => h.id === note.id) : undefined));
  const passage = hit?.snippet.text ?? null;
  // joined, so the memo compares the words by value, not by the new array each refresh brings
  const words = hit ? highlightedWords(hit.snippet.text, hit.snippet.highlights).join('\n') : '';
  return useMemo(() => (passage === null ? null : { passage, words: words ? words.split('\n') : [] }), [passage, words]);
}

/** The bar above the note: "Match 2 of 7" with previous / next, or the closest passage for a meaning match. */
export function SearchMatches({ note, scope }: { note: Note; scope: RefObject<HTMLElement | null> }) {
  const found = useFoundBy(note);
  const [ranges, setRanges] = useState<Range[]>([]);
  const [current, setCurrent] = useState(0);
  const [passageShown, setPassageShown] = useState(false);

  useEffect(() => {
    const root = scope.current?.querySelector<HTMLElement>('.markdown');
    if (!found || !root) return;
    const all = wordRanges(root, found.words);
    // the passage's blocks that hold a matched word (the snippet also carries context around them); for a meaning
    // match, the whole passage
    const passage = passageBlocks(root, found.passage);
    const withWords = passage.filter((b) => all.some((r) => b.contains(r.startContainer)));
    const blocks = withWords.length > 0 ? withWords : passage;
    for (const block of blocks) block.classList.add('matched-block');
    // start at the first match inside the passage that matched, else the first in the note
    const first = Math.max(0, all.findIndex((r) => blocks.some((b) => b.contains(r.startContainer))));
    setRanges(all);
    setCurrent(first);
    setPassageShown(blocks.length > 0);
    if (all.length > 0) scrollToRange(all[first]!);
    else blocks[0]?.scrollIntoView({ block: 'center' });
    return () => {
      for (const block of blocks) block.classList.remove('matched-block');
      if (canHighlight) {
        CSS.highlights.delete(ALL);
        CSS.highlights.delete(CURRENT);
      }
    };
  }, [found, note.body, scope]);

  useEffect(() => {
    if (!canHighlight || ranges.length === 0) return;
    CSS.highlights.set(ALL, new Highlight(...ranges));
    CSS.highlights.set(CURRENT, new Highlight(ranges[current]!));
  }, [ranges, current]);

  const go = (by: number): void => {
    if (ranges.length === 0) return;
    const next = (current + by + ranges.length) % ranges.length;
    setCurrent(next);
    scrollToRange(ranges[next]!);
  };

  // F3 / Shift+F3 (and Ctrl+G / Ctrl+Shift+G), as in a browser's find bar
  useEffect(() => {
    if (ranges.length < 2) return;
    const onKey = (e: KeyboardEvent): void => {
      const find = e.key === 'F3' || ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'g');
      if (!find || (e.target as HTMLElement | null)?.closest('input, textarea')) return;
      e.preventDefault();
      go(e.shiftKey ? -1 : 1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (!found || (ranges.length === 0 && !passageShown)) return null;
  return (
    <div className="search-matches" role="group" aria-label="Matches of your search in this note">
      {ranges.length > 0 ? (
        <>
          <span aria-live="polite">
            Match {current + 1} of {ranges.length}
          </span>
          <button type="button" className="btn btn-small" onClick={() => go(-1)} aria-label="Previous match" aria-keyshortcuts="Shift+F3" disabled={ranges.length < 2}>
            ↑
          </button>
          <button type="button" className="btn btn-small" onClick={() => go(1)} aria-label="Next match" aria-keyshortcuts="F3" disabled={ranges.length < 2}>
            ↓
          </button>
        </>
      ) : (
        <span>The passage closest in meaning to your search is marked below.</span>
      )}
    </div>
  );
}
