// Leave-one-collection-out: a setting is chosen on the other collections and measured on the one left out.
import { mean, relativeGain } from './metrics';

/** One candidate setting and its nDCG@10 on every collection. */
export interface SweepPoint {
  /** How the setting is shown ("vector weight 0.3"). */
  readonly label: string;
  readonly ndcgAt10: ReadonlyMap<string, number>;
}

/** The setting chosen without looking at one collection, and how it did there. */
export interface LeaveOneOutRow {
  readonly measuredOn: string;
  readonly chosenOn: readonly string[];
  readonly label: string;
  readonly ndcgAt10: number;
  /** Relative nDCG@10 gain over keyword mode on the collection measured. */
  readonly gainOverKeyword: number;
}

/**
 * For each collection, picks the sweep point with the best mean gain over keyword mode on all the other
 * collections (the first such point on a tie) and reports its nDCG@10 on the collection left out. Needs two
 * collections or more; with one there is nothing to choose on.
 */
export function leaveOneOut(points: readonly SweepPoint[], keywordNdcg: ReadonlyMap<string, number>): LeaveOneOutRow[] {
  const collections = [...keywordNdcg.keys()];
  if (collections.length < 2 || points.length === 0) return [];
  return collections.map((left) => {
    const others = collections.filter((c) => c !== left);
    const gainOn = (p: SweepPoint, c: string): number => relativeGain(p.ndcgAt10.get(c) ?? 0, keywordNdcg.get(c) ?? 0);
    let best = points[0]!;
    for (const p of points) if (mean(others.map((c) => gainOn(p, c))) > mean(others.map((c) => gainOn(best, c)))) best = p;
    return { measuredOn: left, chosenOn: others, label: best.label, ndcgAt10: best.ndcgAt10.get(left) ?? 0, gainOverKeyword: gainOn(best, left) };
  });
}
