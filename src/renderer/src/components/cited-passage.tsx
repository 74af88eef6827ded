// In the note pane, the passage an Ask citation opened: a quote of what the model was given, and the same text
// highlighted and scrolled into view in the note below it.
import { useEffect, type RefObject } from 'react';
import type { Note } from '../../../shared/models';
import { useAskStore } from '../stores/ask-store';

/** Text as compared for finding the passage: markdown marks dropped, whitespace collapsed, lower case. */
function comparable(text: string): string {
  return text
    .replace(/[#*_`>~[\]()|-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Marks the rendered blocks of the note that hold the passage, and scrolls the first into view. */
function highlightBlocks(scope: HTMLElement, passageText: string): HTMLElement[] {
  const passage = comparable(passageText);
  const blocks = [...scope.querySelectorAll<HTMLElement>('.markdown p, .markdown li, .markdown h2, .markdown h3, .markdown h4, .markdown pre, .markdown blockquote, .markdown tr')];
  const hits = blocks.filter((block) => {
    const text = comparable(block.textContent ?? '');
    if (text.length < 3) return false;
    const probe = text.slice(0, 60);
    return passage.includes(probe) || text.includes(passage.slice(0, 60));
  });
  for (const block of hits) block.classList.add('cited-block');
  hits[0]?.scrollIntoView({ block: 'center' });
  return hits;
}

/** The cited passage of this note, when a citation opened it. */
export function CitedPassage({ note, scope }: { note: Note; scope: RefObject<HTMLElement | null> }) {
  const cited = useAskStore((s) => s.cited);
  const dismiss = () => useAskStore.setState({ cited: null });
  const passage = cited && cited.noteId === note.id ? cited : null;
  useEffect(() => {
    const root = scope.current;
    if (!passage || !root) return;
    const marked = highlightBlocks(root, passage.text);
    return () => marked.forEach((b) => b.classList.remove('cited-block'));
  }, [passage, note.body, scope]);
  if (!passage) return null;
  return (
    <aside className="cited-passage" aria-label="Cited passage">
      <div className="cited-head">
        <strong>{passage.number > 0 ? `Source ${passage.number}` : 'Closest passage'}</strong>
        <span className="muted small">{passage.number > 0 ? 'what the model was given from this note' : 'matched your question'}</span>
        <button type="button" className="icon-btn" aria-label="Hide the cited passage" onClick={dismiss}>
          ×
        </button>
      </div>
      <blockquote>{passage.text}</blockquote>
    </aside>
  );
}
