// Issues hybrid recall() calls one after another through the engine API, as a person searching would, timing each
// and classifying it: answered, threw, came back empty where the idle block had results, or fell back to keyword
// matches only (the semantic leg was unavailable).
import type { EngramApi } from '../src/core/engine/engram-api';

/** How one recall ended. */
export type RecallOutcome = 'ok' | 'threw' | 'empty' | 'keywordOnly';

/** One timed recall. */
export interface RecallSample {
  /** performance.now() when the call was made. */
  readonly at: number;
  readonly ms: number;
  readonly query: number;
  readonly outcome: RecallOutcome;
  /** The error or notice, for failures. */
  readonly detail: string | null;
}

const KEYWORD_ONLY = /keyword matches only/i;

/** Times recalls of a fixed list of query texts against one engine. */
export class RecallSampler {
  /** Per query: whether the idle block found anything (an empty answer later is then a failure). */
  private readonly idleHadResults: boolean[];
  private next = 0;

  constructor(
    private readonly api: Pick<EngramApi, 'recall'>,
    private readonly queries: readonly string[],
  ) {
    this.idleHadResults = queries.map(() => false);
  }

  /**
   * One untimed pass over every query, so the model is loaded and every query has read its pages once before the
   * idle block, as in an app that has been searched before.
   */
  async warmUp(): Promise<void> {
    for (const text of this.queries) await this.api.recall(text, { mode: 'hybrid', limit: 10 });
  }

  /** The idle baseline: `passes` passes over every query; remembers which queries found something. */
  async idleBlock(passes: number): Promise<RecallSample[]> {
    const samples: RecallSample[] = [];
    for (let p = 0; p < passes; p++) {
      for (let q = 0; q < this.queries.length; q++) {
        const sample = await this.one(q, true);
        samples.push(sample);
      }
    }
    return samples;
  }

  /** Recalls cycling through the queries, `gapMs` apart (0 = back to back), until `done()` says stop. */
  async until(done: () => boolean, gapMs = 0): Promise<RecallSample[]> {
    const samples: RecallSample[] = [];
    while (!done()) {
      samples.push(await this.one(this.next, false));
      this.next = (this.next + 1) % this.queries.length;
      if (gapMs > 0) await new Promise((resolve) => setTimeout(resolve, gapMs));
    }
    return samples;
  }

  private async one(q: number, idle: boolean): Promise<RecallSample> {
    const at = performance.now();
    try {
      const result = await this.api.recall(this.queries[q]!, { mode: 'hybrid', limit: 10 });
      const ms = performance.now() - at;
      if (idle && result.results.length > 0) this.idleHadResults[q] = true;
      const keywordOnly = result.notices.find((n) => KEYWORD_ONLY.test(n));
      if (keywordOnly) return { at, ms, query: q, outcome: 'keywordOnly', detail: keywordOnly };
      if (!idle && result.results.length === 0 && this.idleHadResults[q]) return { at, ms, query: q, outcome: 'empty', detail: 'no results (idle had some)' };
      return { at, ms, query: q, outcome: 'ok', detail: null };
    } catch (error) {
      return { at, ms: performance.now() - at, query: q, outcome: 'threw', detail: error instanceof Error ? error.message : String(error) };
    }
  }
}
