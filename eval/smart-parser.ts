// Parses test collections in the SMART format (CISI, CACM, MED, CRAN, ...): `.I id` records whose fields start
// with a `.X` marker line. Documents, queries and relevance judgements become plain data.

/** One line of a document's `.X` field as in the file: [other document id, middle value, this document's id]. */
export type CrossRef = readonly [number, number, number];

/** One document: a title, usually an abstract, authors, and its citation cross-references. */
export interface SmartDocument {
  readonly id: number;
  readonly title: string;
  readonly authors: readonly string[];
  /** The `.W` text; empty when the record has none (many CACM documents are a title alone). */
  readonly abstract: string;
  /** Citation cross-references from `.X`, in file order (see `citationLinks` for their meaning). */
  readonly crossRefs: readonly CrossRef[];
}

/** One query. `text` is the `.W` field; some carry a title, the authors asked for, or a bibliography. */
export interface SmartQuery {
  readonly id: number;
  readonly text: string;
  readonly title: string | null;
  readonly authors: readonly string[];
  readonly bibliography: string | null;
}

/** Relevance judgements: query id to the set of relevant document ids (binary relevance). */
export type Qrels = ReadonlyMap<number, ReadonlySet<number>>;

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
  // some files end with an empty sentinel record (CACM's query.text: ".I 0")
  return records.filter((r) => r.fields.size > 0);
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

/** Parses a documents file (`CISI.ALL`, `cacm.all`, ...). */
export function parseDocuments(content: string): SmartDocument[] {
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

/** Parses a queries file (`CISI.QRY`, `query.text`, ...). */
export function parseQueries(content: string): SmartQuery[] {
  return parseRecords(content).map((r) => ({
    id: r.id,
    text: fieldText(r, 'W') ?? '',
    title: fieldText(r, 'T'),
    authors: fieldLines(r, 'A'),
    bibliography: fieldText(r, 'B'),
  }));
}

/** Parses judgements (`qid docid ...` per line; every listed pair is relevant) into binary relevance. */
export function parseQrels(content: string, fileName = 'judgements'): Map<number, Set<number>> {
  const qrels = new Map<number, Set<number>>();
  for (const line of content.split(/\r?\n/)) {
    const parts = line.trim().split(/\s+/);
    if (parts.length < 2 || parts[0] === '') continue;
    const qid = Number(parts[0]);
    const docId = Number(parts[1]);
    if (!Number.isInteger(qid) || !Number.isInteger(docId)) throw new Error(`${fileName}: cannot parse line "${line}"`);
    let set = qrels.get(qid);
    if (!set) qrels.set(qid, (set = new Set()));
    set.add(docId);
  }
  return qrels;
}

/**
 * Citation links between documents, undirected, without self-links. SMART files write each `.X` line as
 * `other-id value own-id`. In CACM the value is a link type (SMART's cite.info: 4 bibliographic coupling, 5 a direct
 * link, "X cites Y or Y cites X", 6 co-citation), so only type 5 lines are links. In CISI the value is a count (the
 * collection defines no types), so every line is a link.
 */
export function citationLinks(documents: readonly SmartDocument[]): Map<number, Set<number>> {
  const typed = documents.some((d) => d.crossRefs.length > 0) && documents.every((d) => d.crossRefs.every(([, v]) => v >= 4 && v <= 6));
  const links = new Map<number, Set<number>>();
  const add = (a: number, b: number): void => {
    let set = links.get(a);
    if (!set) links.set(a, (set = new Set()));
    set.add(b);
  };
  for (const doc of documents) {
    for (const [other, value] of doc.crossRefs) {
      if (other === doc.id || (typed && value !== 5)) continue;
      add(doc.id, other);
      add(other, doc.id);
    }
  }
  return links;
}
