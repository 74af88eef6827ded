import type { AskPacking, AskPassage, AskThreadSummary, AskTimings, AskTurn } from '../../../shared/ask-models';
import type { Queryable } from '../queryable';

/** A turn as stored (unavailable turns are never stored). */
export type StoredTurnState = Exclude<AskTurn['state'], 'unavailable'>;

/** What a new turn records. */
export interface NewTurnRecord {
  readonly question: string;
  readonly answer: string;
  readonly state: StoredTurnState;
  readonly model: string | null;
  readonly passages: readonly AskPassage[];
  readonly closest: readonly AskPassage[];
  readonly packing: AskPacking | null;
  readonly notices: readonly string[];
  readonly error: string | null;
  readonly doneReason: string | null;
  readonly timings: AskTimings;
}

interface ThreadRow {
  id: number;
  title: string;
  turn_count: number;
  created_at: Date;
  updated_at: Date;
}

interface TurnRow {
  id: number;
  thread_id: number;
  question: string;
  answer: string;
  state: StoredTurnState;
  model: string | null;
  passages: AskPassage[];
  closest: AskPassage[];
  packing: AskPacking | null;
  notices: string[];
  error: string | null;
  done_reason: string | null;
  timings: AskTimings;
  saved_note_id: number | null;
  created_at: Date;
}

const THREAD_COLUMNS = `t.id, t.title, t.created_at, t.updated_at, (select count(*)::int from ask_turns u where u.thread_id = t.id) as turn_count`;

function toSummary(row: ThreadRow): AskThreadSummary {
  return { id: row.id, title: row.title, turnCount: row.turn_count, createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString() };
}

function toTurn(row: TurnRow): AskTurn {
  return {
    id: row.id,
    threadId: row.thread_id,
    question: row.question,
    answer: row.answer,
    state: row.state,
    model: row.model,
    passages: row.passages,
    closest: row.closest,
    packing: row.packing,
    notices: row.notices,
    problem: null,
    error: row.error,
    doneReason: row.done_reason,
    savedNoteId: row.saved_note_id,
    createdAt: row.created_at.toISOString(),
    timings: row.timings,
  };
}

/** A turn's column values, in the order of the insert statements ($2...$12). */
function turnValues(turn: NewTurnRecord): unknown[] {
  return [
    turn.question,
    turn.answer,
    turn.state,
    turn.model,
    JSON.stringify(turn.passages),
    JSON.stringify(turn.closest),
    turn.packing === null ? null : JSON.stringify(turn.packing),
    JSON.stringify(turn.notices),
    turn.error,
    turn.doneReason,
    JSON.stringify(turn.timings),
  ];
}

/** All SQL over ask_threads and ask_turns. */
export class AskThreadsRepository {
  constructor(private readonly db: Queryable) {}

  /** Starts a thread titled `title` with its first turn, in one statement. */
  async addThreadWithTurn(title: string, turn: NewTurnRecord): Promise<AskTurn> {
    const result = await this.db.query<TurnRow>(
      `with thread as (insert into ask_threads (title) values ($1) returning id)
       insert into ask_turns (thread_id, ordinal, question, answer, state, model, passages, closest, packing, notices, error, done_reason, timings)
       select thread.id, 1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8::jsonb, $9::jsonb, $10, $11, $12::jsonb from thread
       returning *`,
      [title, ...turnValues(turn)],
    );
    return toTurn(result.rows[0]!);
  }

  /** Appends a turn to a thread (numbered after the last) and marks the thread as just used. */
  async addTurn(threadId: number, turn: NewTurnRecord): Promise<AskTurn> {
    const result = await this.db.query<TurnRow>(
      `insert into ask_turns (thread_id, ordinal, question, answer, state, model, passages, closest, packing, notices, error, done_reason, timings)
       values ($1, (select coalesce(max(ordinal), 0) + 1 from ask_turns where thread_id = $1), $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8::jsonb, $9::jsonb, $10, $11, $12::jsonb)
       returning *`,
      [threadId, ...turnValues(turn)],
    );
    await this.db.query('update ask_threads set updated_at = now() where id = $1', [threadId]);
    return toTurn(result.rows[0]!);
  }

  /** A thread's summary, or null. */
  async thread(id: number): Promise<AskThreadSummary | null> {
    const result = await this.db.query<ThreadRow>(`select ${THREAD_COLUMNS} from ask_threads t where t.id = $1`, [id]);
    return result.rows[0] ? toSummary(result.rows[0]) : null;
  }

  /** A thread's turns, oldest first. */
  async turns(threadId: number): Promise<AskTurn[]> {
    const result = await this.db.query<TurnRow>('select * from ask_turns where thread_id = $1 order by ordinal', [threadId]);
    return result.rows.map(toTurn);
  }

  /** One turn, or null. */
  async turn(id: number): Promise<AskTurn | null> {
    const result = await this.db.query<TurnRow>('select * from ask_turns where id = $1', [id]);
    return result.rows[0] ? toTurn(result.rows[0]) : null;
  }

  /** Threads, most recently used first. */
  async list(limit = 200): Promise<AskThreadSummary[]> {
    const result = await this.db.query<ThreadRow>(`select ${THREAD_COLUMNS} from ask_threads t order by t.updated_at desc, t.id desc limit $1`, [limit]);
    return result.rows.map(toSummary);
  }

  /** Deletes a thread and its turns; false when there was none. */
  async deleteThread(id: number): Promise<boolean> {
    const result = await this.db.query('delete from ask_threads where id = $1', [id]);
    return (result.affectedRows ?? 0) > 0;
  }

  /** Records the note a turn's answer was saved as. */
  async setSavedNote(turnId: number, noteId: number): Promise<void> {
    await this.db.query('update ask_turns set saved_note_id = $2 where id = $1', [turnId, noteId]);
  }
}
