import type { RecallHit, RecallMode, RecallOptions, RecallResult } from '../../shared/models';
import type { EmbeddingProvider } from '../embedding/embedding-provider';
import { EngramError } from '../errors';
import type { ChunksRepository } from '../db/repositories/chunks-repository';
import type { EmbeddingQueueRepository } from '../db/repositories/embedding-queue-repository';
import type { NotesRepository } from '../db/repositories/notes-repository';
import type { ChunkMatch, LegFilter, SearchRepository } from '../db/repositories/search-repository';
import type { SpaceRecord, SpacesRepository } from '../db/repositories/spaces-repository';
import { requireDate } from '../notes/note-input';
import { normaliseTags } from '../notes/tags';
import { LatestWins, type StaleCheck } from './latest-wins';
import { isLessRelated, lessRelatedBelow, lessRelatedLast } from './match-strength';
import { defaultFusionFor, isScoreFusion, type Fusion } from './fusion-defaults';
import { fuseRanks, rankNotes, type NoteRank } from './rank-fusion';
import { QueryVectorCache } from './query-vector-cache';
import { parseRecallQuery, type ParsedQuery } from './recall-query';
import { fuseScores } from './score-fusion';
import { SharedInFlight } from './shared-in-flight';
import { buildSnippet } from './snippet';

/** What recall reads from: repositories, the active space's provider, and fusion settings. */
export interface RecallServiceDeps {
  readonly notes: NotesRepository;
  readonly chunks: ChunksRepository;
  readonly search: SearchRepository;
  readonly spaces: SpacesRepository;
  readonly queue: EmbeddingQueueRepository;
  readonly providerFor: (space: SpaceRecord) => EmbeddingProvider;
  /** Overrides how hybrid recall fuses its legs (evaluation); default: `defaultFusionFor` the active space. */
  readonly fusion?: Fusion;
  /** Recent query vectors kept (default QUERY_VECTOR_CACHE_SIZE; 0 keeps none). */
  readonly queryVectorCacheSize?: number;
}

const MODES: readonly RecallMode[] = ['hybrid', 'vector', 'keyword'];
const MAX_LIMIT = 1000;
/**
 * Chunks each leg ranks before fusion, whatever the limit: score fusion standardises each leg over its candidates,
 * so a pool that grew with the limit would change the order of the first results. `npm run eval` measured pools of
 * 30, 100, 200 and 300: 30 lost 4-7% nDCG@10, 200 and 300 were equal (eval/README.md).
 */
export const CANDIDATE_POOL = 200;
/** Most chunks the keyword leg ranks. */
const KEYWORD_POOL_MAX = 300;

/**
 * Hybrid recall: nearest vectors in the active space and BM25 keyword matches, each collapsed to notes (best chunk)
 * and fused by their standardised scores (see score-fusion.ts). Filters run inside SQL in both legs; quoted phrases must appear in the note. Notes whose
 * embeddings are still queued are found by the keyword leg. A query with `latestOf` stops between its steps once a
 * newer query of the same stream has arrived.
 */
export class RecallService {
  private readonly latest = new LatestWins();
  /**
   * A hybrid search from the window goes out with a words-only preview of the same query (recall-store.ts): the two
   * keyword legs overlap and are run once. While the backlog embeds, that halves what a keystroke asks of the engine.
   */
  private readonly keywordLegs = new SharedInFlight<ChunkMatch[]>();
  private readonly queryVectors: QueryVectorCache;

  constructor(private readonly deps: RecallServiceDeps) {
    this.queryVectors = new QueryVectorCache(deps.queryVectorCacheSize);
  }

