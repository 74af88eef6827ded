// A short hint of why a note matched: by meaning (with similarity), by words, or both.
import type { MatchReason } from '../../../shared/models';

/** Pills such as "meaning 82%" and "words". */
export function WhyHint({ why }: { why: MatchReason }) {
  const details: string[] = [];
  if (why.vector) details.push(`meaning: rank ${why.vector.rank}, similarity ${why.vector.similarity.toFixed(2)}`);
  if (why.keyword) details.push(`words: rank ${why.keyword.rank}`);
  const title = `Matched by ${details.join('; ')}`;
  return (
    <span className="why" title={title} aria-label={title}>
      {why.vector && <span className={`why-pill why-meaning ${why.vector.similarity < 0.2 ? 'weak' : ''}`}>≈ meaning {Math.round(Math.max(0, why.vector.similarity) * 100)}%</span>}
      {why.keyword && <span className="why-pill why-words">“words”</span>}
    </span>
  );
}
