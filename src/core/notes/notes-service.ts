import type { AddNoteResult, NewNote, Note, NoteChanges, NoteFilter, NotePage } from '../../shared/models';
import { chunkRecords } from '../chunking/chunk-records';
import { cleanDisplayName, normaliseAgentName, PERSON_AUTHOR } from '../agents/agent-name';
import { EngramError } from '../errors';
import type { Database, Queryable } from '../db/queryable';
import { ChunksRepository } from '../db/repositories/chunks-repository';
import { EmbeddingQueueRepository } from '../db/repositories/embedding-queue-repository';
import type { NoteToIndex } from '../db/repositories/links-repository';
import { NotesRepository } from '../db/repositories/notes-repository';
import { SpacesRepository } from '../db/repositories/spaces-repository';
import { indexLinks } from '../links/link-index';
import { noteContentHash } from './content-hash';
import { cleanBody, requireDate, requireNoteId, requireText, resolveTitle } from './note-input';
import { normaliseTags } from './tags';

/** What the notes service needs: the database and a hook for queued work. */
export interface NotesServiceDeps {
  readonly db: Database;
  /** Called after a commit that queued embeddings. */
  readonly onQueued: () => void;
}

const MAX_PAGE = 500;
/** Chunk size when no embedding space exists yet (keyword search only). */
const DEFAULT_CHUNK_CHARS = 1000;

/**
 * Adds, edits, forgets, restores and purges notes. A note and its chunks commit together, so a note is
 * keyword-searchable the moment add returns; its embeddings are queued in the same transaction and done later.
 */
export class NotesService {
  private readonly notes: NotesRepository;

  constructor(private readonly deps: NotesServiceDeps) {
    this.notes = new NotesRepository(deps.db);
  }

  /** Stores a note, or returns the existing one when identical content from the same source is already stored. */
  async add(input: NewNote): Promise<AddNoteResult> {
    if (!input || typeof input !== 'object') throw new EngramError('INVALID_INPUT', 'A note needs a body.');
    const body = cleanBody(input.body);
    requireText(body);
    const title = resolveTitle(input.title, body);
    const tags = normaliseTags(input.tags);
    const sourceKind = input.source?.kind?.trim() || 'manual';
    const sourcePath = input.source?.path?.trim() || null;
    const createdAt = input.createdAt ? requireDate(input.createdAt) : undefined;
    const author = resolveAuthor(input.author);
    const contentHash = noteContentHash(title, body);
    const result = await this.deps.db.transaction(async (tx) => {
      const notes = this.notes.with(tx);
      const existing = await notes.findBySourceAndHash(sourceKind, sourcePath, contentHash);
      if (existing) {
        const note = existing.deletedAt ? await this.setForgotten(tx, existing.id, false) : existing;
        return { note, duplicate: true };
      }
      const note = await notes.insert({ title, body, tags, sourceKind, sourcePath, contentHash, createdAt, author });
      await this.storeChunks(tx, note);
      await indexLinks(tx, [{ note: toIndexable(note) }], true);
      return { note, duplicate: false };
    });
    if (!result.duplicate) this.deps.onQueued();
    return result;
  }

  /** Changes title, body and/or tags; unchanged chunks keep their embeddings, changed ones are queued again. */
  async update(id: number, changes: NoteChanges): Promise<Note> {
    requireNoteId(id);
    const note = await this.deps.db.transaction(async (tx) => {
      const notes = this.notes.with(tx);
      const current = await this.require(notes, id);
      const body = changes.body === undefined ? current.body : cleanBody(changes.body);
      requireText(body);
      const title = changes.title === undefined ? current.title : resolveTitle(changes.title, body);
      const tags = changes.tags === undefined ? [...current.tags] : normaliseTags(changes.tags);
      const contentHash = noteContentHash(title, body);
      if (contentHash !== current.contentHash) {
        const clash = await notes.findBySourceAndHash(current.source.kind, current.source.path, contentHash);
        if (clash && clash.id !== id) {
          throw new EngramError('DUPLICATE_CONTENT', `Note ${clash.id} from the same source already has exactly this title and text.`);
        }
      }
      const updated = await notes.update(id, { title, body, tags, contentHash });
      if (contentHash !== current.contentHash) {
        await this.storeChunks(tx, updated);
        await indexLinks(tx, [{ note: toIndexable(updated) }]);
      }
      return updated;
    });
    this.deps.onQueued();
    return note;
  }

