// Editors save in odd ways (write a temporary file then rename it, truncate then write, several events per save), so
// changes are gathered until the folder has been quiet for a moment, then handed over together.

/** Gathers changed paths and hands them over once no new one arrived for `quietMs` (at most `maxWaitMs` after the first). */
export class ChangeSettler {
  private paths = new Set<string>();
  private quietTimer: NodeJS.Timeout | null = null;
  private maxTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly quietMs: number,
    private readonly maxWaitMs: number,
    private readonly flush: (paths: Set<string>) => void,
  ) {}

  /** Adds changed paths; the quiet period starts again. */
  add(paths: Iterable<string>): void {
    for (const p of paths) this.paths.add(p);
    if (this.quietTimer) clearTimeout(this.quietTimer);
    this.quietTimer = setTimeout(() => this.release(), this.quietMs);
    this.maxTimer ??= setTimeout(() => this.release(), this.maxWaitMs);
  }

  /** Drops what was gathered and stops the timers. */
  close(): void {
    if (this.quietTimer) clearTimeout(this.quietTimer);
    if (this.maxTimer) clearTimeout(this.maxTimer);
    this.quietTimer = this.maxTimer = null;
    this.paths = new Set();
  }

  private release(): void {
    const paths = this.paths;
    this.close();
    if (paths.size) this.flush(paths);
  }
}
