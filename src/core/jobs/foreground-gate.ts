/**
 * Longest a background write waits for foreground calls to finish, so a steady stream of them cannot stop
 * embedding. With 250 ms, recall issued back to back for 48 minutes let a 50k-chunk re-embed store about 10 vectors
 * a second (one ~12 ms write slice per wait); 50 ms gives writes about a fifth of the engine under that load.
 */
export const MAX_YIELD_MS = 50;

/**
 * Lets background writers (the embedding queue) give way to recall, which measured 3-5x slower than idle while a
 * re-embed wrote vectors (bench/README.md, re-embed under load). Two causes: PGlite answers in microtasks, so a
 * writer that always has work never lets its thread take the next message, and a recall waited for the writer's
 * whole run of transactions before it even started; and PGlite runs statements first come first served, so a
 * write slice (a few HNSW inserts) slipped in before each of a recall's statements. Recall runs inside run();
 * writers await quiet() before each write.
 */
export class ForegroundGate {
  private running = 0;
  private waiters: (() => void)[] = [];

  /** Runs a foreground read; writers hold back until it ends. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    this.running++;
    try {
      return await work();
    } finally {
      this.running--;
      if (this.running === 0) this.wake();
    }
  }

  /**
   * Resolves when no foreground read is running, or after `maxWaitMs`. It always yields to the event loop first
   * (and again after each wait), so a request that arrived meanwhile starts, and a recall that just ended sends its
   * answer, before the writer goes on: PGlite answers in microtasks, so a writer that always has work would
   * otherwise keep the thread from taking its next message.
   */
  async quiet(maxWaitMs = MAX_YIELD_MS): Promise<void> {
    const deadline = performance.now() + maxWaitMs;
    for (;;) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      const left = deadline - performance.now();
      if (this.running === 0 || left <= 0) return;
      await new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(done, left);
        this.waiters.push(done);
      });
    }
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const done of waiters) done();
  }
}
