import { describe, expect, it, vi } from 'vitest';
import { ForegroundGate } from '../../src/core/jobs/foreground-gate';
import { nextWriteSlice } from '../../src/core/jobs/embedding-queue-runner';

const later = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('foreground gate: background writes give way to recall', () => {
  it('lets a writer through at once when no recall runs, after yielding to the event loop', async () => {
    const gate = new ForegroundGate();
    const order: string[] = [];
    setImmediate(() => order.push('message that arrived meanwhile'));
    await gate.quiet();
    order.push('write');
    expect(order).toEqual(['message that arrived meanwhile', 'write']);
  });

  it('holds a writer while recalls run and releases it after the last one ends, once its answer is out', async () => {
    const gate = new ForegroundGate();
    const order: string[] = [];
    const first = gate.run(async () => {
      await later(30);
      order.push('recall 1 done');
    });
    const second = gate.run(async () => {
      await later(60);
      order.push('recall 2 done');
    });
    const writer = gate.quiet(5_000).then(() => order.push('write'));
    const answered = second.then(() => order.push('recall 2 answered'));
    await Promise.all([first, second, writer, answered]);
    expect(order).toEqual(['recall 1 done', 'recall 2 done', 'recall 2 answered', 'write']);
  });

  it('never holds a writer longer than its limit, so a steady stream of recalls cannot stop embedding', async () => {
    // fake clock: the limit is checked by stepping time, not by measuring a real wait on a busy machine
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'performance'] });
    try {
      const gate = new ForegroundGate();
      let stop = false;
      let recalls = 0;
      const stream = (async () => {
        while (!stop) await gate.run(() => later(5).then(() => void recalls++));
      })();
      let released = false;
      const writer = gate.quiet(50).then(() => (released = true));
      await vi.advanceTimersByTimeAsync(45);
      expect(released).toBe(false); // recalls keep coming, so it waits...
      await vi.advanceTimersByTimeAsync(10);
      expect(released).toBe(true); // ...but not past its limit, though recalls still run
      expect(recalls).toBeGreaterThanOrEqual(9);
      stop = true;
      await vi.advanceTimersByTimeAsync(10);
      await Promise.all([stream, writer]);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('write slices sized by time', () => {
  it('grows while writes are quick and shrinks when they get slow, by at most a factor of two per step', () => {
    expect(nextWriteSlice(4, 4, 2)).toBe(8); // 0.5 ms a vector: 24 would fit, but double at most
    expect(nextWriteSlice(32, 32, 4)).toBe(32); // never above the ceiling
    expect(nextWriteSlice(16, 16, 160)).toBe(8); // 10 ms a vector: 1 fits, halve at most
    expect(nextWriteSlice(1, 1, 80)).toBe(1); // never below one
    expect(nextWriteSlice(8, 8, 24)).toBe(4); // 3 ms a vector: 4 fit in 12 ms
  });
});
