// The embedding pipeline as the app runs it after an import: the engine's background queue runner, timed from its
// start until a number of chunks is embedded (or, with `untilEmpty`, until the queue is empty).
import type { Engram } from '../src/core/engine/engram';

/** What the pipeline did in the measured window. */
export interface PipelineWindow {
  readonly chunks: number;
  readonly ms: number;
  readonly chunksPerSecond: number;
  /** True when the queue was empty at the end of the window. */
  readonly drained: boolean;
}

/**
 * Starts the engine's background embedding and resolves when `target` chunks are embedded (counted by the runner's
 * own progress events) or, with untilEmpty, when the runner reports the queue empty. The runner keeps going
 * afterwards; close the engine to stop it.
 */
export function measurePipeline(engram: Engram, target: number, untilEmpty: boolean, log: (line: string) => void): Promise<PipelineWindow> {
  return new Promise((resolve) => {
    const started = performance.now();
    let lastLog = started;
    let done = 0;
    const finish = (drained: boolean): void => {
      unsubscribe();
      const ms = performance.now() - started;
      resolve({ chunks: done, ms, chunksPerSecond: done / (ms / 1000), drained });
    };
    const unsubscribe = engram.onProgress((p) => {
      if (p.kind === 'idle') {
        if (p.pending === 0) finish(true);
        return;
      }
      done = p.done;
      if (performance.now() - lastLog > 30_000) {
        lastLog = performance.now();
        log(`  embedding: ${p.done}/${p.total} chunks, ${(process.memoryUsage.rss() / 1024 ** 2).toFixed(0)} MB RSS`);
      }
      if (!untilEmpty && done >= target) finish(false);
    });
    engram.startBackgroundEmbedding();
  });
}
