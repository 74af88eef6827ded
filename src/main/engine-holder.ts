// The memory engine main talks to, replaceable: a restore closes it, swaps the database and opens a new one, and
// everything wired to the old one (progress events, the agents' socket) is wired to the new one.
import type { EngramApi } from '../core/engine/engram-api';

/**
 * Holds the current engine (a promise while it opens; a rejected one when it could not open). `replace` closes it,
 * runs work while the memory is closed, and opens it again; `onOpened` runs for every engine that opens.
 */
export class EngineHolder {
  private currentEngine: Promise<EngramApi>;
  private replacing: Promise<unknown> | null = null;

  constructor(
    private readonly open: () => Promise<EngramApi>,
    private readonly onOpened: (engine: EngramApi) => void | Promise<void> = () => undefined,
  ) {
    this.currentEngine = this.start();
  }

  /** The current engine (waits while a replacement is under way). */
  async current(): Promise<EngramApi> {
    while (this.replacing) await this.replacing.catch(() => undefined);
    return this.currentEngine;
  }

  /**
   * Closes the engine (if it opened), runs `work` with the memory closed, and opens it again whatever `work` did, so
   * the window always ends with the memory open (or the reason it cannot be). Resolves with `work`'s result.
   */
  async replace<T>(work: () => Promise<T>): Promise<T> {
    while (this.replacing) await this.replacing.catch(() => undefined);
    const run = (async () => {
      const old = await this.currentEngine.catch(() => null);
      await old?.close();
      try {
        return await work();
      } finally {
        this.currentEngine = this.start();
        await this.currentEngine.catch(() => undefined);
      }
    })();
    this.replacing = run;
    try {
      return await run;
    } finally {
      this.replacing = null;
    }
  }

  /** Closes the current engine (at quit). */
  async close(): Promise<void> {
    const engine = await this.current().catch(() => null);
    await engine?.close();
  }

  private start(): Promise<EngramApi> {
    const opening = this.open();
    opening.then(this.onOpened, () => undefined);
    return opening;
  }
}
