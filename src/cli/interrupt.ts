// Ctrl-C (SIGINT) and SIGTERM for long commands: the first signal runs a handler (close, pause, cancel), a second
// one exits at once.

/** Exit codes after a signal (128 + its number), as shells expect. */
const EXIT_ON_SIGNAL: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143 };

/** The exit code for a command stopped by this signal (130 for Ctrl-C, 143 for SIGTERM). */
export function exitCodeForSignal(signal: NodeJS.Signals): number {
  return EXIT_ON_SIGNAL[signal] ?? 130;
}

/**
 * Calls `handler` on the first SIGINT or SIGTERM; a second signal exits the process at once with the signal's code.
 * Returns the function that removes the listeners.
 */
export function handleInterrupts(handler: (signal: NodeJS.Signals, exitCode: number) => void): () => void {
  let seen = false;
  const listener = (signal: NodeJS.Signals): void => {
    const code = exitCodeForSignal(signal);
    if (seen) process.exit(code);
    seen = true;
    handler(signal, code);
  };
  process.on('SIGINT', listener);
  process.on('SIGTERM', listener);
  return () => {
    process.off('SIGINT', listener);
    process.off('SIGTERM', listener);
  };
}
