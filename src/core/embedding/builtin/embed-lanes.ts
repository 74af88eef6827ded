import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Which lane a request waits in: queries go before any background work; a query a person is typing ('typing') also
 * holds the documents back for the next keystroke (QUERY_GRACE_MS); an agent's or another one-off query does not.
 */
export type EmbedLane = 'typing' | 'query' | 'document';

/** How a request is answered: its vectors in order, or why it failed. */
export type LaneAnswer = { readonly vectors: Float32Array[] } | { readonly error: string };

/** Embeds texts with the model (one call, one batch). */
export type EmbedTexts = (texts: string[]) => Promise<Float32Array[]>;

/**
 * Roughly how much text one model call takes from a document batch (characters). A query waits for at most one
 * such slice. Slicing costs no throughput: embedding 64 CISI abstracts (900 characters each) in slices of 1, 2, 4,
 * 8 and 32 texts took 375-411 ms per text under load 15, with no trend by slice size. 2,000 characters made a query
 * wait up to ~220 ms behind short passages (120 passages of 141 characters, load 1.2: one call of 14 took 188-265
 * ms, 15.6 ms a passage); 500 takes 3 at a time, 46-64 ms a call, 16.0 ms a passage. A passage longer than the
 * budget still goes alone (836 characters: ~80-110 ms), so that is the longest a query waits.
 */
export const SLICE_CHARS = 500;

/**
 * How long document slices hold off after a typed query was embedded (ms). Search as you type sends a query per
 * keystroke; with the model idle between them, the next keystroke's query starts at once instead of waiting for
 * a slice (up to ~55 ms for short passages, ~110 ms for a long one), and the core the model would use is left to the
 * search and the window. A second covers the pauses of a person searching: a word thought over, the first results
 * read, the box cleared for the next query. In `npm run bench:ui` (bench/README.md) 300 ms left the first keystroke
 * of each new query behind a slice: 150-270 ms to results, the slowest 5%.
 */
export const QUERY_GRACE_MS = 1_000;

/**
 * The longest document slices are held off by a steady stream of queries (someone typing on and on, an agent's
 * loop): then one slice runs, so the backlog still moves, and at most one keystroke in ~40 waits behind it.
 */
export const MAX_HOLD_MS = 3_000;

/** When documents give way to queries; the defaults are QUERY_GRACE_MS and MAX_HOLD_MS. */
export interface LaneTiming {
  readonly queryGraceMs: number;
  readonly maxHoldMs: number;
}

interface Job {
  /** A query typed by a person: documents hold off after it. */
  readonly typing: boolean;
  readonly texts: readonly string[];
  readonly answer: (answer: LaneAnswer) => void;
  readonly vectors: Float32Array[];
}

/**
 * Two lanes in front of one model: queries and background document batches. The model runs one call at a time;
 * between calls, every waiting query is embedded before the next slice of a document batch, so a search never
 * waits behind the backlog's batches (it waited for whole batches, seconds each, before). After a query, document
 * slices hold off for QUERY_GRACE_MS (at most MAX_HOLD_MS in a row), so while a person types, each keystroke's query
 * finds the model idle. Documents are answered in the order they came, each once all its slices are done.
 */
export class EmbedLanes {
  private readonly queries: Job[] = [];
  private readonly documents: Job[] = [];
  private pumping = false;
  /** When the last query call ended, and since when documents have been held off (performance.now()). */
  private lastQueryAt: number | null = null;
  private holdingSince: number | null = null;
  /** Ends a hold early: called when a query arrives. */
  private wake: (() => void) | null = null;

  constructor(
    private readonly embed: EmbedTexts,
    private readonly sliceChars: number = SLICE_CHARS,
    private readonly timing: LaneTiming = { queryGraceMs: QUERY_GRACE_MS, maxHoldMs: MAX_HOLD_MS },
  ) {}

  /** Queues texts in a lane; `answer` is called once with all their vectors or the error. */
  add(lane: EmbedLane, texts: readonly string[], answer: (answer: LaneAnswer) => void): void {
    (lane === 'document' ? this.documents : this.queries).push({ typing: lane === 'typing', texts, answer, vectors: [] });
    if (lane !== 'document') this.wake?.();
    void this.pump();
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.queries.length > 0 || this.documents.length > 0) {
        if (this.queries.length > 0) {
          const jobs = this.queries.splice(0);
          await this.runQueries(jobs);
          if (jobs.some((job) => job.typing)) this.lastQueryAt = performance.now();
        } else {
          const hold = this.holdLeft();
          if (hold > 0) {
            await this.pause(hold);
            continue;
          }
          this.holdingSince = null;
          await this.runSlice(this.documents[0]!);
        }
        await nextTurn(); // let requests that arrived meanwhile join their lane before the next call
      }
    } finally {
      this.pumping = false;
    }
  }

  /** How much longer document slices should wait for a person's next query (ms); 0 when they may run now. */
  private holdLeft(): number {
    const now = performance.now();
    const grace = this.lastQueryAt === null ? 0 : this.lastQueryAt + this.timing.queryGraceMs - now;
    if (grace <= 0) {
      this.holdingSince = null;
      return 0;
    }
    this.holdingSince ??= now;
    return Math.max(0, Math.min(grace, this.holdingSince + this.timing.maxHoldMs - now));
  }

  /** Waits `ms`, or less if a query arrives. */
  private async pause(ms: number): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
    this.wake = null;
  }

  /** Every waiting query in one call (they are short); each gets its own vectors. */
  private async runQueries(jobs: readonly Job[]): Promise<void> {
    const texts = jobs.flatMap((job) => job.texts);
    let vectors: Float32Array[];
    try {
      vectors = await this.embed([...texts]); // also for none: a warm-up loads the model
    } catch (error) {
      for (const job of jobs) job.answer({ error: messageOf(error) });
      return;
    }
    let at = 0;
    for (const job of jobs) {
      job.answer({ vectors: vectors.slice(at, at + job.texts.length) });
      at += job.texts.length;
    }
  }

  /** The next slice of a document batch; the batch is answered (and leaves the lane) when its last slice is done. */
  private async runSlice(job: Job): Promise<void> {
    const start = job.vectors.length;
    let end = start;
    let chars = 0;
    while (end < job.texts.length && (end === start || chars + job.texts[end]!.length <= this.sliceChars)) chars += job.texts[end++]!.length;
    try {
      if (end > start) job.vectors.push(...(await this.embed(job.texts.slice(start, end) as string[])));
    } catch (error) {
      this.documents.shift();
      job.answer({ error: messageOf(error) });
      return;
    }
    if (job.vectors.length >= job.texts.length) {
      this.documents.shift();
      job.answer({ vectors: job.vectors });
    }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
