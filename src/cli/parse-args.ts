// Argument parsers handed to commander: each validates one value and throws InvalidArgumentError (exit 1) if bad.
import { InvalidArgumentError } from 'commander';

/** Parses a note ID: a positive integer such as 12. */
export function parseId(value: string): number {
  const id = /^\d+$/.test(value.trim()) ? Number(value.trim()) : NaN;
  if (!Number.isSafeInteger(id) || id < 1) {
    throw new InvalidArgumentError('A note ID is a positive whole number, such as 12 (see `engram list`).');
  }
  return id;
}

/** Parses a count that must be at least 1 (e.g. --limit). */
export function parsePositiveInt(value: string): number {
  const n = /^\d+$/.test(value.trim()) ? Number(value.trim()) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('Expected a whole number of at least 1.');
  return n;
}

/** Parses a count that may be 0 (e.g. --offset). */
export function parseNonNegativeInt(value: string): number {
  const n = /^\d+$/.test(value.trim()) ? Number(value.trim()) : NaN;
  if (!Number.isSafeInteger(n)) throw new InvalidArgumentError('Expected a whole number of 0 or more.');
  return n;
}

/** Collects a repeatable option (`--tag a --tag b`) into an array, dropping blank values. */
export function collect(value: string, previous: string[] | undefined): string[] {
  const trimmed = value.trim();
  if (!trimmed) throw new InvalidArgumentError('Expected a non-empty value.');
  return [...(previous ?? []), trimmed];
}

/** Parses --from: an ISO date (local midnight) or date-time, returned as an ISO-8601 instant. */
export function parseFromDate(value: string): string {
  return parseDateBound(value, false);
}

/** Parses --to: like --from, but a bare date means the end of that day, so `--to 2024-03-31` includes March 31. */
export function parseToDate(value: string): string {
  return parseDateBound(value, true);
}

function parseDateBound(value: string, endOfDay: boolean): string {
  const text = value.trim();
  const bare = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  let date = new Date(NaN);
  if (bare) {
    const [year, month, day] = [Number(bare[1]), Number(bare[2]) - 1, Number(bare[3])];
    const start = new Date(year, month, day);
    if (start.getFullYear() === year && start.getMonth() === month && start.getDate() === day) {
      date = endOfDay ? new Date(year, month, day + 1) : start;
    }
  } else if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(text)) {
    date = new Date(text);
  }
  if (Number.isNaN(date.getTime())) {
    throw new InvalidArgumentError('Expected a date such as 2024-03-01 or 2024-03-01T09:30 (use --when for phrases).');
  }
  return date.toISOString();
}
