// A fixed-row-height virtualised list: renders only the rows in view (plus a few), so thousands of hits stay smooth.
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

interface VirtualListProps {
  readonly id: string;
  readonly count: number;
  readonly rowHeight: number;
  readonly selectedIndex: number;
  readonly label: string;
  readonly renderRow: (index: number) => ReactNode;
  readonly onKeyDown?: (event: KeyboardEvent<HTMLDivElement>) => void;
  readonly overscan?: number;
  /** Called when the rows in view reach the end of the list (load the next page). */
  readonly onEndReached?: () => void;
  /** Identifies the list's content: when it changes the list scrolls to the selection; rows appended keep the scroll. */
  readonly contentKey?: string;
}

/** The list; the selected row is kept scrolled into view. */
export function VirtualList({ id, count, rowHeight, selectedIndex, label, renderRow, onKeyDown, overscan = 6, onEndReached, contentKey }: VirtualListProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(800);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setHeight(el.clientHeight);
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const el = ref.current;
    if (!el || count === 0) return;
    const top = selectedIndex * rowHeight;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + rowHeight > el.scrollTop + el.clientHeight) el.scrollTop = top + rowHeight - el.clientHeight;
    // not on count: a page appended while the user scrolls must not pull the view back to the selection
  }, [selectedIndex, rowHeight, contentKey, count > 0]);

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  const atEnd = count > 0 && last >= count;
  useEffect(() => {
    if (atEnd) onEndReached?.();
  }, [atEnd, count, onEndReached]);
  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) {
    rows.push(
      <div key={i} className="vlist-row" style={{ top: i * rowHeight, height: rowHeight }}>
        {renderRow(i)}
      </div>,
    );
  }

  return (
    <div
      ref={ref}
      id={id}
      className="vlist"
      role="listbox"
      aria-label={label}
      tabIndex={count > 0 ? 0 : -1}
      aria-activedescendant={count > 0 ? `${id}-opt-${selectedIndex}` : undefined}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
    >
      <div className="vlist-inner" style={{ height: count * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}
