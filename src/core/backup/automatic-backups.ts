// The timer behind the daily automatic backup: a first check a little after the memory opens, then one an hour.

/** How often, after the first check, the engine asks whether a backup is due. */
export const CHECK_EVERY_MS = 60 * 60 * 1000;
/** The first check's delay after opening: start-up (and the first searches) go first. */
export const FIRST_CHECK_MS = 2 * 60 * 1000;

/**
 * Calls `check` (which decides whether a backup is due and takes it) after `firstDelayMs`, then every hour, never
 * two at once; a failure is reported to `onError` and the next check runs as planned. The timers do not keep the
 * process alive.
 */
export class AutomaticBackups {
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private running: Promise<void> | null = null;

  constructor(
    private readonly check: () => Promise<unknown>,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Starts the checks. */
  start(firstDelayMs = FIRST_CHECK_MS, everyMs = CHECK_EVERY_MS): void {
    const tick = (): void => {
      this.running = this.check()
        .then(() => undefined, this.onError)
        .finally(() => {
          this.running = null;
          if (!this.stopped) this.timer = setTimeout(tick, everyMs).unref();
        });
    };
    this.timer = setTimeout(tick, firstDelayMs).unref();
  }

  /** Stops the checks and waits for one in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
