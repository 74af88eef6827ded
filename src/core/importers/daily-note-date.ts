/** A daily note's file name: the day alone, as Obsidian's and Logseq's daily notes name them (2026-11-30.md). */
const DAILY_NAME = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The day a daily note is about, from its file name (without extension), as that day's UTC midnight: the same
 * instant a front-matter `date: 2026-11-30` gives, so both read as a date without a time of day. Null when the
 * name is not a real calendar day (2026-02-30 is not), so the file's time is used as before.
 */
export function dailyNoteDate(fileName: string): string | null {
  const match = DAILY_NAME.exec(fileName.trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real && year >= 1900 ? date.toISOString() : null;
}
