// Parses the CISI test collection (CISI.ALL documents, CISI.QRY queries, CISI.REL judgements) into plain data.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** One CISI document: a library-science abstract with its title and authors. */
export interface CisiDocument {
  readonly id: number;
  readonly title: string;
  readonly authors: readonly string[];
  readonly abstract: string;
  /** Citation cross-references from `.X`: [docId, kind, weight] triples as in the file. */
  readonly crossRefs: readonly (readonly [number, number, number])[];
}

/** One CISI query. `text` is the `.W` field; later queries are whole abstracts with a title and authors too. */
export interface CisiQuery {
  readonly id: number;
  readonly text: string;
  readonly title: string | null;
  readonly authors: readonly string[];
  readonly bibliography: string | null;
}

/** Relevance judgements: query id to the set of relevant document ids (binary relevance). */
export type Qrels = ReadonlyMap<number, ReadonlySet<number>>;

/** The whole collection, with the queries that have at least one judgement. */
export interface CisiCollection {
  readonly documents: readonly CisiDocument[];
  readonly queries: readonly CisiQuery[];
  readonly qrels: Qrels;
  readonly judgedQueries: readonly CisiQuery[];
}

interface RawRecord {
  readonly id: number;
  readonly fields: Map<string, string[][]>;
}

const FIELD_LINE = /^\.([A-Z])\s*$/;
const ID_LINE = /^\.I\s+(\d+)\s*$/;

/** Splits a SMART-format file (`.I id` records with `.X` field markers on their own lines) into raw records. */
function parseRecords(content: string): RawRecord[] {
  const records: RawRecord[] = [];
  let current: RawRecord | null = null;
  let lines: string[] | null = null;
  for (const line of content.split(/\r?\n/)) {
    const id = ID_LINE.exec(line);
    if (id) {
      current = { id: Number(id[1]), fields: new Map() };
      records.push(current);
      lines = null;
      continue;
    }
    const field = FIELD_LINE.exec(line);
    if (field && current) {
      const key = field[1]!;
      lines = [];
      const existing = current.fields.get(key);
      if (existing) existing.push(lines);
      else current.fields.set(key, [lines]);
      continue;
    }
    if (lines) lines.push(line);
  }
  return records;
}

/** Joins the lines of a text field, collapsing runs of whitespace. */
function joinText(lines: readonly string[] | undefined): string {
  return (lines ?? []).join(' ').replace(/\s+/g, ' ').trim();
}

/** All non-empty lines of every occurrence of a field, trimmed. */
function fieldLines(record: RawRecord, key: string): string[] {
  return (record.fields.get(key) ?? [])
    .flat()
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

/** The text of a field (all occurrences joined), or null when the record has none. */
function fieldText(record: RawRecord, key: string): string | null {
  const parts = record.fields.get(key);
  if (!parts) return null;
  return joinText(parts.flat());
}

/** Parses CISI.ALL content into documents. */
export function parseDocuments(content: string): CisiDocument[] {
  return parseRecords(content).map((r) => ({
    id: r.id,
    title: fieldText(r, 'T') ?? '',
    authors: fieldLines(r, 'A'),
    abstract: fieldText(r, 'W') ?? '',
    crossRefs: fieldLines(r, 'X').map((l) => {
      const [a, b, c] = l.split(/\s+/).map(Number);
      return [a ?? 0, b ?? 0, c ?? 0] as const;
    }),
  }));
}

/** Parses CISI.QRY content into queries. */
export function parseQueries(content: string): CisiQuery[] {
  return parseRecords(content).map((r) => ({
    id: r.id,
    text: fieldText(r, 'W') ?? '',
    title: fieldText(r, 'T'),
    authors: fieldLines(r, 'A'),
    bibliography: fieldText(r, 'B'),
  }));
}

/** Parses CISI.REL content (`qid docid 0 0.0` per line) into binary judgements. */
export function parseQrels(content: string): Map<number, Set<number>> {
  const qrels = new Map<number, Set<number>>();
  for (const line of content.split(/\r?\n/)) {
    const parts = line.trim().split(/\s+/);
    if (parts.length < 2 || parts[0] === '') continue;
    const qid = Number(parts[0]);
    const docId = Number(parts[1]);
    if (!Number.isInteger(qid) || !Number.isInteger(docId)) throw new Error(`CISI.REL: cannot parse line "${line}"`);
    let set = qrels.get(qid);
    if (!set) qrels.set(qid, (set = new Set()));
    set.add(docId);
  }
  return qrels;
}

/** Reads and parses the collection from a directory holding CISI.ALL, CISI.QRY and CISI.REL. */
export function loadCisi(dir: string): CisiCollection {
  const read = (name: string): string => {
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) throw new Error(`CISI dataset file not found: ${file} (pass --dataset DIR)`);
    return fs.readFileSync(file, 'utf8');
  };
  const documents = parseDocuments(read('CISI.ALL'));
  const queries = parseQueries(read('CISI.QRY'));
  const qrels = parseQrels(read('CISI.REL'));
  const judgedQueries = queries.filter((q) => (qrels.get(q.id)?.size ?? 0) > 0);
  return { documents, queries, qrels, judgedQueries };
}

/** The repository root: the nearest folder above this module (bundled or not) holding package.json. */
function findRepoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

/** The default dataset location: `<repo>/../shared/datasets/cisi`. */
export function defaultCisiDir(): string {
  return path.resolve(findRepoRoot(), '../shared/datasets/cisi');
}
