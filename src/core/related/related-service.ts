import type { RelatedNote, RelatedNotes, RelatedState } from '../../shared/connection-models';
import type { Note } from '../../shared/models';
import type { ChunksRepository } from '../db/repositories/chunks-repository';
import type { NotesRepository } from '../db/repositories/notes-repository';
import type { PassagePair, RelatedRepository } from '../db/repositories/related-repository';
import type { SpacesRepository } from '../db/repositories/spaces-repository';
import { lessRelatedBelow, lessRelatedLast } from '../recall/match-strength';
import { buildSnippet } from '../recall/snippet';
import { aggregatePairs, type NoteScore, type RelatedAggregation } from './related-aggregation';
import { spreadEvenly } from './query-passages';

/** What related notes reads from. */
export interface RelatedServiceDeps {
  readonly related: RelatedRepository;
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

/** The aggregation the app uses, chosen with `npm run eval:related` on CISI and CACM (eval/README.md). */
export const DEFAULT_RELATED_AGGREGATION: RelatedAggregation = 'max';
const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 50;
/** Nearest chunks fetched per query passage, whatever the limit (at least twice the limit). */
const PAIRS_PER_PASSAGE = 40;

/**
 * Notes close in meaning to one note, in the active embedding space only: each of its embedded passages (at most
 * MAX_QUERY_PASSAGES, spread over the note) finds its nearest chunks of other live notes through the space's HNSW
 * index; the pairs are aggregated per note, exact duplicates dropped, and each note comes with its best pair of passages.
 */
export class RelatedService {
  constructor(private readonly deps: RelatedServiceDeps) {}

  /** The notes related to note `id`, best first, the less related last. */
  async related(id: number, options: RelatedOptions = {}, aggregation: RelatedAggregation = DEFAULT_RELATED_AGGREGATION): Promise<RelatedNotes> {
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
    if (embedded.length === 0) return answer('not-embedded', pending);
    const queries = spreadEvenly(embedded);
    const pairs =
      aggregation === 'centroid'
        ? await this.deps.related.nearestToCentroid(space!, note.id, queries, Math.max(PAIRS_PER_PASSAGE, limit * 4))
        : await this.deps.related.nearestToChunks(space!, note.id, queries, Math.max(PAIRS_PER_PASSAGE, limit * 2));
    const scored = await this.withoutDuplicates(note.id, aggregatePairs(pairs, aggregation), limit);
    const notes = await this.hydrate(scored, lessRelatedBelow(space!.provider));
    return answer(pending > 0 ? 'partly-embedded' : 'ready', pending, lessRelatedLast(notes));
  }

  /** The first `limit` scores that are not exact duplicates of the note. */
  private async withoutDuplicates(noteId: number, scores: readonly NoteScore[], limit: number): Promise<NoteScore[]> {
    const kept: NoteScore[] = [];
    for (let from = 0; kept.length < limit && from < scores.length; from += limit * 2) {
      const slice = scores.slice(from, from + limit * 2);
      const duplicates = await this.deps.related.exactDuplicates(noteId, slice.map((s) => s.noteId));
      kept.push(...slice.filter((s) => !duplicates.has(s.noteId)));
    }
    return kept.slice(0, limit);
  }

  /** Titles and plain-text passages for the scored notes (notes purged meanwhile are skipped). */
  private async hydrate(scores: readonly NoteScore[], below: number): Promise<RelatedNote[]> {
    const notes = new Map((await this.deps.notes.getMany(scores.map((s) => s.noteId))).map((n) => [n.id, n]));
    const chunkIds = scores.flatMap((s) => [s.best.chunkId, s.best.ownChunkId]);
    const chunks = new Map((await this.deps.chunks.getMany(chunkIds)).map((c) => [c.id, c]));
    const passage = (chunkId: number): string | null => {
      const chunk = chunks.get(chunkId);
      return chunk ? buildSnippet(chunk.text, chunk.charStart, [], []).text : null;
    };
    const related: RelatedNote[] = [];
    for (const { noteId, best } of scores) {
      const note = notes.get(noteId);
      const theirs = passage(best.chunkId);
      const ours = passage(best.ownChunkId);
      if (!note || theirs === null || ours === null) continue;
      related.push(toRelatedNote(note, best, theirs, ours, below));
    }
    return related;
  }
}

function toRelatedNote(note: Note, best: PassagePair, passage: string, matchedOwnPassage: string, below: number): RelatedNote {
  return { noteId: note.id, title: note.title, similarity: best.similarity, passage, matchedOwnPassage, lessRelated: best.similarity < below };
}
