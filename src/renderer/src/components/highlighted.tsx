// Renders a snippet with its matched ranges marked, trimmed so the first match is visible in two lines.
import type { ReactNode } from 'react';
import type { Snippet } from '../../../shared/models';

/** Snippet text with <mark> around each highlight range. */
export function Highlighted({ snippet }: { snippet: Snippet }): ReactNode {
  const text = snippet.text;
  const ranges = [...snippet.highlights]
    .filter((r) => r.end > r.start && r.start >= 0 && r.start < text.length)
    .sort((a, b) => a.start - b.start);
  // Start a little before the first match, at a word boundary, so it shows inside the clamped lines.
  let offset = 0;
  const firstStart = ranges[0]?.start ?? 0;
  if (firstStart > 80) {
    const cut = text.lastIndexOf(' ', firstStart - 40);
    offset = cut > 0 ? cut + 1 : firstStart - 40;
  }
  const parts: ReactNode[] = [];
  if (offset > 0) parts.push('… ');
  let at = offset;
  ranges.forEach((r, i) => {
    const start = Math.max(r.start, at);
    const end = Math.min(r.end, text.length);
    if (end <= start) return;
    if (start > at) parts.push(text.slice(at, start));
    parts.push(<mark key={i}>{text.slice(start, end)}</mark>);
    at = end;
  });
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}
