// Opens the engine for one command and always closes it (it holds the data-directory lock), even on error or Ctrl-C.
import type { CliContext, CliEngine } from './cli-context';

/** Exit codes after a signal (128 + its number), as shells expect. */
const EXIT_ON_SIGNAL: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143 };
/** How long an interrupted command waits for the engine to close before exiting anyway. */
const CLOSE_TIMEOUT_MS = 5000;

/**
 * Runs `work` with an open engine (no background embedding) and closes the engine afterwards. A first Ctrl-C (or
 * SIGTERM) closes the engine (waiting at most 5 s) and exits 130 (143); a second one exits at once.
 */
export async function withEngine<T>(ctx: CliContext, work: (engine: CliEngine) => Promise<T>): Promise<T> {
  const engine = await ctx.deps.openEngram({ dataDir: ctx.dataDir, autoEmbed: false, holder: 'the engram CLI' });
  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => (closing ??= engine.close());
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    const code = EXIT_ON_SIGNAL[signal] ?? 130;
    if (interrupted) process.exit(code);
    interrupted = true;
    ctx.out.note(`engram: ${signal === 'SIGINT' ? 'interrupted' : 'terminated'}; closing the database (queued work stays queued)...`);
    // Give the engine a few seconds to close cleanly; the lock is released on exit either way.
    const giveUp = setTimeout(() => process.exit(code), CLOSE_TIMEOUT_MS);
    close()
      .catch(() => undefined)
      .finally(() => {
        clearTimeout(giveUp);
        process.exit(code);
      });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    let result: T;
    try {
      result = await work(engine);
    } catch (error) {
      // The work's own error is the one to report; a failure to close on top of it would only hide it.
      await close().catch(() => undefined);
      throw error;
    }
    await close();
    return result;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
