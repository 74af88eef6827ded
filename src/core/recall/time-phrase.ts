import * as chrono from 'chrono-node';
import { EngramError } from '../errors';

/** A half-open time range [from, to); either end may be open. */
export interface TimeRange {
  readonly from: Date | null;
  readonly to: Date | null;
}

type Unit = 'day' | 'week' | 'month' | 'year';

function startOf(date: Date, unit: Unit): Date {
  const d = new Date(date);
  d.setHours(0, 0, 0, 0);
  if (unit === 'week') d.setDate(d.getDate() - ((d.getDay() + 6) % 7)); // weeks start on Monday
  if (unit === 'month' || unit === 'year') d.setDate(1);
  if (unit === 'year') d.setMonth(0);
  return d;
}

function add(date: Date, unit: Unit, count: number): Date {
  const d = new Date(date);
  if (unit === 'day') d.setDate(d.getDate() + count);
  if (unit === 'week') d.setDate(d.getDate() + 7 * count);
  if (unit === 'month') d.setMonth(d.getMonth() + count);
  if (unit === 'year') d.setFullYear(d.getFullYear() + count);
  return d;
}

/** The whole day, month or year a parsed date names, by which parts the phrase stated. */
function spanOf(component: chrono.ParsedComponents): { from: Date; to: Date } {
  const date = component.date();
  const unit: Unit = component.isCertain('day') ? 'day' : component.isCertain('month') ? 'month' : component.isCertain('year') ? 'year' : 'day';
  const from = startOf(date, unit);
  return { from, to: add(from, unit, 1) };
}

function parseOne(text: string, now: Date): { from: Date; to: Date } | null {
  const year = /^(?:in )?(\d{4})$/.exec(text);
  if (year) return { from: new Date(Number(year[1]), 0, 1), to: new Date(Number(year[1]) + 1, 0, 1) };
  const results = chrono.parse(text, { instant: now }, { forwardDate: false });
  const first = results[0];
  if (!first) return null;
  const start = spanOf(first.start);
  if (start.from > now && !first.start.isCertain('year')) {
    // "March" said in January means last March
    start.from = add(start.from, 'year', -1);
    start.to = add(start.to, 'year', -1);
  }
  return first.end ? { from: start.from, to: spanOf(first.end).to } : start;
}

/**
 * Turns words into a date range, as the HTM memory library does: "today", "yesterday", "last week", "past 3 days",
 * "this month", "since March", "before 2024", "after May 3", "between May 1 and May 9", "2024-05-01". Relative
 * periods ("last week") end now. Throws INVALID_INPUT with examples when the phrase is not understood.
 */
export function parseTimePhrase(phrase: string, now: Date = new Date()): TimeRange {
  const text = phrase.trim().toLowerCase().replace(/\s+/g, ' ');
  if (!text) return { from: null, to: null };
  const relative = /^(?:in the )?(?:last|past|previous) ?(\d+)? (day|week|month|year)s?$/.exec(text);
  if (relative) {
    const count = Number(relative[1] ?? 1);
    return { from: add(now, relative[2] as Unit, -count), to: now };
  }
  const current = /^this (week|month|year)$/.exec(text);
  if (current) return { from: startOf(now, current[1] as Unit), to: now };
  if (text === 'today') return { from: startOf(now, 'day'), to: add(startOf(now, 'day'), 'day', 1) };
  const bound = /^(since|after|from|before|until|till|up to) (.+)$/.exec(text);
  if (bound && !/ (?:to|and|until|-) /.test(bound[2]!)) {
    const span = parseOne(bound[2]!, now);
    if (span) {
      if (bound[1] === 'since' || bound[1] === 'from') return { from: span.from, to: null };
      if (bound[1] === 'after') return { from: span.to, to: null };
      if (bound[1] === 'before') return { from: null, to: span.from };
      return { from: null, to: span.to };
    }
  }
  const span = parseOne(text, now);
  if (span) return span;
  throw new EngramError(
    'INVALID_INPUT',
    `Could not understand the time "${phrase}". Try "yesterday", "last week", "since March", "before 2024" or a date like 2024-05-01.`,
  );
}
