// Opens the engine for one command and always closes it (it holds the data-directory lock), even on error or Ctrl-C.
import type { CliContext, CliEngine } from './cli-context';
import { CliExit } from './cli-error';
import { handleInterrupts } from './interrupt';

/** How long an interrupted command waits for the engine to close before exiting anyway. */
const CLOSE_TIMEOUT_MS = 5000;

/** A command's view of its open engine's lifetime: whether Ctrl-C arrived, and what to do when it does. */
export interface EngineSession {
  /** The signal that interrupted the command, once one did. Long loops check it and stop calling the engine. */
  readonly interrupted: NodeJS.Signals | null;
  /**
   * While set, a first Ctrl-C (or SIGTERM) runs this instead of exiting (e.g. to pause a re-embed). The engine is
   * closed afterwards, which ends a running drain once the batches in flight are stored; the command then exits 130
   * (143), printing the message this returned (e.g. how to resume) as its last line.
   */
  onInterrupt: ((signal: NodeJS.Signals) => Promise<string>) | null;
}

/** How a command uses the memory. */
export interface EngineUse {
  /**
   * A few reads of a few rows (status, list, get, links): a smaller buffer cache, so less memory. Not for searches:
   * `engram recall` in hybrid mode got slower with it (bench/README.md, "The CLI").
   */
  readonly brief?: boolean;
}

/**
 * Runs `work` with an open engine (no background embedding) and closes the engine afterwards. A first Ctrl-C (or
 * SIGTERM) closes the engine (waiting at most 5 s) and exits 130 (143), unless the command set
 * `session.onInterrupt`; a second one exits at once.
 */
export async function withEngine<T>(ctx: CliContext, work: (engine: CliEngine, session: EngineSession) => Promise<T>, use: EngineUse = {}): Promise<T> {
  const engine = await ctx.deps.openEngram({ dataDir: ctx.dataDir, autoEmbed: false, holder: 'the engram CLI', ...(use.brief ? { brief: true } : {}) });
  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => (closing ??= engine.close());
  const session: { interrupted: NodeJS.Signals | null; onInterrupt: EngineSession['onInterrupt'] } = { interrupted: null, onInterrupt: null };
  const state: {
    /** Set when the command's own interrupt handler took over: the command then ends with this exit code. */
    handled: { code: number; done: Promise<string> } | null;
    giveUp: NodeJS.Timeout | null;
  } = { handled: null, giveUp: null };
  const exitSoon = (code: number): void => {
    // Give the engine a few seconds to close cleanly; the lock is released on exit either way.
    state.giveUp = setTimeout(() => process.exit(code), CLOSE_TIMEOUT_MS);
  };
  const stopListening = handleInterrupts((signal, code) => {
    session.interrupted = signal;
    const handler = session.onInterrupt;
    if (handler) {
      const done = handler(signal)
        .catch((error: unknown) => (error instanceof Error ? error.message : String(error)))
        .then(async (message) => {
          exitSoon(code);
          await close().catch(() => undefined);
          return message;
        });
      state.handled = { code, done };
      return;
    }
    ctx.out.note(`engram: ${signal === 'SIGINT' ? 'interrupted' : 'terminated'}; closing the database (queued work stays queued)...`);
    exitSoon(code);
    close()
      .catch(() => undefined)
      .finally(() => process.exit(code));
  });
  const finishInterrupted = async (): Promise<never> => {
    const { code, done } = state.handled!;
    throw new CliExit(code, await done);
  };
  try {
    let result: T;
    try {
      result = await work(engine, session);
    } catch (error) {
      if (state.handled) return await finishInterrupted();
      // The work's own error is the one to report; a failure to close on top of it would only hide it.
      await close().catch(() => undefined);
      throw error;
    }
    if (state.handled) return await finishInterrupted();
    await close();
    return result;
  } finally {
    stopListening();
    if (state.giveUp) clearTimeout(state.giveUp);
  }
}
