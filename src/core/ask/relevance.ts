// Decides whether a recalled note is relevant enough to answer from. Recall's fused score is a rank, not a measure
// of relevance, so this looks at why the note matched: it shares a content word with the question (the BM25 leg uses
// English stemming and stop words, so "the" and "what" never count), or its meaning is close enough.
import type { RecallHit } from '../../shared/models';

/**
 * Cosine similarity from which a note counts as relevant by meaning alone, per embedding provider. Measured with the
 * built-in model (USE-lite) on a handful of notes: questions about a note scored 0.43-0.70 against it, unrelated
 * questions ("what is the capital of France?") at most 0.17 against any note. Ollama embedding models spread higher
 * (unrelated texts often 0.3-0.5), so they need a higher bar; there the keyword leg carries most of the decision.
 */
export const RELEVANCE_SIMILARITY: Readonly<Record<string, number>> = { builtin: 0.35, ollama: 0.55 };

/** The bar for a provider (the Ollama one for providers not listed). */
export function similarityThreshold(provider: string | null | undefined): number {
  return RELEVANCE_SIMILARITY[provider ?? 'builtin'] ?? RELEVANCE_SIMILARITY['ollama']!;
}

/** True when the hit shares a content word with the question, or is close enough in meaning. */
export function isRelevant(hit: RecallHit, threshold: number): boolean {
  if (hit.why.keyword !== null) return true;
  return (hit.why.vector?.similarity ?? 0) >= threshold;
}
