import type { MatchReason } from '../../shared/models';

/**
 * Cosine similarity below which a hit that shares no word with the query is "less related", per embedding provider.
 * The window puts such hits under a "Less related" divider and a search whose hits all fall there says "No matches";
 * Ask does not answer from them. The built-in model's 0.35 is the highest cut-off that marks none of the relevant
 * notes hybrid finds by meaning alone on CISI (71 such notes) and CACM (7), nor changes nDCG@10 on either
 * (`npm run eval -- --cutoffs ...`, eval/README.md); it matches Ask's earlier hand measurement (questions about a
 * note 0.43-0.70, unrelated questions at most 0.17). Ollama models spread higher (unrelated texts often 0.3-0.5):
 * not measured here, so their bar is set high and the keyword leg carries most of the decision.
 */
export const LESS_RELATED_BELOW: Readonly<Record<string, number>> = { builtin: 0.35, ollama: 0.55 };

/** The cut-off for a space's provider (the Ollama one for providers not listed). */
export function lessRelatedBelow(provider: string | null | undefined): number {
  return LESS_RELATED_BELOW[provider ?? 'builtin'] ?? LESS_RELATED_BELOW['ollama']!;
}

/** Whether a hit is less related: no query word in it, and its meaning (if it has one) below the cut-off. */
export function isLessRelated(why: MatchReason, below: number): boolean {
  return why.keyword === null && (why.vector?.similarity ?? -1) < below;
}

/** Hits in the order recall gives them: the others first, then the less related, each group in its own order. */
export function lessRelatedLast<T extends { readonly lessRelated: boolean }>(hits: readonly T[]): T[] {
  return [...hits.filter((h) => !h.lessRelated), ...hits.filter((h) => h.lessRelated)];
}
