import { EngramError } from '../errors';

/** Throws CANCELLED once the request it belongs to has been replaced by a newer one. */
export type StaleCheck = () => void;

const NEVER_STALE: StaleCheck = () => {};

/**
 * Streams of requests of which only the newest matters, such as search as you type: when a newer request joins a
 * stream, older ones still running stop at their next check instead of spending the engine on an answer nobody
 * will read. Requests without a stream are never stale.
 */
export class LatestWins {
  private readonly newest = new Map<string, number>();
  private counter = 0;

  /** Registers a request in `stream` and returns its check (a no-op without a stream). */
  begin(stream: string | undefined): StaleCheck {
    if (stream === undefined) return NEVER_STALE;
    const ticket = ++this.counter;
    this.newest.set(stream, ticket);
    return () => {
      if (this.newest.get(stream) !== ticket) throw new EngramError('CANCELLED', 'A newer search replaced this one.');
    };
  }
}
