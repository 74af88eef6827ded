// Small formatting helpers for dates, sizes and counts.

const dateFmt = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
const timeFmt = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const longFmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'long', timeStyle: 'short' });

const utcDateFmt = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
const utcLongDateFmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'long', timeZone: 'UTC' });

/**
 * A date without a time of day: a front-matter `date: 2026-10-14` or a daily note named 2026-11-30 is stored as
 * that day's UTC midnight. Shown as the day itself (in UTC, so no time zone moves it to the day before), never as
 * "12:00 AM". A note written by hand at exactly midnight UTC to the millisecond reads as a day too.
 */
export function isDateOnly(iso: string): boolean {
  return /T00:00:00(\.000)?Z$/.test(iso);
}

/** "Today 14:02", "Yesterday", "Mar 3, 2024". */
export function formatShortDate(iso: string, now = new Date()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  if (isDateOnly(iso)) return utcDateFmt.format(d);
  const startOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  const t = d.getTime();
  if (t >= startOfToday) return `Today ${timeFmt.format(d)}`;
  if (t >= startOfToday - 86_400_000) return 'Yesterday';
  if (t >= startOfToday - 6 * 86_400_000) return d.toLocaleDateString(undefined, { weekday: 'long' });
  return dateFmt.format(d);
}

/** "March 3, 2024 at 14:02"; "March 3, 2024" for a date without a time of day. */
export function formatLongDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return isDateOnly(iso) ? utcLongDateFmt.format(d) : longFmt.format(d);
}

/** A note's title for a one-line message: quoted, and cut with "…" past `max` characters. */
export function quotedTitle(title: string, max = 36): string {
  const text = title.trim() || 'Untitled';
  const chars = [...text];
  return `“${chars.length > max ? `${chars.slice(0, max - 1).join('').trimEnd()}…` : text}”`;
}

/** "Mar 3, 2024". */
export function formatDay(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : dateFmt.format(d);
}

/** 1536 → "1.5 KB". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 10 || unit === 0 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

/** 12345 → "12,345". */
export function formatCount(n: number): string {
  return n.toLocaleString();
}

/** Splits "a, b  c" into normalised tags (lower case, no leading #, no blanks, unique). */
export function parseTags(text: string): string[] {
  const tags = text
    .split(/[,\s]+/)
    .map((t) => t.trim().replace(/^#+/, '').toLowerCase())
    .filter((t) => t.length > 0);
  return [...new Set(tags)];
}

const PROVIDER_NAMES: Record<string, string> = { builtin: 'Built-in model', ollama: 'Ollama' };

/** A provider's name for people ("Built-in model", "Ollama"). */
export function providerName(provider: string): string {
  return PROVIDER_NAMES[provider] ?? provider;
}