  /** Runs one recall query. */
  async recall(query: string, options: RecallOptions = {}): Promise<RecallResult> {
    const started = performance.now();
    const stale = this.latest.begin(options.latestOf);
    const mode = options.mode ?? 'hybrid';
    if (!MODES.includes(mode)) throw new EngramError('INVALID_INPUT', `Unknown recall mode "${String(mode)}"; use hybrid, vector or keyword.`);
    const limit = Math.min(Math.max(1, Math.trunc(options.limit ?? 10)), MAX_LIMIT);
    // chrono-node takes ~160 ms to load: only a search with a time phrase pays for it
    const range = options.when ? (await import('./time-phrase')).parseTimePhrase(options.when) : { from: null, to: null };
    const from = range.from?.toISOString() ?? (options.from ? requireDate(options.from) : null);
    const to = range.to?.toISOString() ?? (options.to ? requireDate(options.to) : null);
    const parsed = parseRecallQuery(typeof query === 'string' ? query : '');
    const filter: LegFilter = { ...options, tags: normaliseTags(options.tags), from: from ?? undefined, to: to ?? undefined, phrases: parsed.phrases };
    const space = await this.deps.spaces.active();
    const pool = Math.max(limit, CANDIDATE_POOL);
    // the notes holding the phrases are looked up once for both legs (null: none does)
    const legFilter = parsed.phrases.length > 0 && parsed.text ? this.deps.search.narrowToPhraseNotes(filter) : Promise.resolve(filter);
    legFilter.catch(() => {}); // awaited by the legs
    // the query's embedding goes out first: it runs in the model's thread while the database counts and matches words
    const vectorLeg = mode === 'keyword' || !parsed.text ? Promise.resolve([]) : this.vectorLeg(space, parsed, legFilter, pool, stale, options.latestOf !== undefined);
    vectorLeg.catch(() => {}); // awaited below, unless the keyword leg finds this query stale first
    const pending = space ? (await this.deps.queue.counts(space.id)).pending : 0;
    stale();
    const notices: string[] = [];
    const base = { mode, appliedRange: { from, to }, pendingEmbeddings: pending, notices };
    if (!parsed.text) return { ...base, results: [], tookMs: performance.now() - started };

    const keywordPool = Math.min(pool, KEYWORD_POOL_MAX);
    const phraseFilter = await legFilter;
    const keywordMatches = mode === 'vector' || !phraseFilter ? [] : await this.keywordLeg(parsed.text, phraseFilter, keywordPool);
    stale();
    let vectorMatches: ChunkMatch[];
    try {
      vectorMatches = await vectorLeg;
    } catch (error) {
      // hybrid degrades to keyword results and says so; vector mode has nothing else to offer
      if (mode === 'vector' || (error instanceof EngramError && error.code === 'CANCELLED')) throw error;
      vectorMatches = [];
      notices.push(`${(error as Error).message.replace(/ Keyword search still works\.$/, '')} Showing keyword matches only.`);
    }
    if (pending > 0 && mode !== 'keyword') notices.push(`${pending === 1 ? '1 passage is' : `${pending.toLocaleString('en')} passages are`} still waiting for embeddings; until then ${pending === 1 ? 'it is' : 'they are'} found by keyword only.`);
    const vector = rankNotes(vectorMatches);
    const keyword = rankNotes(keywordMatches);
    const fusion = this.deps.fusion ?? defaultFusionFor(space?.provider ?? null);
    const ranked =
      mode !== 'hybrid'
        ? [...(mode === 'vector' ? vector : keyword).values()].map((r) => ({ noteId: r.noteId, score: r.score ?? 0 }))
        : isScoreFusion(fusion)
          ? fuseScores(vector, keyword, fusion.vectorWeight, { keywordExhaustive: keywordMatches.length < keywordPool })
          : fuseRanks(vector, keyword, fusion);
    const results = lessRelatedLast(await this.hydrate(ranked.slice(0, limit), vector, keyword, parsed, lessRelatedBelow(space?.provider), stale));
    return { ...base, results, tookMs: performance.now() - started };
  }

  /** The keyword leg, shared with an identical one already running. */
  private keywordLeg(text: string, filter: LegFilter, pool: number): Promise<ChunkMatch[]> {
    const { tags, from, to, sourceKind, includeForgotten, onlyForgotten, authors, ids, phrases, phraseNotes } = filter;
    const key = JSON.stringify([text, pool, tags, from, to, sourceKind, includeForgotten, onlyForgotten, authors, ids, phrases, phraseNotes]);
    return this.keywordLegs.run(key, () => this.deps.search.keywordChunks(text, filter, pool));
  }

  private async vectorLeg(space: SpaceRecord | null, parsed: ParsedQuery, legFilter: Promise<LegFilter | null>, pool: number, stale: StaleCheck, typing: boolean): Promise<ChunkMatch[]> {
    if (!space) throw new EngramError('EMBEDDING_UNAVAILABLE', 'No embedding model is set up yet, so semantic search is unavailable. Use keyword mode.');
    const embedding = (async () => {
      const provider = this.deps.providerFor(space);
      // a query of a latest-wins stream is the window's search as you type: the next keystroke is coming
      return this.queryVectors.get(space.id, parsed.text, () => provider.embedQuery(parsed.text, { typing }));
    })();
    embedding.catch(() => {}); // awaited below, unless no note holds the phrases
    // no note holds the query's phrases: nothing to wait for (a long query's embedding takes 100 ms and more)
    const filter = await legFilter;
    if (!filter) return [];
    let query: Float32Array;
    try {
      query = await embedding;
    } catch (error) {
      throw new EngramError('EMBEDDING_UNAVAILABLE', `Semantic search is unavailable: ${(error as Error).message}. Keyword search still works.`);
    }
    stale();
    return this.deps.search.nearestChunks(space, query, filter, pool);
  }

  private async hydrate(
    top: { noteId: number; score: number }[],
    vector: Map<number, NoteRank>,
    keyword: Map<number, NoteRank>,
    parsed: ParsedQuery,
    lessRelatedSimilarity: number,
    stale: StaleCheck,
  ): Promise<RecallHit[]> {
    const notes = new Map((await this.deps.notes.getMany(top.map((t) => t.noteId))).map((n) => [n.id, n]));
    stale();
    const chunkIds = top.map((t) => keyword.get(t.noteId)?.chunkId ?? vector.get(t.noteId)!.chunkId);
    const chunks = new Map((await this.deps.chunks.getMany(chunkIds)).map((c) => [c.id, c]));
    const hits: RecallHit[] = [];
    top.forEach((t, i) => {
      const note = notes.get(t.noteId);
      const chunk = chunks.get(chunkIds[i]!);
      if (!note || !chunk) return; // purged between the legs and now
      const v = vector.get(t.noteId);
      const k = keyword.get(t.noteId);
      const why = { vector: v ? { rank: v.rank, similarity: v.score ?? 0 } : null, keyword: k ? { rank: k.rank, score: k.score ?? 0 } : null };
      hits.push({
        id: note.id,
        title: note.title,
        score: t.score,
        snippet: buildSnippet(chunk.text, chunk.charStart, parsed.terms, parsed.phrases),
        tags: note.tags,
        author: note.author,
        createdAt: note.createdAt,
        updatedAt: note.updatedAt,
        source: note.source,
        forgotten: note.deletedAt !== null,
        why,
        lessRelated: isLessRelated(why, lessRelatedSimilarity),
      });
    });
    return hits;
  }
}
