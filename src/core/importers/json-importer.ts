import path from 'node:path';
import { deriveTitle } from '../notes/derive-title';
import { decodeText } from './decode-text';
import { importTags, tagList } from './import-tags';
import { ImportFileError, type ImportedNote, type Importer, type RecordFailure } from './import-types';
import { jsonLines, jsonRecords, type JsonRecord } from './json-records';
import { parseDate } from './parse-date';

const BODY_KEYS = ['body', 'text', 'content'];
const DATE_KEYS = ['created', 'createdAt', 'created_at', 'date', 'timestamp'];

/**
 * JSON (.json: an array of records, or {notes: [...]}) and JSON Lines (.jsonl, .ndjson). A record is
 * {title?, body | text | content, tags?, created?}; its `id`, when present, identifies it across re-imports,
 * else its position. Records without text fail alone with a reason.
 */
export const jsonImporter: Importer = {
  format: 'json',
  parse: async (file) => {
    const { text, warnings } = decodeText(file.bytes);
    const lines = /\.(jsonl|ndjson)$/i.test(file.absPath);
    const { records, failures } = lines ? jsonLines(text) : { records: jsonRecords(text), failures: [] };
    const where = (n: number): string => `${file.absPath}#${lines ? 'line' : 'record'}-${n}`;
    const notes: ImportedNote[] = [];
    const bad: RecordFailure[] = failures.map((f) => ({ path: where(f.line), reason: f.reason }));
    for (const record of records) {
      const note = recordNote(record, file.absPath, where(record.position), file.mtime);
      if (typeof note === 'string') bad.push({ path: where(record.position), reason: note });
      else notes.push(note);
    }
    if (notes.length === 0 && bad.length === 0) throw new ImportFileError('no records found in the JSON');
    return { notes, failures: bad, attachments: 0, warnings: warnings.map((reason) => ({ path: file.absPath, reason })) };
  },
};

/** A record as a note, or the reason it cannot be one. */
function recordNote({ value }: JsonRecord, absPath: string, fallbackPath: string, mtime: Date): ImportedNote | string {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return 'not an object with a body, text or content field';
  const record = value as Record<string, unknown>;
  const bodyKey = BODY_KEYS.find((k) => typeof record[k] === 'string' && (record[k] as string).trim() !== '');
  if (!bodyKey) return 'no text: expected a non-empty "body", "text" or "content" string';
  const id = typeof record.id === 'string' || typeof record.id === 'number' ? String(record.id) : null;
  const body = record[bodyKey] as string;
  const title = typeof record.title === 'string' && record.title.trim() ? record.title.trim() : (deriveTitle(body) ?? path.basename(absPath));
  return {
    title,
    body,
    tags: importTags(tagList(record.tags)),
    createdAt: DATE_KEYS.map((k) => parseDate(record[k])).find((d) => d !== undefined) ?? mtime.toISOString(),
    source: { kind: 'json', path: id !== null ? `${absPath}#${id}` : fallbackPath },
  };
}
