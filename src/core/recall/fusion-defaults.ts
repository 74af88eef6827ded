import type { FusionWeights } from './rank-fusion';
import type { ScoreFusion } from './score-fusion';

/** How hybrid recall combines its legs: score fusion, or reciprocal rank fusion (`FusionWeights`). */
export type Fusion = ScoreFusion | FusionWeights;

/** Whether a fusion setting combines scores (else it is reciprocal rank fusion). */
export function isScoreFusion(fusion: Fusion): fusion is ScoreFusion {
  return 'method' in fusion && fusion.method === 'zscore';
}

/**
 * The vector leg's weight for the built-in model (USE-lite). Chosen by `npm run eval` on CISI and CACM and checked
 * leave-one-collection-out: 0.3 was the best weight on each collection alone (eval/README.md).
 */
export const BUILTIN_VECTOR_WEIGHT = 0.3;

/**
 * The vector leg's weight for other models (Ollama): equal weights. Not measured here (no Ollama server on the
 * evaluation machine); a stronger model than USE-lite deserves at least the built-in model's share.
 */
export const OTHER_VECTOR_WEIGHT = 0.5;

/** The fusion hybrid recall uses for a space's provider unless a caller overrides it. */
export function defaultFusionFor(provider: string | null): ScoreFusion {
  return { method: 'zscore', vectorWeight: provider === null || provider === 'builtin' ? BUILTIN_VECTOR_WEIGHT : OTHER_VECTOR_WEIGHT };
}
