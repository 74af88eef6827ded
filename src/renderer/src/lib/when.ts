// Date-range words for the browse list (no search text): the core parses `when` for recall; browsing lists notes by
// from/to, so the common presets are resolved here. Anything else is left to recall.

/** Presets offered in the When field. */
export const WHEN_PRESETS = ['today', 'yesterday', 'this week', 'last week', 'last month', 'this year', 'last year'] as const;

/** Resolves a preset to an ISO range, or null for words only the core understands. */
export function presetRange(when: string, now = new Date()): { from: string; to: string } | null {
  const day = (y: number, m: number, d: number) => new Date(y, m, d);
  const y = now.getFullYear();
  const m = now.getMonth();
  const d = now.getDate();
  const today = day(y, m, d);
  const tomorrow = day(y, m, d + 1);
  const range = (from: Date, to: Date) => ({ from: from.toISOString(), to: to.toISOString() });
  const mondayOffset = (today.getDay() + 6) % 7;
  switch (when.trim().toLowerCase()) {
    case 'today':
      return range(today, tomorrow);
    case 'yesterday':
      return range(day(y, m, d - 1), today);
    case 'this week':
      return range(day(y, m, d - mondayOffset), tomorrow);
    case 'last week':
      return range(day(y, m, d - mondayOffset - 7), day(y, m, d - mondayOffset));
    case 'last month':
      return range(day(y, m - 1, 1), day(y, m, 1));
    case 'this month':
      return range(day(y, m, 1), tomorrow);
    case 'this year':
      return range(day(y, 0, 1), tomorrow);
    case 'last year':
      return range(day(y - 1, 0, 1), day(y, 0, 1));
    default:
      return null;
  }
}
