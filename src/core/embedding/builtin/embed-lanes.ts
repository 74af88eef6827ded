import { setImmediate as nextTurn } from 'node:timers/promises';

/** Which lane a request waits in: a person's query goes before any background work. */
export type EmbedLane = 'query' | 'document';

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

interface Job {
  readonly texts: readonly string[];
  readonly answer: (answer: LaneAnswer) => void;
  readonly vectors: Float32Array[];
}

/**
 * Two lanes in front of one model: queries and background document batches. The model runs one call at a time;
 * between calls, every waiting query is embedded before the next slice of a document batch, so a search never
 * waits behind the backlog's batches (it waited for whole batches, seconds each, before). Documents are answered
 * in the order they came, each once all its slices are done.
 */
export class EmbedLanes {
  private readonly queries: Job[] = [];
  private readonly documents: Job[] = [];
  private pumping = false;

  constructor(
    private readonly embed: EmbedTexts,
    private readonly sliceChars: number = SLICE_CHARS,
  ) {}

  /** Queues texts in a lane; `answer` is called once with all their vectors or the error. */
  add(lane: EmbedLane, texts: readonly string[], answer: (answer: LaneAnswer) => void): void {
    (lane === 'query' ? this.queries : this.documents).push({ texts, answer, vectors: [] });
    void this.pump();
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.queries.length > 0 || this.documents.length > 0) {
        if (this.queries.length > 0) await this.runQueries(this.queries.splice(0));
        else await this.runSlice(this.documents[0]!);
        await nextTurn(); // let requests that arrived meanwhile join their lane before the next call
      }
    } finally {
      this.pumping = false;
    }
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
