// Proof that imported notes are keyword-searchable: each note's unique marker word, recalled in keyword mode, must
// return that note first. Counting rows is not enough; this goes through the same recall the app uses.
import type { Engram } from '../src/core/engine/engram';
import { vaultMarker, vaultTitle } from './import-vault';

/** What the keyword check found. */
export interface KeywordCheck {
  /** Notes recalled (all of them, or an evenly spread sample that always includes the first and the last). */
  readonly checked: number;
  readonly found: number;
  readonly ms: number;
  /** Up to five notes that were not found first by their marker. */
  readonly missing: readonly string[];
}

/** Indices 0..count-1, all of them or `sample` evenly spread (first and last included). */
function indices(count: number, sample: number | 'all'): number[] {
  if (sample === 'all' || sample >= count) return Array.from({ length: count }, (_, i) => i);
  const picked = new Set<number>([0, count - 1]);
  for (let k = 1; picked.size < sample; k++) picked.add(Math.round((k * (count - 1)) / (sample - 1)) % count);
  return [...picked].sort((a, b) => a - b);
}

/** Recalls each chosen note by its marker in keyword mode and checks that it comes back first. */
export async function verifyKeywordSearchable(engram: Engram, count: number, sample: number | 'all'): Promise<KeywordCheck> {
  const started = performance.now();
  const missing: string[] = [];
  let found = 0;
  const chosen = indices(count, sample);
  for (const i of chosen) {
    const result = await engram.recall(vaultMarker(i), { mode: 'keyword', limit: 1 });
    if (result.results[0]?.title === vaultTitle(i)) found++;
    else if (missing.length < 5) missing.push(vaultTitle(i));
  }
  return { checked: chosen.length, found, ms: performance.now() - started, missing };
}
