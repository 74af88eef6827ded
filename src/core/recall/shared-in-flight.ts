/**
 * Runs identical reads once while they overlap: a second caller with the same key gets the first caller's promise
 * instead of starting the same work again. Nothing is kept once the work settles, so there is nothing to invalidate:
 * callers that overlap in time are answered from the same moment of the database.
 */
export class SharedInFlight<T> {
  private readonly running = new Map<string, Promise<T>>();

  /** The running work for `key`, or `work()` started and shared until it settles. */
  run(key: string, work: () => Promise<T>): Promise<T> {
    const existing = this.running.get(key);
    if (existing) return existing;
    const started = work().finally(() => this.running.delete(key));
    this.running.set(key, started);
    return started;
  }
}
