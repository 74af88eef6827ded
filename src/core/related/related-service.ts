import type { RelatedNote, RelatedNotes, RelatedState } from '../../shared/connection-models';
import type { Note } from '../../shared/models';
import type { ChunksRepository } from '../db/repositories/chunks-repository';
import type { NotesRepository } from '../db/repositories/notes-repository';
import type { PassagePair, RelatedRepository, SpaceRef } from '../db/repositories/related-repository';
import type { SearchRepository } from '../db/repositories/search-repository';
import type { SpacesRepository } from '../db/repositories/spaces-repository';
import { defaultFusionFor } from '../recall/fusion-defaults';
import { lessRelatedBelow, lessRelatedLast } from '../recall/match-strength';
import { rankNotes, type NoteRank } from '../recall/rank-fusion';
import { fuseScores, type FusedNote } from '../recall/score-fusion';
import { buildSnippet } from '../recall/snippet';
import { keywordQueryFor } from './keyword-query';
import { spreadEvenly } from './query-passages';
import { aggregatePairs, type NoteScore, type RelatedAggregation } from './related-aggregation';

/** What related notes reads from. */
export interface RelatedServiceDeps {
  readonly related: RelatedRepository;
  readonly search: SearchRepository;
  readonly spaces: SpacesRepository;
  readonly notes: NotesRepository;
  readonly chunks: ChunksRepository;
  /** The note by id, throwing NOT_FOUND the way every other call does. */
  readonly getNote: (id: number) => Promise<Note>;
}

/** Options of one related-notes call. */
export interface RelatedOptions {
  /** How many notes at most (1..50, default 10). */
  readonly limit?: number;
}

/** How the passage pairs are scored per note, and how much they weigh against the note's own words (BM25). */
export interface RelatedTuning {
  readonly aggregation: RelatedAggregation;
  /**
   * Weight of the meaning leg in the z-score fusion with the keyword leg; 1 is meaning only (no keyword leg). Default:
   * hybrid recall's weight for the space's provider (0.3 for the built-in model, which the eval confirmed here).
   */
  readonly vectorWeight?: number;
}

/** The tuning the app uses, chosen with `npm run eval:related` on CISI and CACM (eval/README.md). */
export const DEFAULT_RELATED_TUNING: RelatedTuning = { aggregation: 'centroid' };
const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 50;
/** Nearest chunks fetched per query passage, whatever the limit (at least twice the limit). */
export const PAIRS_PER_PASSAGE = 40;
/** Nearest chunks fetched for the centroid (one search), whatever the limit (at least four times the limit). */
export const CENTROID_POOL = 100;
/** Chunks the keyword leg ranks (as recall's CANDIDATE_POOL). */
const KEYWORD_POOL = 200;

/**
 * Notes close to one note, in the active embedding space only. Meaning: the centroid of its embedded passages (at
 * most MAX_QUERY_PASSAGES, spread over the note) finds the nearest chunks of other live notes through the space's HNSW
 * index, one search (the `max` and `sum-top-3` aggregations search once per passage instead). Words: the note's own
 * text as a BM25 query. The two are fused by standardised scores as hybrid recall fuses its legs; exact duplicates are
 * dropped, and each note comes with its best pair of passages. See docs/ARCHITECTURE.md, "Related notes".
 */
export class RelatedService {
  constructor(private readonly deps: RelatedServiceDeps) {}

