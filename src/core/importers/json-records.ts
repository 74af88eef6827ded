import { ImportFileError } from './import-types';

/** One JSON value per record, with where it came from (for keys and error messages). */
export interface JsonRecord {
  readonly value: unknown;
  /** 1-based position: the array index + 1, or the JSONL line number. */
  readonly position: number;
}

/** A line of JSONL that is not JSON. */
export interface JsonLineFailure {
  readonly line: number;
  readonly reason: string;
}

const WRAPPER_KEYS = ['notes', 'items', 'records', 'entries', 'data'];

/** Parses a JSON document into records: a top-level array, an object holding one (notes/items/records/entries/data), or one record. */
export function jsonRecords(text: string): JsonRecord[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ImportFileError(`not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const list = Array.isArray(value) ? value : wrapped(value);
  return (list ?? [value]).map((v, i) => ({ value: v, position: i + 1 }));
}

/** Parses JSON Lines: one record per non-blank line; bad lines are reported, the rest kept. */
export function jsonLines(text: string): { records: JsonRecord[]; failures: JsonLineFailure[] } {
  const records: JsonRecord[] = [];
  const failures: JsonLineFailure[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    try {
      records.push({ value: JSON.parse(line), position: i + 1 });
    } catch (error) {
      failures.push({ line: i + 1, reason: `not valid JSON (${error instanceof Error ? error.message : String(error)})` });
    }
  });
  return { records, failures };
}

function wrapped(value: unknown): unknown[] | null {
  if (!value || typeof value !== 'object') return null;
  const record = value as Record<string, unknown>;
  for (const key of WRAPPER_KEYS) if (Array.isArray(record[key])) return record[key] as unknown[];
  return null;
}
