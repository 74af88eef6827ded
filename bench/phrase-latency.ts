// Quoted-phrase queries over a synthetic database (#17: p95 ≤ 100 ms at 50k chunks): the CISI queries that quote a
// phrase, as whole recall() calls in hybrid mode (with the query embedded anew, and with its vector cached: the
// search alone) and in keyword mode (no model), with how many notes hold each query's phrases.
import { PHRASE_NOTES_MAX } from '../src/core/db/repositories/search-repository';
import { openEngram } from '../src/core/engine/open-engram';
import { parseRecallQuery } from '../src/core/recall/recall-query';
import { median, medianSummary, summarize, type Summary } from './stats';

/** One query of the part: its phrases, how many notes hold them all (null: more than PHRASE_NOTES_MAX), medians over runs. */
export interface PhraseQuery {
  readonly phrases: readonly string[];
  readonly notes: number | null;
  /** Hybrid recall with the query's vector already cached: the search alone. */
  readonly searchMs: number;
  /** Keyword-mode recall. */
  readonly keywordMs: number;
}

/** Phrase-query latency at one database size; summaries are medians over runs. */
export interface PhraseLatencyResult {
  readonly chunks: number;
  readonly runs: number;
  readonly queries: readonly PhraseQuery[];
  /** recall() in hybrid mode, limit 10, the query embedded anew each time (no query-vector cache). */
  readonly hybrid: Summary;
  /** recall() in hybrid mode with each query's vector cached by a first, untimed call: the search alone (the target's figure). */
  readonly hybridSearch: Summary;
  /** recall() in keyword mode, limit 10: no model at all. */
  readonly keyword: Summary;
}

/** The query texts that quote at least one phrase and have words besides. */
export function phraseQueryTexts(texts: readonly string[]): string[] {
  return texts.filter((text) => {
    const parsed = parseRecallQuery(text);
    return parsed.phrases.length > 0 && parsed.text.length > 0;
  });
}

type Engine = Awaited<ReturnType<typeof openEngram>>;

/** Times each text once in a mode; returns the milliseconds per text, in order. */
async function timeEach(engine: Engine, texts: readonly string[], mode: 'hybrid' | 'keyword'): Promise<number[]> {
  const times: number[] = [];
  for (const text of texts) {
    const t = performance.now();
    await engine.recall(text, { mode, limit: 10 });
    times.push(performance.now() - t);
  }
  return times;
}

/**
 * Times the phrase queries on one prepared data directory, twice opened: with no query-vector cache (each recall
 * embeds its query; keyword mode beside it), then with the app's cache warmed by one untimed call per query, so the
 * hybrid figure is the search alone.
 */
export async function measurePhraseLatency(dataDir: string, chunks: number, texts: readonly string[], runs: number, log: (msg: string) => void): Promise<PhraseLatencyResult> {
  if (texts.length === 0) throw new Error('no query quotes a phrase');
  const hybridRuns: Summary[] = [];
  const keywordRuns: Summary[] = [];
  const keywordByQuery: number[][] = texts.map(() => []);
  const uncached = await openEngram({ dataDir, holder: 'engram bench (phrases)', queryVectorCacheSize: 0 });
  const notes: (number | null)[] = [];
  try {
    for (const text of texts) {
      const narrowed = await uncached.search.narrowToPhraseNotes({ phrases: parseRecallQuery(text).phrases });
      notes.push(narrowed === null ? 0 : (narrowed.phraseNotes?.length ?? null));
    }
    await timeEach(uncached, texts.slice(0, 3), 'hybrid'); // warm-up
    for (let run = 0; run < runs; run++) {
      const hybrid = summarize(await timeEach(uncached, texts, 'hybrid'));
      const keyword = await timeEach(uncached, texts, 'keyword');
      keyword.forEach((ms, i) => keywordByQuery[i]!.push(ms));
      hybridRuns.push(hybrid);
      keywordRuns.push(summarize(keyword));
      log(`phrases ${chunks}: run ${run + 1}/${runs}: hybrid p95 ${hybrid.p95.toFixed(1)} ms (query embedded), keyword p95 ${summarize(keyword).p95.toFixed(1)} ms`);
    }
  } finally {
    await uncached.close();
  }
  const searchRuns: Summary[] = [];
  const searchByQuery: number[][] = texts.map(() => []);
  const cached = await openEngram({ dataDir, holder: 'engram bench (phrases, cached vectors)' });
  try {
    await timeEach(cached, texts, 'hybrid'); // embeds and caches each query's vector
    for (let run = 0; run < runs; run++) {
      const search = await timeEach(cached, texts, 'hybrid');
      search.forEach((ms, i) => searchByQuery[i]!.push(ms));
      searchRuns.push(summarize(search));
      log(`phrases ${chunks}: run ${run + 1}/${runs}: hybrid with the query's vector cached p50 ${summarize(search).p50.toFixed(1)} ms, p95 ${summarize(search).p95.toFixed(1)} ms`);
    }
  } finally {
    await cached.close();
  }
  const queries = texts.map((text, i) => ({ phrases: parseRecallQuery(text).phrases, notes: notes[i]!, searchMs: median(searchByQuery[i]!), keywordMs: median(keywordByQuery[i]!) }));
  return { chunks, runs, queries, hybrid: medianSummary(hybridRuns), hybridSearch: medianSummary(searchRuns), keyword: medianSummary(keywordRuns) };
}

/** How many notes hold a query's phrases, for the report. */
export function phraseNotesLabel(q: PhraseQuery): string {
  return q.notes === null ? `more than ${PHRASE_NOTES_MAX}` : String(q.notes);
}
