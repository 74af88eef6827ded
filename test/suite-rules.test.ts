// Rules for the suite itself: tests assert behaviour, never wall-clock thresholds (those live in `npm run bench*`),
// and nothing is left skipped or focused. A timed assertion failed CI on a busy machine once (83 ms against 50).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const testRoot = path.dirname(fileURLToPath(import.meta.url));

/** Every test file of `npm test` (benchmarks in *.bench-test.ts run only under `npm run bench:ui`). */
function testFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(full);
    return entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

/** Something that reads like a measured time, compared with a fixed number of milliseconds. */
const TIMED = /expect\((?=[^;]*(?:Date\.now\(\)|performance\.now\(\)|percentile\(|\belapsed|\bwaited|\btook(?:Ms)?\b|durationMs|latency|\bp9[059]\b))[^;]*\)\s*\.(?:not\.)?toBe(?:Less|Greater)Than(?:OrEqual)?\(\s*[1-9][\d_]*(?:\.\d+)?\s*\)/;
const LEFT_OUT = /\b(?:it|test|describe)\.(?:skip|only|todo)\(|\bx(?:it|describe)\(/;

describe('the test suite', () => {
  const files = testFiles(testRoot).filter((file) => file !== fileURLToPath(import.meta.url));

  it('has no wall-clock thresholds', () => {
    const offenders = files.flatMap((file) =>
      fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (TIMED.test(line) ? [`${path.relative(testRoot, file)}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(offenders).toEqual([]);
  });

  it('has no skipped, focused or todo tests', () => {
    const offenders = files.filter((file) => LEFT_OUT.test(fs.readFileSync(file, 'utf8'))).map((file) => path.relative(testRoot, file));
    expect(offenders).toEqual([]);
  });

  it('recognises the thresholds it forbids', () => {
    expect(TIMED.test('expect(delay.percentile(99) / 1e6).toBeLessThan(50);')).toBe(true);
    expect(TIMED.test('expect(Date.now() - started).toBeLessThan(5000);')).toBe(true);
    expect(TIMED.test('expect(waited).toBeGreaterThanOrEqual(45);')).toBe(true);
    expect(TIMED.test('expect(report.counts.failed).toBeGreaterThan(0);')).toBe(false);
    expect(TIMED.test('expect(doc.tookMs).toBeGreaterThanOrEqual(0);')).toBe(false); // a shape check, not a threshold
    expect(TIMED.test('expect(Date.parse(space.purgeAfter)).toBeGreaterThan(Date.now());')).toBe(false); // a date in the future
  });
});