  /** The notes related to note `id`, best first, the less related last. */
  async related(id: number, options: RelatedOptions = {}, tuning: RelatedTuning = DEFAULT_RELATED_TUNING): Promise<RelatedNotes> {
    const started = performance.now();
    const note = await this.deps.getNote(id);
    const limit = Math.min(Math.max(1, Math.trunc(Number(options.limit ?? DEFAULT_LIMIT)) || DEFAULT_LIMIT), MAX_LIMIT);
    const answer = (state: RelatedState, pendingPassages: number, notes: readonly RelatedNote[] = []): RelatedNotes => ({
      noteId: note.id,
      state,
      pendingPassages,
      notes,
      tookMs: performance.now() - started,
    });
    if (note.deletedAt !== null) return answer('nothing-to-compare', 0);
    const space = await this.deps.spaces.active();
    const own = space ? await this.deps.related.ownChunks(note.id, space.id) : [];
    if (own.length === 0) return answer(space ? 'nothing-to-compare' : 'not-embedded', 0);
    const pending = own.filter((c) => c.queued && !c.embedded).length;
    const embedded = own.filter((c) => c.embedded).map((c) => c.chunkId);
    if (!space || embedded.length === 0) return answer('not-embedded', pending);
    const queries = spreadEvenly(embedded);
    const byMeaning = await this.meaningLeg(space, note.id, queries, limit, tuning.aggregation);
    const fused = await this.fuseWithWords(note, byMeaning, tuning.vectorWeight ?? defaultFusionFor(space.provider).vectorWeight);
    const top = await this.withoutDuplicates(note.id, fused, limit);
    // the centroid's pairs have no own passage of their own: every shown pair is then found again
    const best = new Map(tuning.aggregation === 'centroid' ? [] : byMeaning.map((s) => [s.noteId, s.best]));
    const missing = top.filter((t) => !best.has(t.noteId)).map((t) => t.noteId);
    for (const pair of await this.deps.related.bestPairs(space, queries, missing)) best.set(pair.noteId, pair);
    const pairs = top.flatMap((t) => best.get(t.noteId) ?? []); // a note found by words alone with no vector yet is left out
    const notes = await this.hydrate(pairs, lessRelatedBelow(space.provider));
    return answer(pending > 0 ? 'partly-embedded' : 'ready', pending, lessRelatedLast(notes));
  }

  /** Other notes scored by their passage pairs with the query passages, best first. */
  private async meaningLeg(space: SpaceRef, noteId: number, queries: readonly number[], limit: number, aggregation: RelatedAggregation): Promise<NoteScore[]> {
    const pairs =
      aggregation === 'centroid'
        ? await this.deps.related.nearestToCentroid(space, noteId, queries, Math.max(CENTROID_POOL, limit * 4))
        : await this.deps.related.nearestToChunks(space, noteId, queries, Math.max(PAIRS_PER_PASSAGE, limit * 2));
    return aggregatePairs(pairs, aggregation);
  }

  /** The meaning leg fused with the note's own text as a BM25 query (recall's z-score fusion); meaning alone at weight 1. */
  private async fuseWithWords(note: Note, byMeaning: readonly NoteScore[], vectorWeight: number): Promise<FusedNote[]> {
    if (vectorWeight >= 1) return byMeaning.map((s) => ({ noteId: s.noteId, score: s.score }));
    const matches = await this.deps.search.keywordChunks(keywordQueryFor(note.title, note.body), {}, KEYWORD_POOL);
    const byWords = rankNotes(matches.filter((m) => m.noteId !== note.id));
    const meaning = new Map<number, NoteRank>(byMeaning.map((s, i) => [s.noteId, { noteId: s.noteId, chunkId: s.best.chunkId, rank: i + 1, score: s.score }]));
    return fuseScores(meaning, byWords, vectorWeight, { keywordExhaustive: matches.length < KEYWORD_POOL });
  }

  /** The first `limit` notes that are not exact duplicates of the note. */
  private async withoutDuplicates(noteId: number, ranked: readonly FusedNote[], limit: number): Promise<FusedNote[]> {
    const kept: FusedNote[] = [];
    for (let from = 0; kept.length < limit && from < ranked.length; from += limit * 2) {
      const slice = ranked.slice(from, from + limit * 2);
      const duplicates = await this.deps.related.exactDuplicates(noteId, slice.map((s) => s.noteId));
      kept.push(...slice.filter((s) => !duplicates.has(s.noteId)));
    }
    return kept.slice(0, limit);
  }

  /** Titles and plain-text passages for the notes' best pairs, in order (notes purged meanwhile are skipped). */
  private async hydrate(pairs: readonly PassagePair[], below: number): Promise<RelatedNote[]> {
    const notes = new Map((await this.deps.notes.getMany(pairs.map((p) => p.noteId))).map((n) => [n.id, n]));
    const chunks = new Map((await this.deps.chunks.getMany(pairs.flatMap((p) => [p.chunkId, p.ownChunkId]))).map((c) => [c.id, c]));
    const passage = (chunkId: number): string | null => {
      const chunk = chunks.get(chunkId);
      return chunk ? buildSnippet(chunk.text, chunk.charStart, [], []).text : null;
    };
    const related: RelatedNote[] = [];
    for (const pair of pairs) {
      const note = notes.get(pair.noteId);
      const theirs = passage(pair.chunkId);
      const ours = passage(pair.ownChunkId);
      if (!note || theirs === null || ours === null) continue;
      related.push({ noteId: note.id, title: note.title, similarity: pair.similarity, passage: theirs, matchedOwnPassage: ours, lessRelated: pair.similarity < below });
    }
    return related;
  }
}