  /** A note by id (forgotten ones too). */
  async get(id: number): Promise<Note> {
    return this.require(this.notes, requireNoteId(id));
  }

  /** A page of notes, newest first. */
  async list(filter: NoteFilter & { offset?: number; limit?: number } = {}): Promise<NotePage> {
    const offset = Math.max(0, Math.trunc(filter.offset ?? 0));
    const limit = Math.min(Math.max(1, Math.trunc(filter.limit ?? 50)), MAX_PAGE);
    const authors = filter.authors?.map(resolveAuthor);
    const dates = { from: filter.from ? requireDate(filter.from) : undefined, to: filter.to ? requireDate(filter.to) : undefined };
    const page = await this.notes.list({ ...filter, ...dates, tags: normaliseTags(filter.tags), authors }, offset, limit);
    return { ...page, offset, limit };
  }

  /** Soft-deletes a note: hidden from recall and lists until restored. */
  async forget(id: number): Promise<Note> {
    await this.get(id);
    return this.deps.db.transaction((tx) => this.setForgotten(tx, id, true));
  }

  /** Brings a forgotten note back; its missing embeddings are queued again. */
  async restore(id: number): Promise<Note> {
    await this.get(id);
    const note = await this.deps.db.transaction((tx) => this.setForgotten(tx, id, false));
    this.deps.onQueued();
    return note;
  }

  /** Forgetting drops the note's queue entries (so backlog counts stay cheap and exact); restoring re-queues them. */
  private async setForgotten(tx: Queryable, id: number, forgotten: boolean): Promise<Note> {
    const queue = new EmbeddingQueueRepository(tx);
    if (forgotten) await queue.dropForNote(id);
    else await queue.enqueueForNote(id, (await new SpacesRepository(tx).receiving()).map((s) => s.id));
    return this.notes.with(tx).setForgotten(id, forgotten);
  }

  /** Deletes a note and everything derived from it, for good. */
  async purge(id: number): Promise<void> {
    await this.get(id);
    await this.notes.purge(id);
  }

  private async require(notes: NotesRepository, id: number): Promise<Note> {
    const note = await notes.get(id);
    if (!note) throw noteNotFound(id);
    return note;
  }

  private async storeChunks(tx: Queryable, note: Note): Promise<void> {
    // inside a transaction every query must use `tx`: PGlite serialises access, so the outer handle would wait forever
    const spaces = await new SpacesRepository(tx).receiving();
    const maxChars = spaces.length ? Math.min(...spaces.map((s) => s.maxInputChars)) : DEFAULT_CHUNK_CHARS;
    const freshIds = await new ChunksRepository(tx).replaceForNote(note.id, chunkRecords(note.title, note.body, maxChars));
    await new EmbeddingQueueRepository(tx).enqueue(freshIds, spaces.map((s) => s.id));
  }
}


/** The error every call naming a note that does not exist gives. */
export function noteNotFound(id: number): EngramError {
  return new EngramError('NOT_FOUND', `There is no note ${id}. List notes with \`engram list\`.`);
}

/** A stored note as the link index reads it. */
function toIndexable(note: Note): NoteToIndex {
  return { id: note.id, title: note.title, body: note.body, sourceKind: note.source.kind, sourcePath: note.source.path };
}

/** Longest author name accepted. */
const MAX_AUTHOR_CHARS = 100;

/**
 * The stored author: 'you' when absent, blank or exactly "you"; otherwise an agent's name, cleaned as agent names
 * are (invisible and bidirectional characters removed, NFKC), and "agent ..." for one that reads as "you" ("you"
 * with a zero-width space, a Cyrillic о...: see agent-name.ts).
 */
export function resolveAuthor(author: unknown): string {
  if (author === undefined || author === null) return PERSON_AUTHOR;
  if (typeof author !== 'string') throw new EngramError('INVALID_INPUT', 'A note author must be text.');
  const trimmed = author.trim();
  if (trimmed === '' || trimmed === PERSON_AUTHOR) return PERSON_AUTHOR;
  if ([...cleanDisplayName(author)].length > MAX_AUTHOR_CHARS) throw new EngramError('INVALID_INPUT', `An author name is at most ${MAX_AUTHOR_CHARS} characters.`);
  return normaliseAgentName(author);
}

/** The note name a link target means: its last path segment, without a .md ending. */
