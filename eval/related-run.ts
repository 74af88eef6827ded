// Runs "related notes" and its keyword baseline for every document with a citation link, and scores both rankings
// against the linked (citing and cited) documents.
import { ChunksRepository } from '../src/core/db/repositories/chunks-repository';
import { NotesRepository } from '../src/core/db/repositories/notes-repository';
import { RelatedRepository } from '../src/core/db/repositories/related-repository';
import type { Engram } from '../src/core/engine/engram';
import { keywordQueryFor } from '../src/core/related/keyword-query';
import { RelatedService, type RelatedTuning } from '../src/core/related/related-service';
import { SearchRepository } from '../src/core/db/repositories/search-repository';
import { documentIdOf } from './eval-memory';
import { mean, ndcgAtK, quantile, recallAtK } from './metrics';
import type { SmartCollection } from './smart-collection';

/** Notes ranked per document, as many as the metrics look at. */
const RANKED = 10;

/** One ranking method's quality and latency over a collection's linked documents. */
export interface RelatedRun {
  readonly method: string;
  readonly queries: number;
  readonly recallAt10: number;
  readonly ndcgAt10: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
}

/** A document that has links, as a note. */
interface LinkedNote {
  readonly noteId: number;
  readonly docId: number;
  readonly text: string;
  readonly linked: ReadonlySet<number>;
}

/** The collection's documents that have at least one citation link to another loaded document, with their notes. */
export async function linkedNotes(engine: Engram, collection: SmartCollection): Promise<LinkedNote[]> {
  const byDoc = new Map<number, { id: number; title: string; body: string }>();
  for (let offset = 0; ; offset += 1000) {
    const page = await engine.listNotes({ offset, limit: 1000 });
    for (const note of page.notes) {
      const doc = documentIdOf(note.source);
      if (doc !== null) byDoc.set(doc, note);
    }
    if (page.notes.length < 1000) break;
  }
  const linked: LinkedNote[] = [];
  for (const [docId, links] of collection.citations) {
    const note = byDoc.get(docId);
    const present = new Set([...links].filter((d) => d !== docId && byDoc.has(d)));
    if (note && present.size > 0) linked.push({ noteId: note.id, docId, text: keywordQueryFor(note.title, note.body).replace(/["“”]/g, ' '), linked: present });
  }
  return linked.sort((a, b) => a.docId - b.docId);
}

/** Scores one method that ranks document ids for a linked note. */
async function score(method: string, queries: readonly LinkedNote[], rank: (q: LinkedNote) => Promise<number[]>): Promise<RelatedRun> {
  const recall: number[] = [];
  const ndcg: number[] = [];
  const times: number[] = [];
  for (const q of queries) {
    const start = performance.now();
    const ranked = (await rank(q)).filter((d) => d !== q.docId).slice(0, RANKED);
    times.push(performance.now() - start);
    recall.push(recallAtK(ranked, q.linked, RANKED));
    ndcg.push(ndcgAtK(ranked, q.linked, RANKED));
  }
  return { method, queries: queries.length, recallAt10: mean(recall), ndcgAt10: mean(ndcg), p50Ms: quantile(times, 0.5), p95Ms: quantile(times, 0.95) };
}

/**
 * Runs the keyword baseline (the note's own text through recall's keyword leg, quotes dropped so they are not read as
 * phrases) and related notes with each tuning over the collection's linked documents.
 */
export async function runRelated(engine: Engram, collection: SmartCollection, tunings: readonly RelatedTuning[], log: (msg: string) => void): Promise<RelatedRun[]> {
  const queries = await linkedNotes(engine, collection);
  const db = engine.database;
  const service = new RelatedService({
    related: new RelatedRepository(db),
    search: new SearchRepository(db),
    spaces: engine.spaces,
    notes: new NotesRepository(db),
    chunks: new ChunksRepository(db),
    getNote: (id) => engine.getNote(id),
  });
  const docOf = new Map<number, number>();
  const docIds = async (noteIds: readonly number[]): Promise<number[]> => {
    const missing = noteIds.filter((id) => !docOf.has(id));
    for (const note of missing.length ? await new NotesRepository(db).getMany(missing) : []) docOf.set(note.id, documentIdOf(note.source) ?? -1);
    return noteIds.map((id) => docOf.get(id) ?? -1);
  };
  log(`${collection.name}: ${queries.length} documents with citation links; keyword baseline`);
  const runs = [
    await score('keyword baseline (BM25, note text as query)', queries, async (q) => {
      const result = await engine.recall(q.text, { mode: 'keyword', limit: RANKED + 1 });
      return result.results.flatMap((hit) => documentIdOf(hit.source) ?? []);
    }),
  ];
  for (const tuning of tunings) {
    const method = `related (${tuning.aggregation}, vector weight ${tuning.vectorWeight})`;
    log(`${collection.name}: ${method}`);
    runs.push(await score(method, queries, async (q) => docIds((await service.related(q.noteId, { limit: RANKED }, tuning)).notes.map((n) => n.noteId))));
  }
  return runs;
}
